"""Quiz pages render (for learners, in the outline, in Wagtail's preview) and the demo seeds."""

import uuid

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from courses.demo import DEMO_COURSE_DIR
from courses.importer import read_course
from courses.models import CoursePage, ModulePage, QuizPage
from courses.outline import course_outline
from enrollments.models import QuizAttempt
from enrollments.quizzes import quiz_attempt_submit, quiz_questions
from enrollments.services import enrollment_create
from tests.factories import UserFactory

from .helpers import drawn_right_answers

pytestmark = pytest.mark.django_db


def test_quiz_is_a_step_of_the_outline_with_its_summary_and_minutes(course, quiz, module):
    outline = course_outline(course)
    item = outline.item(quiz.pk)
    assert (item.kind, item.minutes, item.summary, item.required) == (
        "quiz",
        5,
        "Een korte toets.",
        True,
    )
    assert outline.module_of(quiz.pk).id == module.pk


def test_enrolled_learner_sees_the_quiz_in_the_outline_and_on_the_module_page(
    learner_client, quiz, module
):
    html = learner_client.get(module.url).content.decode()
    assert quiz.title in html


def test_wagtail_preview_renders_the_quiz_for_an_editor_who_is_not_enrolled(quiz):
    response = quiz.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert quiz_questions(quiz)[0].text in html
    assert "disabled" in html


class QuizRendersTest(WagtailPageTestCase):
    def test_quiz_page_and_result_render_for_an_enrolled_learner(self):
        call_command("seed_demo", verbosity=0)
        course = CoursePage.objects.get()
        learner = UserFactory()
        enrollment = enrollment_create(user=learner, course=course)
        quiz = QuizPage.objects.live().order_by("path").first()
        self.assertPageIsRenderable(quiz, user=learner)
        token = uuid.uuid4()
        attempt, _ = quiz_attempt_submit(
            enrollment=enrollment,
            quiz=quiz,
            token=token,
            answers=drawn_right_answers(quiz, token, enrollment),
        )
        self.assertPageIsRenderable(quiz, route_path=f"/result/{attempt.token}/", user=learner)


def test_demo_seeds_one_sound_quiz_per_module_once():
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    source = read_course(DEMO_COURSE_DIR)
    expected = {  # module slug -> quiz titles in the files
        module.slug: [child.title for child in module.children if child.kind == "quiz"]
        for module in source.children
    }
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    quizzes = []
    for module in modules:
        found = list(QuizPage.objects.child_of(module).order_by("path"))
        assert [q.title for q in found] == expected[module.slug]
        if module.pillar:
            assert len(found) == 1  # every pillar module ends with its quiz
        quizzes += found
    assert len(quizzes) == 5  # four module quizzes and the final test
    for quiz in quizzes:
        assert quiz.live
        quiz.full_clean()  # every seeded question can be answered and passed
        kinds = {q.kind for q in quiz_questions(quiz)}
        assert kinds <= {"single", "multiple", "true_false"} and len(kinds) >= 2
        # Ids are stored, so they are the same on every load.
        assert [q.id for q in quiz_questions(quiz)] == [
            q.id for q in quiz_questions(QuizPage.objects.get(pk=quiz.pk))
        ]
        assert all(q.explanation for q in quiz_questions(quiz))
        assert course_outline(course).item(quiz.pk).kind == "quiz"
    call_command("seed_demo", verbosity=0)
    assert QuizPage.objects.count() == 5


def test_demo_quiz_can_be_passed_and_failed(client):
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    learner = UserFactory()
    enrollment = enrollment_create(user=learner, course=course)
    quiz = QuizPage.objects.order_by("path").first()
    token = uuid.uuid4()
    attempt, _ = quiz_attempt_submit(
        enrollment=enrollment,
        quiz=quiz,
        token=token,
        answers=drawn_right_answers(quiz, token, enrollment),
    )
    assert attempt.passed and attempt.score == 100
    client.force_login(learner)
    with translation.override("en"):
        url = quiz.get_url()
    assert client.get(url).status_code == 200
    assert QuizAttempt.objects.count() == 1


def test_demo_quizzes_draw_from_pools_and_the_final_test_gates_completion():
    """The demo course as its files describe it: pools, scenarios, a final test, the default
    review options; finishing every lesson and module quiz is not enough without it."""
    from courses.models import LessonPage, ReviewWhen
    from enrollments.services import step_record_done
    from tests.plans.helpers import answer_required_exercises

    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    quizzes = list(QuizPage.objects.descendant_of(course).live().order_by("path"))
    final = [q for q in quizzes if q.is_final_test]
    assert len(final) == 1 and final[0].required and final[0].draw_per_module
    module_quizzes = [q for q in quizzes if not q.is_final_test]
    assert all(q.draw_count and q.draw_count < len(q.questions) for q in module_quizzes)
    assert all(any(c.block_type == "scenario" for c in q.questions) for q in module_quizzes)
    assert {(q.review_score, q.review_marks, q.review_answers) for q in quizzes} == {
        (ReviewWhen.IMMEDIATELY, ReviewWhen.IMMEDIATELY, ReviewWhen.AFTER_PASSING_OR_LAST)
    }

    enrollment = enrollment_create(user=UserFactory(), course=course)
    for lesson in LessonPage.objects.in_course(course):
        answer_required_exercises(enrollment, lesson)  # required reflections and worksheets
        step_record_done(enrollment=enrollment, page=lesson)
    for quiz in module_quizzes:
        token = uuid.uuid4()
        answers = drawn_right_answers(quiz, token, enrollment)
        quiz_attempt_submit(enrollment=enrollment, quiz=quiz, token=token, answers=answers)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None  # the final test is still open
    token = uuid.uuid4()
    answers = drawn_right_answers(final[0], token, enrollment)
    attempt, _ = quiz_attempt_submit(
        enrollment=enrollment, quiz=final[0], token=token, answers=answers
    )
    sources = {q.get("source", "") for q in attempt.questions}
    assert {q.title for q in module_quizzes} <= sources  # it drew from every module quiz
    enrollment.refresh_from_db()
    assert attempt.passed and enrollment.completed_at is not None
