"""The demo course's files (courses/content/mcmt): the structure issue #17 asks for.

Read with the importer's reader only, so these tests need no database.
"""

import re

import pytest
from django.utils.html import strip_tags

from courses.demo import DEMO_COURSE_DIR
from courses.importer import read_course
from courses.importer.reader import SCENARIO

PILLARS = ["people", "content", "means", "time"]
# Distractors that give themselves away (issue #17): absolute words in a wrong answer.
GIVEAWAYS = re.compile(r"\b(uitsluitend|altijd|alle|nooit|alleen)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def course():
    return read_course(DEMO_COURSE_DIR)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            if name not in {"type", "id", "kind"}:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def words(lesson) -> int:
    text = " ".join(strip_tags(s) for block in lesson.body_blocks for s in _strings(block.value))
    return len(re.findall(r"\w+", text))


def lessons(module):
    return [c for c in module.children if c.kind == "lesson"]


def quizzes(module):
    return [c for c in module.children if c.kind == "quiz"]


def blocks(module, block_type):
    return [b for lesson in lessons(module) for b in lesson.body_blocks if b.type == block_type]


def questions(quiz):
    """Every question asked, with scenario sub-questions in place of their scenario."""
    for question in quiz.fields["_questions"]:
        if question["type"] == SCENARIO:
            yield from question["questions"]
        else:
            yield question


def test_an_opening_module_four_pillar_modules_in_order_and_a_closing_module(course):
    assert [m.fields["pillar"] for m in course.children] == ["", *PILLARS, ""]
    assert course.slug == "sociale-media-zakelijk"
    assert course.fields["instructor_name"] == "Femke Janssen"


def test_pillar_modules_have_three_or_four_lessons_of_400_to_600_words(course):
    for module in course.children[1:-1]:
        assert 3 <= len(lessons(module)) <= 4, module.slug
    for module in course.children[:-1]:
        for lesson in lessons(module):
            assert 400 <= words(lesson) <= 600, (lesson.path, words(lesson))
    closing = lessons(course.children[-1])
    assert len(closing) == 1 and 250 <= words(closing[0]) <= 450


def test_every_lesson_has_objectives_a_summary_and_minutes(course):
    for module in course.children:
        for lesson in lessons(module):
            assert len(lesson.fields["objectives"]) >= 2, lesson.path
            assert lesson.fields["summary"] and lesson.fields["estimated_minutes"] >= 5


def test_first_lesson_is_a_free_preview_on_the_model_with_time_as_the_limit(course):
    first = lessons(course.children[0])[0]
    assert first.fields["free_preview"]
    text = " ".join(s for b in first.body_blocks for s in _strings(b.value))
    for phrase in ("Mensen", "Content", "Middelen", "Tijd", "kunt", "mag", "beperkende factor"):
        assert phrase.lower() in strip_tags(text).lower(), phrase


def test_every_module_has_an_image(course):
    for module in course.children:
        assert blocks(module, "image"), module.slug


def test_every_pillar_module_has_a_time_budget_and_a_worked_case(course):
    for module in course.children[1:-1]:
        assert blocks(module, "time_budget"), module.slug
        assert blocks(module, "case"), module.slug


def test_the_example_budgets_of_the_pillars_add_up_to_what_the_time_module_says(course):
    people, content, means, time = course.children[1:-1]
    totals = [
        sum(row["value"]["minutes_per_week"] for row in blocks(m, "time_budget")[0].value["rows"])
        for m in (people, content, means)
    ]
    assert totals == [70, 115, 93]
    tie_together = lessons(time)[-1]
    intro = " ".join(strip_tags(b.value) for b in tie_together.body_blocks[:1])
    assert "70 minuten" in intro and "115" in intro and "93" in intro and "278" in intro
    plan = blocks(time, "time_budget")[-1]
    assert sum(r["value"]["minutes_per_week"] for r in plan.value["rows"]) <= 120


def test_worksheets_for_the_plan_sit_in_their_pillar(course):
    kinds = {
        module.fields["pillar"]: sorted(b.value["kind"] for b in blocks(module, "worksheet"))
        for module in course.children[1:-1]
    }
    assert kinds == {
        "people": ["audiences", "champions"],
        "content": ["content_calendar", "content_themes"],
        "means": ["channels"],
        "time": ["activities", "fixed_moments", "time_capacity"],
    }
    time = course.children[4]
    required = {b.value["kind"] for b in blocks(time, "worksheet") if b.value.get("required")}
    assert {"time_capacity", "activities"} <= required


def test_downloads_point_at_files_of_the_course(course):
    downloads = [b for m in course.children for b in blocks(m, "download")]
    assert len(downloads) >= 3
    for block in downloads:
        assert block.media.path.is_file() and block.media.relative.startswith("files/")


def test_each_pillar_module_ends_with_a_quiz_drawing_6_from_at_least_12(course):
    for module in course.children[1:-1]:
        assert module.children[-1].kind == "quiz", module.slug
        (quiz,) = quizzes(module)
        assert quiz.fields["_draw"] == 6
        assert len(quiz.fields["_questions"]) >= 12
        assert quiz.fields["required"]


def test_one_final_test_drawing_from_every_module(course):
    finals = [q for m in course.children for q in quizzes(m) if q.fields["_final"]]
    assert len(finals) == 1
    (final,) = finals
    assert final in quizzes(course.children[-1])
    assert final.fields["_draw_per_module"] >= 1 and final.fields["required"]


def test_at_least_half_of_the_quiz_questions_are_scenarios_and_all_explain(course):
    for module in course.children:
        for quiz in quizzes(module):
            asked = list(questions(quiz))
            in_scenarios = sum(
                len(q["questions"]) for q in quiz.fields["_questions"] if q["type"] == SCENARIO
            )
            # Scenario blocks alone make up at least a third; the standalone questions that
            # describe a situation (checked by reading) bring it over half.
            assert in_scenarios * 3 >= len(asked), quiz.path
            for question in asked:
                assert len(question["explanation"]) >= 60, question["key"]


def test_no_wrong_answer_gives_itself_away_with_an_absolute(course):
    for module in course.children:
        for quiz in quizzes(module):
            for question in questions(quiz):
                for text, correct in question["answers"]:
                    if not correct:
                        assert not GIVEAWAYS.search(text), (question["key"], text)


def test_dated_platform_names_come_with_their_current_name(course):
    text = " ".join(
        strip_tags(s)
        for module in course.children
        for lesson in lessons(module)
        for block in lesson.body_blocks
        for s in _strings(block.value)
    )
    assert "Viva Engage" in text and "X" in text and "Instagram" in text
    assert "WhatsApp Business" in text
    assert "niet representatief" in text or "geen representatief" in text
    assert "e-book" in text and "PeopleLinx" in text  # the 88 %/55 % figures' source
    assert "Lef" not in text
    assert "meningen" not in text.lower()  # Facebook's *use* was most divided, not opinions
