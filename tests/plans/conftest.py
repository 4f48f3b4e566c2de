import pytest

from courses.models import LessonPage
from plans.selectors import lesson_exercises

REFLECTION = "Wie in jouw organisatie deelt nu al kennis online?"


def set_body(lesson, blocks):
    lesson.body = blocks
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def sheet(kind, title, required=False):
    return (
        "worksheet",
        {"kind": kind, "title": title, "instructions": "Vul in.", "required": required},
    )


@pytest.fixture
def plan_lessons(lessons):
    """Lessons with exercises: People (a required reflection and champions), Means
    (channels), Time (capacity and activities)."""
    people = set_body(
        lessons[0],
        [
            ("paragraph", "<p>Over mensen.</p>"),
            ("reflection", {"question": REFLECTION, "guidance": "", "required": True}),
            sheet("champions", "Jouw ambassadeurs"),
        ],
    )
    content = set_body(lessons[3], [sheet("content_themes", "Jouw thema's")])
    means = set_body(lessons[6], [sheet("channels", "Jouw kanalen")])
    time = set_body(
        lessons[9], [sheet("time_capacity", "Kunnen en mogen"), sheet("activities", "Activiteiten")]
    )
    return {"people": people, "content": content, "means": means, "time": time}


@pytest.fixture
def reflection_id(plan_lessons):
    return next(
        e.block_id for e in lesson_exercises(plan_lessons["people"]) if e.block_type == "reflection"
    )
