"""Taking a quiz through the site: the form, submissions, tampering, limits, double submits."""

import re
import uuid

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from enrollments.models import QuizAttempt, StepProgress
from enrollments.quizzes import quiz_questions
from tests.factories import QuizPageFactory, UserFactory

from .helpers import by_kind, post_data, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def en(page) -> str:
    with translation.override("en"):
        return page.get_url()


def test_form_has_a_fieldset_and_legend_per_question_and_a_hidden_token(learner_client, quiz):
    response = learner_client.get(en(quiz))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 3
    assert html.count("<legend") == 3
    single, multiple = by_kind(quiz, "single"), by_kind(quiz, "multiple")
    assert f'type="radio" name="q-{single.id}"' in html
    assert f'type="checkbox" name="q-{multiple.id}"' in html
    assert re.search(r'<input type="hidden" name="token" value="[0-9a-f-]{36}"', html)
    assert "Select all that apply." in html
    assert "Pass mark: 70%" in html


def test_a_reload_shows_the_same_token_and_order(learner_client, module):
    quiz = QuizPageFactory(parent=module, shuffle_questions=True, shuffle_answers=True)
    first = learner_client.get(en(quiz)).content.decode()
    again = learner_client.get(en(quiz)).content.decode()
    token = re.compile(r'name="token" value="([0-9a-f-]{36})"')
    assert token.search(first).group(1) == token.search(again).group(1)
    ids = re.compile(r'id="answer-([0-9a-f-]{36})"')
    assert ids.findall(first) == ids.findall(again)


def test_passing_stores_one_attempt_and_shows_the_result(learner_client, quiz, enrollment):
    response = learner_client.post(en(quiz), post_data(right_answers(quiz)))
    attempt = QuizAttempt.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"result/{attempt.token}/")
    assert (attempt.number, attempt.score, attempt.passed) == (1, 100, True)
    assert StepProgress.objects.filter(enrollment=enrollment, page_id=quiz.pk).exists()
    result = learner_client.get(response["Location"])
    html = result.content.decode()
    assert result.status_code == 200
    assert "Passed" in html and "3 of 3 questions correct" in html
    assert "Uitleg bij: Welke pijler komt eerst?" in html  # the explanation


def test_failing_shows_right_and_wrong_per_question_and_records_no_progress(
    learner_client, quiz, enrollment
):
    answers = {**right_answers(quiz), **wrong_answers(quiz)}
    single = by_kind(quiz, "single")
    answers[single.id] = sorted(single.correct_ids)  # 1 of 3 right
    response = learner_client.post(en(quiz), post_data(answers), follow=True)
    attempt = QuizAttempt.objects.get()
    assert (attempt.correct_count, attempt.score, attempt.passed) == (1, 33, False)
    assert not StepProgress.objects.filter(enrollment=enrollment).exists()
    html = response.content.decode()
    assert "Not passed yet" in html
    assert html.count(">Correct<") == 1 and html.count(">Incorrect<") == 2
    assert "Try again" in html


@pytest.mark.parametrize(
    "tamper",
    ["unknown", "other-question", "other-quiz", "missing", "duplicate", "several-single"],
)
def test_tampered_submission_is_refused_with_a_message_and_not_stored(
    learner_client, quiz, module, tamper
):
    answers = right_answers(quiz)
    single, multiple = by_kind(quiz, "single"), by_kind(quiz, "multiple")
    if tamper == "unknown":
        answers[single.id] = [str(uuid.uuid4())]
    elif tamper == "other-question":
        answers[single.id] = [next(iter(multiple.correct_ids))]
    elif tamper == "other-quiz":
        other = QuizPageFactory(parent=module)
        foreign = quiz_questions(other)[0]
        answers[foreign.id] = [foreign.answers[0].id]
    elif tamper == "missing":
        del answers[multiple.id]
    elif tamper == "duplicate":
        answers[multiple.id] = answers[multiple.id] + answers[multiple.id][:1]
    elif tamper == "several-single":
        answers[single.id] = [a.id for a in single.answers]
    response = learner_client.post(en(quiz), post_data(answers))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert (
        "Your answers could not be checked, so nothing was saved." in html
        or "Answer every question before you submit." in html
    )
    assert QuizAttempt.objects.count() == 0


def test_missing_answer_keeps_the_other_answers_checked(learner_client, quiz):
    answers = right_answers(quiz)
    single = by_kind(quiz, "single")
    del answers[single.id]
    html = learner_client.post(en(quiz), post_data(answers)).content.decode()
    assert "Choose an answer." in html
    assert html.count(" checked") == sum(len(v) for v in answers.values())


def test_a_double_submit_of_the_same_token_counts_once(learner_client, quiz):
    data = post_data(right_answers(quiz))
    first = learner_client.post(en(quiz), data)
    second = learner_client.post(en(quiz), data)
    assert QuizAttempt.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_token_used_by_someone_else_is_refused(learner_client, quiz, course, client):
    data = post_data(right_answers(quiz))
    learner_client.post(en(quiz), data)
    from enrollments.services import enrollment_create

    other = UserFactory()
    enrollment_create(user=other, course=course)
    client.force_login(other)
    response = client.post(en(quiz), data, follow=True)
    assert QuizAttempt.objects.count() == 1
    assert "This form was already used." in response.content.decode()


def test_retakes_keep_the_best_score_and_stop_at_the_limit(learner_client, module):
    quiz = QuizPageFactory(parent=module, max_attempts=2)
    learner_client.post(en(quiz), post_data(wrong_answers(quiz)))
    page = learner_client.get(en(quiz)).content.decode()
    assert "1 attempt left" in page
    learner_client.post(en(quiz), post_data(right_answers(quiz)))
    html = learner_client.get(en(quiz)).content.decode()
    assert "You have used all 2 attempts at this quiz." in html
    assert "quiz-form" not in html
    assert "Best score: 100%" in html
    response = learner_client.post(en(quiz), post_data(right_answers(quiz)), follow=True)
    assert "You have used all your attempts at this quiz." in response.content.decode()
    assert list(QuizAttempt.objects.order_by("number").values_list("number", "score")) == [
        (1, 0),
        (2, 100),
    ]


def test_a_new_form_after_submitting_gets_a_new_token(learner_client, quiz):
    token = re.compile(r'name="token" value="([0-9a-f-]{36})"')
    first = token.search(learner_client.get(en(quiz)).content.decode()).group(1)
    learner_client.post(en(quiz), post_data(wrong_answers(quiz), token=first))
    second = token.search(learner_client.get(en(quiz)).content.decode()).group(1)
    assert first != second


def test_someone_not_enrolled_is_sent_to_the_course_page_with_a_message(client, quiz, course):
    client.force_login(UserFactory())
    for response in (client.get(quiz.url), client.post(quiz.url, {"token": str(uuid.uuid4())})):
        assert response.status_code == 302
        assert response["Location"] == course.url
        assert list(get_messages(response.wsgi_request))
    assert QuizAttempt.objects.count() == 0


def test_anonymous_visitor_is_sent_to_the_course_page(client, quiz, course):
    response = client.get(quiz.url)
    assert response.status_code == 302
    assert response["Location"] == course.url


def test_instructor_can_try_the_quiz_without_anything_being_stored(client, quiz, instructor):
    client.force_login(instructor)
    html = client.get(en(quiz)).content.decode()
    assert "your answers are scored, but not saved" in html
    response = client.post(en(quiz), post_data(right_answers(quiz)))
    assert response.status_code == 200
    assert "this result was not saved" in response.content.decode()
    assert QuizAttempt.objects.count() == 0


def test_result_of_someone_else_is_not_shown(learner_client, quiz, client, course):
    response = learner_client.post(en(quiz), post_data(right_answers(quiz)))
    from enrollments.services import enrollment_create

    other = UserFactory()
    enrollment_create(user=other, course=course)
    client.force_login(other)
    assert client.get(response["Location"]).status_code == 404
