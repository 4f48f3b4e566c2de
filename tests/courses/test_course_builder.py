"""Course building that follows the course: the builder screen, a new lesson before the quiz,
and figures derived from the published steps."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from courses.models import LessonPage, ModulePage, QuizPage
from courses.outline import course_outline
from courses.templatetags.course_tags import duration, step_summary
from tests.factories import LessonPageFactory, QuizPageFactory
from tests.factories.courses import lesson_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def module_with_quiz(course):
    module = ModulePage.objects.child_of(course).order_by("path")[1]
    QuizPageFactory(parent=module, slug="toets")
    return module


def test_a_lesson_added_in_the_admin_lands_before_the_modules_quiz(
    client, instructor, module_with_quiz
):
    client.force_login(instructor)
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module_with_quiz.pk])
    response = client.post(
        url,
        {
            "title": "Nieuwe les",
            "slug": "nieuwe-les",
            "summary": "",
            "estimated_minutes": "8",
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Tekst", '
            '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
            "body-0-deleted": "",
            "body-0-order": "0",
            "objectives-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    children = [p.specific for p in module_with_quiz.get_children().order_by("path")]
    titles = [p.title for p in children]
    assert titles.index("Nieuwe les") == len(titles) - 2
    assert isinstance(children[-1], QuizPage)


def test_module_and_course_minutes_follow_a_published_lesson(client, course, module_with_quiz):
    outline = course_outline(course)
    before_module = outline.module(module_with_quiz.pk).minutes
    before_course = outline.minutes
    LessonPageFactory(parent=module_with_quiz, slug="extra", estimated_minutes=8)
    outline = course_outline(course)
    assert outline.module(module_with_quiz.pk).minutes == before_module + 8
    assert outline.minutes == before_course + 8
    page = client.get(course.url).content.decode()
    assert duration(before_course + 8) in page


def test_every_page_counts_lessons_and_quizzes_the_same_way(client, course, module_with_quiz):
    outline = course_outline(course)
    assert (outline.lesson_count, outline.quiz_count) == (12, 1)
    summary = step_summary(outline)
    assert summary.startswith("12 lessen en 1 toets")
    assert summary in client.get(course.url).content.decode()
    assert (
        step_summary(outline.module(module_with_quiz.pk))
        in client.get(module_with_quiz.url).content.decode()
    )


def test_durations_read_naturally():
    assert [duration(m) for m in (45, 60, 185)] == ["45 min", "1 u", "3 u 5 min"]


def test_the_builder_shows_each_steps_type_minutes_flags_and_state(
    client, instructor, course, module_with_quiz
):
    draft = module_with_quiz.add_child(
        instance=LessonPage(title="Nog in concept", slug="concept", body=lesson_body(), live=False)
    )
    draft.save_revision()
    client.force_login(instructor)
    response = client.get(reverse("course_builder:course", args=[course.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for module in ModulePage.objects.child_of(course):
        assert module.title in html
    assert "Nog in concept" in html and "concept" in html
    add_lesson = reverse(
        "wagtailadmin_pages:add", args=["courses", "lessonpage", module_with_quiz.pk]
    )
    assert add_lesson in html
    assert f"{reverse('wagtailadmin_explore', args=[module_with_quiz.pk])}?ordering=ord" in html


def test_the_builder_is_refused_to_a_learner(client, learner, course):
    client.force_login(learner)
    response = client.get(reverse("course_builder:course", args=[course.pk]))
    assert response.status_code in (302, 403)


def test_the_explorer_lists_a_modules_steps_in_course_order(client, instructor, module_with_quiz):
    client.force_login(instructor)
    response = client.get(reverse("wagtailadmin_explore", args=[module_with_quiz.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    titles = [p.title for p in Page.objects.child_of(module_with_quiz).order_by("path")]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)


def test_the_workflow_button_reads_naturally_in_dutch(client, instructor, course):
    from wagtail.models import Workflow

    assert list(Workflow.objects.values_list("name", flat=True)) == ["Redactie"]
    client.force_login(instructor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "Moderators approval" not in html


def test_admin_screens_of_our_own_name_themselves_in_the_header(client, instructor, course):
    client.force_login(instructor)
    for name, title in [
        ("course_builder:index", "Cursusopbouw"),
        ("lesson_funnel:index", "Funnel"),
        ("invite_learners:index", "Deelnemers uitnodigen"),
    ]:
        html = client.get(reverse(name)).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert title in header, name
