"""Retry rules: the attempt limit and the waiting time between attempts, shown to the learner
in the academy's time zone and enforced on the server."""

import datetime
import uuid

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone, translation

from enrollments.models import QuizAttempt
from enrollments.quizzes import RetryNotYet, quiz_attempt_submit, retry_message
from tests.factories import QuizPageFactory

from .helpers import post_data, right_answers, wrong_answers

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def url(quiz, language="en") -> str:
    with translation.override(language):
        return quiz.get_url()


def expected_clock(attempt, minutes) -> str:
    local = timezone.localtime(attempt.submitted_at + datetime.timedelta(minutes=minutes))
    return f"{local:%H:%M} {local.tzname()}"


def test_retry_message_is_in_the_academys_time_zone():
    now = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    winter = datetime.datetime(2026, 11, 30, 13, 20, tzinfo=UTC)
    summer = datetime.datetime(2026, 7, 1, 12, 20, tzinfo=UTC)
    with translation.override("en"):
        assert retry_message(winter, now=now) == "You can try again at 14:20 CET."
        assert retry_message(summer, now=now) == "You can try again on 1 July at 14:20 CEST."
    with translation.override("nl"):
        assert retry_message(winter, now=now) == "Je kunt het opnieuw proberen om 14:20 CET."
        assert (
            retry_message(summer, now=now)
            == "Je kunt het opnieuw proberen op 1 juli om 14:20 CEST."
        )


def test_the_waiting_time_is_shown_and_enforced(learner_client, module, enrollment):
    quiz = QuizPageFactory(parent=module, retry_delay_minutes=30)
    learner_client.post(url(quiz), post_data(wrong_answers(quiz)))
    attempt = QuizAttempt.objects.get()
    clock = expected_clock(attempt, 30)

    html = learner_client.get(url(quiz)).content.decode()
    assert f"You can try again at {clock}." in html
    assert "quiz-form" not in html
    assert "30 minutes between attempts" in html
    result = learner_client.get(url(quiz) + f"result/{attempt.token}/").content.decode()
    assert f"You can try again at {clock}." in result and "Try again</a>" not in result

    dutch = learner_client.get(url(quiz, "nl")).content.decode()
    assert f"Je kunt het opnieuw proberen om {clock}." in dutch

    response = learner_client.post(url(quiz), post_data(right_answers(quiz)), follow=True)
    assert response.redirect_chain == [(url(quiz), 302)]
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [f"You can try again at {clock}."]
    assert QuizAttempt.objects.count() == 1

    QuizAttempt.objects.update(submitted_at=timezone.now() - datetime.timedelta(minutes=31))
    html = learner_client.get(url(quiz)).content.decode()
    assert "quiz-form" in html and "You can try again" not in html
    learner_client.post(url(quiz), post_data(right_answers(quiz)))
    assert QuizAttempt.objects.count() == 2


def test_the_service_refuses_an_attempt_before_the_waiting_time_is_over(module, enrollment):
    quiz = QuizPageFactory(parent=module, retry_delay_minutes=10)
    quiz_attempt_submit(
        enrollment=enrollment, quiz=quiz, token=uuid.uuid4(), answers=wrong_answers(quiz)
    )
    with pytest.raises(RetryNotYet) as raised:
        quiz_attempt_submit(
            enrollment=enrollment, quiz=quiz, token=uuid.uuid4(), answers=right_answers(quiz)
        )
    first = QuizAttempt.objects.get()
    assert raised.value.retry_at == first.submitted_at + datetime.timedelta(minutes=10)
    later = first.submitted_at + datetime.timedelta(minutes=10, seconds=1)
    attempt, created = quiz_attempt_submit(
        enrollment=enrollment,
        quiz=quiz,
        token=uuid.uuid4(),
        answers=right_answers(quiz),
        now=later,
    )
    assert created and attempt.number == 2


def test_the_last_attempt_ends_the_quiz_without_a_waiting_message(learner_client, module):
    quiz = QuizPageFactory(parent=module, max_attempts=1, retry_delay_minutes=30)
    learner_client.post(url(quiz), post_data(wrong_answers(quiz)))
    html = learner_client.get(url(quiz)).content.decode()
    assert "You have used your only attempt at this quiz." in html
    assert "You can try again" not in html
