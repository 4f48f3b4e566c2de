"""Review options: what the result page of an attempt shows, and from when, decided on the
server. Each test reads the HTML of a failed attempt's result and checks what is absent."""

import uuid

import pytest
from django.utils import translation

from courses.models import QuizPage, ReviewWhen
from enrollments.models import QuizAttempt
from enrollments.quizzes import QuizStanding, quiz_attempt_submit, review_for
from tests.factories import QuizPageFactory

from .helpers import by_kind, right_answers, wrong_answers

pytestmark = pytest.mark.django_db

EXPLANATION = "Uitleg bij: Welke pijler komt eerst?"
CORRECT_BADGE = ">correct answer<"
MARK_BADGES = (">Correct<", ">Incorrect<")
OWN_ANSWER = ">your answer<"
SCORE = "questions correct"


def result_html(client, quiz, attempt) -> str:
    with translation.override("en"):
        url = quiz.get_url() + quiz.reverse_subpage("result", args=[attempt.token])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def one_of_three(quiz) -> dict:
    single = by_kind(quiz, "single")
    return {**wrong_answers(quiz), single.id: sorted(single.correct_ids)}


def submit(enrollment, quiz, answers) -> QuizAttempt:
    attempt, _created = quiz_attempt_submit(
        enrollment=enrollment, quiz=quiz, token=uuid.uuid4(), answers=answers
    )
    return attempt


def assert_no_answers(html):
    assert EXPLANATION not in html
    assert CORRECT_BADGE not in html
    assert "is-right-answer" not in html
    assert "Explanation:" not in html


def test_default_for_a_required_quiz_is_marks_now_answers_after_passing_or_last(module):
    quiz = QuizPageFactory(parent=module, max_attempts=3)
    assert (quiz.review_score, quiz.review_marks, quiz.review_answers) == (
        ReviewWhen.IMMEDIATELY,
        ReviewWhen.IMMEDIATELY,
        ReviewWhen.AFTER_PASSING_OR_LAST,
    )


def test_failed_attempt_by_default_shows_right_and_wrong_and_own_answers_but_no_answers(
    learner_client, module, enrollment
):
    quiz = QuizPageFactory(parent=module, max_attempts=3)
    attempt = submit(enrollment, quiz, one_of_three(quiz))
    html = result_html(learner_client, quiz, attempt)
    assert html.count(">Correct<") == 1 and html.count(">Incorrect<") == 2
    assert html.count(OWN_ANSWER) == 3  # one answer chosen per question
    assert "1 of 3 questions correct" in html
    assert_no_answers(html)
    assert "once you pass this quiz or have used your last attempt" in html


def test_after_passing_the_earlier_failed_attempt_shows_answers_and_explanations(
    learner_client, module, enrollment
):
    quiz = QuizPageFactory(parent=module, max_attempts=3)
    failed = submit(enrollment, quiz, one_of_three(quiz))
    submit(enrollment, quiz, right_answers(quiz))
    html = result_html(learner_client, quiz, failed)
    assert EXPLANATION in html and CORRECT_BADGE in html


def test_after_the_last_attempt_a_failed_attempt_shows_answers(learner_client, module, enrollment):
    quiz = QuizPageFactory(parent=module, max_attempts=2)
    first = submit(enrollment, quiz, one_of_three(quiz))
    assert_no_answers(result_html(learner_client, quiz, first))
    last = submit(enrollment, quiz, wrong_answers(quiz))
    for attempt in (first, last):
        html = result_html(learner_client, quiz, attempt)
        assert EXPLANATION in html and CORRECT_BADGE in html


def test_unlimited_attempts_and_answers_after_the_last_attempt_never_show_them(
    learner_client, module, enrollment
):
    quiz = QuizPageFactory(
        parent=module, max_attempts=None, review_answers=ReviewWhen.AFTER_LAST_ATTEMPT
    )
    for _ in range(3):
        attempt = submit(enrollment, quiz, wrong_answers(quiz))
    html = result_html(learner_client, quiz, attempt)
    assert_no_answers(html)
    assert "not the correct answers" in html


def test_score_only(learner_client, module, enrollment):
    quiz = QuizPageFactory(
        parent=module,
        max_attempts=3,
        review_marks=ReviewWhen.AFTER_PASSING,
        review_answers=ReviewWhen.AFTER_PASSING,
    )
    attempt = submit(enrollment, quiz, one_of_three(quiz))
    html = result_html(learner_client, quiz, attempt)
    assert "1 of 3 questions correct" in html
    for badge in MARK_BADGES:
        assert badge not in html
    assert OWN_ANSWER not in html
    assert "Welke pijler komt eerst?" not in html  # no question list at all
    assert_no_answers(html)
    assert "does not show the results per question yet" in html


def test_nothing_until_passing(learner_client, module, enrollment):
    quiz = QuizPageFactory(
        parent=module,
        max_attempts=3,
        review_score=ReviewWhen.AFTER_PASSING,
        review_marks=ReviewWhen.AFTER_PASSING,
        review_answers=ReviewWhen.AFTER_PASSING,
    )
    attempt = submit(enrollment, quiz, one_of_three(quiz))
    html = result_html(learner_client, quiz, attempt)
    assert "Not passed yet" in html
    assert SCORE not in html and "33%" not in html
    for badge in MARK_BADGES:
        assert badge not in html
    assert_no_answers(html)
    with translation.override("en"):
        page = learner_client.get(quiz.get_url()).content.decode()
    assert "Attempt 1</a>" in page and "Attempt 1: 33%" not in page  # the attempts list
    assert "Best score" not in page


def test_everything_immediately(learner_client, module, enrollment):
    quiz = QuizPageFactory(parent=module, max_attempts=3, review_answers=ReviewWhen.IMMEDIATELY)
    attempt = submit(enrollment, quiz, one_of_three(quiz))
    html = result_html(learner_client, quiz, attempt)
    assert EXPLANATION in html and CORRECT_BADGE in html and OWN_ANSWER in html


def test_never_hides_answers_also_after_passing(learner_client, module, enrollment):
    quiz = QuizPageFactory(parent=module, review_answers=ReviewWhen.NEVER)
    attempt = submit(enrollment, quiz, right_answers(quiz))
    html = result_html(learner_client, quiz, attempt)
    assert_no_answers(html)
    assert html.count(">Correct<") == 3


def test_a_later_part_includes_the_earlier_ones():
    quiz = QuizPage(
        review_score=ReviewWhen.NEVER,
        review_marks=ReviewWhen.NEVER,
        review_answers=ReviewWhen.AFTER_PASSING,
        max_attempts=None,
    )
    passed = QuizStanding(1, None, 100, True)
    failed = QuizStanding(1, None, 0, False)
    assert review_for(quiz, passed).score and review_for(quiz, passed).marks
    review = review_for(quiz, failed)
    assert (review.score, review.marks, review.answers) == (False, False, False)


def test_changing_review_options_or_the_pool_never_changes_a_recorded_score(
    learner_client, module, enrollment
):
    quiz = QuizPageFactory(parent=module, max_attempts=3)
    attempt = submit(enrollment, quiz, one_of_three(quiz))
    recorded = QuizAttempt.objects.values("score", "correct_count", "question_count", "passed")
    before = list(recorded)
    quiz.review_score = quiz.review_marks = quiz.review_answers = ReviewWhen.NEVER
    quiz.draw_count = 1
    quiz.pass_mark = 10
    quiz.save_revision().publish()
    assert list(recorded) == before
    quiz.review_score = quiz.review_marks = quiz.review_answers = ReviewWhen.IMMEDIATELY
    quiz.save_revision().publish()
    html = result_html(learner_client, quiz, attempt)
    assert "1 of 3 questions correct. The pass mark is 70%." in html  # as recorded
    assert "Not passed yet" in html


def test_the_result_page_of_someone_elses_attempt_stays_hidden(client, module, enrollment):
    from enrollments.services import enrollment_create
    from tests.factories import UserFactory

    quiz = QuizPageFactory(parent=module)
    attempt = submit(enrollment, quiz, right_answers(quiz))
    other = UserFactory()
    enrollment_create(user=other, course=enrollment.course)
    client.force_login(other)
    with translation.override("en"):
        url = quiz.get_url() + quiz.reverse_subpage("result", args=[attempt.token])
    assert client.get(url).status_code == 404
