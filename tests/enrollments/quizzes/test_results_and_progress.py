"""Recorded results survive edits; passing counts toward completion; instructors' numbers."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import LessonPage
from courses.outline import course_outline
from enrollments.models import Enrollment, QuizAttempt, StepProgress
from enrollments.quiz_stats import quiz_stats
from enrollments.quizzes import quiz_attempt_submit
from enrollments.services import enrollment_create, step_record_done
from tests.factories import QuizPageFactory, UserFactory

from .helpers import by_kind, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def submit(enrollment, quiz, answers):
    attempt, _created = quiz_attempt_submit(
        enrollment=enrollment, quiz=quiz, token=uuid.uuid4(), answers=answers
    )
    return attempt


def test_editing_the_quiz_later_never_changes_a_recorded_result(learner_client, quiz, enrollment):
    attempt = submit(enrollment, quiz, right_answers(quiz))
    single = by_kind(quiz, "single")
    data = quiz.questions.get_prep_value()
    first = next(q for q in data if q["id"] == single.id)
    first["value"]["text"] = "Een heel andere vraag"
    for index, answer in enumerate(first["value"]["answers"]):
        answer["value"]["is_correct"] = index == 1  # another answer is now the right one
    quiz.questions = data
    quiz.save_revision().publish()

    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    with translation.override("en"):
        url = quiz.get_url() + quiz.reverse_subpage("result", args=[attempt.token])
    html = learner_client.get(url).content.decode()
    assert "Welke pijler komt eerst?" in html
    assert "Een heel andere vraag" not in html
    assert "3 of 3 questions correct" in html
    assert html.count(">Incorrect<") == 0


def test_a_passed_required_quiz_completes_the_course(course, quiz, enrollment):
    for lesson in LessonPage.objects.in_course(course):
        step_record_done(enrollment=enrollment, page=lesson)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None  # the required quiz is still open

    submit(enrollment, quiz, wrong_answers(quiz))
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None
    assert not StepProgress.objects.filter(page_id=quiz.pk).exists()

    submit(enrollment, quiz, right_answers(quiz))
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert StepProgress.objects.filter(enrollment=enrollment, page_id=quiz.pk).count() == 1


def test_an_optional_quiz_does_not_hold_back_completion_but_is_recorded(course, module):
    quiz = QuizPageFactory(parent=module, required=False)
    item = course_outline(course).item(quiz.pk)
    assert item.kind == "quiz" and item.required is False
    enrollment = enrollment_create(user=UserFactory(), course=course)
    for lesson in LessonPage.objects.in_course(course):
        step_record_done(enrollment=enrollment, page=lesson)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    submit(enrollment, quiz, right_answers(quiz))
    assert StepProgress.objects.filter(enrollment=enrollment, page_id=quiz.pk).exists()


def test_passing_twice_records_the_step_once(quiz, enrollment):
    submit(enrollment, quiz, right_answers(quiz))
    submit(enrollment, quiz, right_answers(quiz))
    assert QuizAttempt.objects.count() == 2
    assert StepProgress.objects.filter(page_id=quiz.pk).count() == 1


def test_a_revoked_enrolment_cannot_submit(quiz, enrollment):
    from enrollments.quizzes import QuizError
    from enrollments.services import enrollment_revoke

    enrollment_revoke(enrollment=enrollment)
    with pytest.raises(QuizError):
        submit(enrollment, quiz, right_answers(quiz))
    assert not QuizAttempt.objects.exists()


def test_stats_count_attempts_pass_rate_average_and_per_question(course, quiz):
    single, multiple = by_kind(quiz, "single"), by_kind(quiz, "multiple")
    learners = [enrollment_create(user=UserFactory(), course=course) for _ in range(3)]
    submit(learners[0], quiz, right_answers(quiz))  # 100 %, passed
    submit(learners[1], quiz, wrong_answers(quiz))  # 0 %
    only_single = {**wrong_answers(quiz), single.id: sorted(single.correct_ids)}
    submit(learners[1], quiz, only_single)  # 33 %
    submit(
        learners[2], quiz, {**right_answers(quiz), multiple.id: wrong_answers(quiz)[multiple.id]}
    )
    # 67 %: not passed (pass mark 70)
    stats = quiz_stats(quiz)
    # The pass rate is per learner: one of the three learners passed (not one of four attempts).
    assert (stats.attempts, stats.learners, stats.learners_passed, stats.pass_rate) == (4, 3, 1, 33)
    assert stats.average_score == round((100 + 0 + 33 + 67) / 4)
    by_id = {q.id: q for q in stats.questions}
    assert (by_id[single.id].answered, by_id[single.id].correct) == (4, 3)
    assert by_id[single.id].percent_correct == 75
    assert (by_id[multiple.id].correct, by_id[multiple.id].percent_correct) == (1, 25)


def test_stats_keep_a_question_that_was_removed_later(course, quiz, enrollment):
    submit(enrollment, quiz, right_answers(quiz))
    single = by_kind(quiz, "single")
    quiz.questions = [q for q in quiz.questions.get_prep_value() if q["id"] != single.id]
    quiz.save_revision().publish()
    removed = next(q for q in quiz_stats(quiz).questions if q.id == single.id)
    assert (removed.answered, removed.correct, removed.still_in_quiz) == (1, 1, False)


def test_instructor_sees_the_quiz_results_screens(client, course, quiz, enrollment, instructor):
    submit(enrollment, quiz, right_answers(quiz))
    client.force_login(instructor)
    index = client.get(reverse("quiz_results:index"))
    assert index.status_code == 200
    assert quiz.title in index.content.decode()
    detail = client.get(reverse("quiz_results:detail", args=[quiz.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert '<dd data-stat="attempts">1</dd>' in html
    assert '<dd data-stat="pass-rate">100%</dd>' in html
    assert f'data-question="{by_kind(quiz, "single").id}">100% (1)' in html
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("quiz_results:index") in home  # the menu item under Reports


def test_learners_do_not_get_the_quiz_results_screens(client, quiz, learner):
    client.force_login(learner)
    response = client.get(reverse("quiz_results:detail", args=[quiz.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_completed_enrollment_stays_completed_after_a_failed_retake(course, quiz, enrollment):
    for lesson in LessonPage.objects.in_course(course):
        step_record_done(enrollment=enrollment, page=lesson)
    submit(enrollment, quiz, right_answers(quiz))
    submit(enrollment, quiz, wrong_answers(quiz))
    assert Enrollment.objects.get(pk=enrollment.pk).completed_at is not None


def test_an_admin_user_who_may_not_edit_the_quiz_gets_no_numbers(client, quiz):
    from django.contrib.auth.models import Permission

    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("quiz_results:detail", args=[quiz.pk]))
    assert response.status_code == 302  # Wagtail's "permission denied": back to the dashboard
    index = client.get(reverse("quiz_results:index")).content.decode()
    assert quiz.title not in index
