"""Question pools, scenarios and the final test: what an attempt draws, what is refused, what
is kept, and that taking a quiz costs the same queries whatever the pool size."""

import json
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.caching import invalidate_content
from courses.models import LessonPage, ModulePage
from courses.quiz_blocks import questions_stream_data
from enrollments.models import QuizAttempt, StepProgress
from enrollments.quizzes import (
    InvalidSubmission,
    questions_for_attempt,
    quiz_attempt_submit,
    quiz_questions,
)
from enrollments.services import enrollment_create, step_record_done
from tests.factories import ModulePageFactory, QuizPageFactory
from tests.factories.quizzes import pool, question, questions_json, scenario

from .helpers import post_data

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="token" value="([0-9a-f-]{36})"')
FIELD = re.compile(r'name="q-([0-9a-f-]{36})"')


def en(page) -> str:
    with translation.override("en"):
        return page.get_url()


def right(questions) -> dict[str, list[str]]:
    return {q.id: sorted(q.correct_ids) for q in questions}


def asked_ids(html: str) -> list[str]:
    return list(dict.fromkeys(FIELD.findall(html)))


def test_a_pool_draws_per_attempt_and_the_snapshot_keeps_what_was_asked(
    learner_client, module, enrollment
):
    quiz = QuizPageFactory(parent=module, questions=questions_json(pool(10)), draw_count=4)
    html = learner_client.get(en(quiz)).content.decode()
    token = TOKEN.search(html).group(1)
    shown = asked_ids(html)
    assert len(shown) == 4 and html.count("<fieldset") == 4
    assert "4 questions" in html and "New questions on every attempt" in html
    drawn = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
    assert [q.id for q in drawn] == shown
    assert learner_client.get(en(quiz)).content.decode().count(token) == 1  # a reload: same

    response = learner_client.post(en(quiz), post_data(right(drawn), token=token))
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get()
    assert [q["id"] for q in attempt.questions] == shown
    assert (attempt.question_count, attempt.score, attempt.passed) == (4, 100, True)


def test_a_retry_draws_the_questions_the_previous_attempt_did_not_ask(module, enrollment):
    quiz = QuizPageFactory(parent=module, questions=questions_json(pool(8)), draw_count=4)
    token = uuid.uuid4()
    first = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
    quiz_attempt_submit(enrollment=enrollment, quiz=quiz, token=token, answers=right(first))
    first_ids = {q.id for q in first}
    for _ in range(10):
        retry = questions_for_attempt(quiz=quiz, token=uuid.uuid4(), enrollment=enrollment)
        assert len(retry) == 4 and not first_ids & {q.id for q in retry}


def test_different_tokens_draw_different_sets_from_a_pool(module):
    quiz = QuizPageFactory(parent=module, questions=questions_json(pool(12)), draw_count=3)
    sets = {
        frozenset(q.id for q in questions_for_attempt(quiz=quiz, token=uuid.uuid4()))
        for _ in range(10)
    }
    assert len(sets) > 1


def test_an_answer_to_a_question_not_drawn_for_this_attempt_is_refused(
    learner_client, module, enrollment
):
    quiz = QuizPageFactory(parent=module, questions=questions_json(pool(6)), draw_count=3)
    html = learner_client.get(en(quiz)).content.decode()
    token = TOKEN.search(html).group(1)
    drawn = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
    other = next(q for q in quiz_questions(quiz) if q.id not in {d.id for d in drawn})
    answers = {**right(drawn), other.id: sorted(other.correct_ids)}
    response = learner_client.post(en(quiz), post_data(answers, token=token))
    assert response.status_code == 400
    page = response.content.decode()
    assert "not asked in this attempt" in page and 'role="alert"' in page
    with pytest.raises(InvalidSubmission):
        quiz_attempt_submit(
            enrollment=enrollment, quiz=quiz, token=uuid.UUID(token), answers=answers
        )
    swapped = {**right(drawn[1:]), other.id: sorted(other.correct_ids)}  # one swapped for it
    assert learner_client.post(en(quiz), post_data(swapped, token=token)).status_code == 400
    assert QuizAttempt.objects.count() == 0


def test_a_double_submit_with_a_pool_counts_once(learner_client, module, enrollment):
    quiz = QuizPageFactory(parent=module, questions=questions_json(pool(6)), draw_count=3)
    token = TOKEN.search(learner_client.get(en(quiz)).content.decode()).group(1)
    drawn = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
    data = post_data(right(drawn), token=token)
    first = learner_client.post(en(quiz), data)
    second = learner_client.post(en(quiz), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert QuizAttempt.objects.count() == 1


# --- Scenarios ---------------------------------------------------------------------------------

CASE = "Lisa werkt bij een accountantskantoor en zoekt collega's die willen schrijven."


def scenario_quiz(module, **fields):
    questions = [
        question("single", "Losse vraag", [("goed", True), ("fout", False)]),
        scenario(
            CASE,
            [
                question("single", "Wat doet Lisa eerst?", [("Praten", True), ("Posten", False)]),
                question(
                    "true_false", "Lisa heeft steun nodig.", [("Waar", True), ("Niet", False)]
                ),
            ],
        ),
    ]
    return QuizPageFactory(parent=module, questions=questions_json(questions), **fields)


def test_a_scenario_shows_its_case_once_and_scores_each_question(
    learner_client, module, enrollment
):
    quiz = scenario_quiz(module)
    html = learner_client.get(en(quiz)).content.decode()
    assert html.count(CASE.replace("'", "&#x27;")) == 1
    assert html.count("<fieldset") == 3
    loose, first, second = quiz_questions(quiz)
    assert first.case == second.case == CASE and first.case_id == second.case_id != ""
    answers = {
        loose.id: [next(a.id for a in loose.answers if not a.correct)],
        first.id: sorted(first.correct_ids),
        second.id: sorted(second.correct_ids),
    }
    response = learner_client.post(en(quiz), post_data(answers), follow=True)
    attempt = QuizAttempt.objects.get()
    assert (attempt.correct_count, attempt.question_count) == (2, 3)
    assert [q.get("case_id", "") for q in attempt.questions] == ["", first.case_id, first.case_id]
    result = response.content.decode()
    assert result.count(CASE.replace("'", "&#x27;")) == 1
    assert "2 of 3 questions correct" in result


def test_a_scenario_is_drawn_as_one_unit(module):
    quiz = scenario_quiz(module, draw_count=1)
    loose, first, second = quiz_questions(quiz)
    seen = set()
    for _ in range(20):
        ids = [q.id for q in questions_for_attempt(quiz=quiz, token=uuid.uuid4())]
        assert ids in ([loose.id], [first.id, second.id])
        seen.add(tuple(ids))
    assert len(seen) == 2


def test_shuffling_moves_a_scenario_as_a_whole(module):
    questions = [*pool(6), scenario(CASE, pool(3, prefix="Casusvraag"))]
    quiz = QuizPageFactory(
        parent=module, questions=questions_json(questions), shuffle_questions=True
    )
    for _ in range(10):
        texts = [q.text for q in questions_for_attempt(quiz=quiz, token=uuid.uuid4())]
        start = texts.index("Casusvraag 1")
        assert texts[start : start + 3] == ["Casusvraag 1", "Casusvraag 2", "Casusvraag 3"]


def test_publishing_checks_the_questions_of_a_scenario(module):
    quiz = QuizPageFactory(parent=module)
    broken = [
        question("single", "Goed", [("a", True), ("b", False)]),
        scenario(
            "",
            [
                question("single", "Twee juist", [("a", True), ("b", True)]),
                question("true_false", "Geen juist", [("Waar", False), ("Niet waar", False)]),
            ],
        ),
        scenario("Een casus zonder vragen", []),
    ]
    quiz.questions = json.dumps(questions_stream_data(broken))
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        quiz.full_clean()
    messages = raised.value.message_dict["questions"]
    assert any(m.startswith("Question 2: A scenario needs its case text.") for m in messages)
    assert any(m.startswith("Question 2.1: A single-choice question") for m in messages)
    assert any(m.startswith("Question 2.2: Mark exactly one answer") for m in messages)
    assert any(
        m.startswith("Question 3: Add at least one question about the case") for m in messages
    )


def test_pool_settings_that_do_not_fit_are_refused_on_publish(module):
    quiz = QuizPageFactory(parent=module)  # three questions
    quiz.draw_count = 4
    quiz.draw_per_module = 2
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        quiz.save_revision().publish()
    errors = raised.value.message_dict
    assert "draw at most that many" in errors["draw_count"][0]
    assert "Only a final test" in errors["draw_per_module"][0]
    quiz.draw_count = 3
    quiz.is_final_test = True
    quiz.full_clean()


# --- The final test ----------------------------------------------------------------------------


@pytest.fixture
def final_course(course):
    """Three module quizzes (pools of five) and a closing module with the final test."""
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    module_quizzes = [
        QuizPageFactory(
            parent=module,
            title=f"Toets {n}",
            questions=questions_json(pool(5, prefix=f"M{n} vraag")),
            draw_count=3,
        )
        for n, module in enumerate(modules[:3], start=1)
    ]
    closing = ModulePageFactory(parent=course, pillar="", slug="afronding", title="Afronding")
    final = QuizPageFactory(
        parent=closing,
        title="Eindtoets",
        slug="eindtoets",
        questions=questions_json(pool(3, prefix="Eind")),
        is_final_test=True,
        draw_per_module=2,
    )
    invalidate_content()
    return course, module_quizzes, final


def test_the_final_test_draws_from_every_module_quiz_besides_its_own(final_course, learner):
    course, _module_quizzes, final = final_course
    enrollment = enrollment_create(user=learner, course=course)
    token = uuid.uuid4()
    asked = questions_for_attempt(quiz=final, token=token, enrollment=enrollment)
    texts = [q.text for q in asked]
    for n in (1, 2, 3):
        assert sum(t.startswith(f"M{n} vraag") for t in texts) == 2
    assert [t for t in texts if t.startswith("Eind")] == ["Eind 1", "Eind 2", "Eind 3"]
    quiz_attempt_submit(enrollment=enrollment, quiz=final, token=token, answers=right(asked))
    attempt = QuizAttempt.objects.get()
    assert attempt.question_count == 9
    sources = {q.get("source", "") for q in attempt.questions}
    assert sources == {"", "Toets 1", "Toets 2", "Toets 3"}


def test_the_final_test_leaves_out_unpublished_quizzes(final_course):
    _course, module_quizzes, final = final_course
    module_quizzes[2].unpublish()
    texts = [q.text for q in questions_for_attempt(quiz=final, token=uuid.uuid4())]
    assert not any(t.startswith("M3 vraag") for t in texts)
    assert sum(t.startswith("M1 vraag") for t in texts) == 2


def test_a_required_final_test_gates_completion(final_course, learner):
    course, module_quizzes, final = final_course
    enrollment = enrollment_create(user=learner, course=course)
    for lesson in LessonPage.objects.in_course(course):
        step_record_done(enrollment=enrollment, page=lesson)
    for quiz in module_quizzes:
        token = uuid.uuid4()
        asked = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
        quiz_attempt_submit(enrollment=enrollment, quiz=quiz, token=token, answers=right(asked))
    enrollment.refresh_from_db()
    assert enrollment.completed_at is None  # the final test is still open
    token = uuid.uuid4()
    asked = questions_for_attempt(quiz=final, token=token, enrollment=enrollment)
    quiz_attempt_submit(enrollment=enrollment, quiz=final, token=token, answers=right(asked))
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert StepProgress.objects.filter(enrollment=enrollment, page_id=final.pk).exists()


# --- Queries ---------------------------------------------------------------------------------


def _statements(captured) -> int:
    """Queries, leaving out the savepoints that the test's own transaction turns atomic
    blocks into."""
    return sum(
        1 for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    )


def _take_and_submit_queries(client, quiz, enrollment) -> tuple[int, int]:
    """Queries of showing the quiz (after a first visit) and of submitting it."""
    client.get(en(quiz))
    with CaptureQueriesContext(connection) as shown:
        html = client.get(en(quiz)).content.decode()
    token = TOKEN.search(html).group(1)
    drawn = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
    with CaptureQueriesContext(connection) as submitted:
        response = client.post(en(quiz), post_data(right(drawn), token=token))
    assert response.status_code == 302
    return _statements(shown), _statements(submitted)


def test_taking_and_submitting_cost_the_same_queries_with_a_200_question_pool(
    learner_client, module, enrollment
):
    small = QuizPageFactory(parent=module, questions=questions_json(pool(10)), draw_count=10)
    big = QuizPageFactory(parent=module, questions=questions_json(pool(200)), draw_count=10)
    invalidate_content()
    small_counts = _take_and_submit_queries(learner_client, small, enrollment)
    big_counts = _take_and_submit_queries(learner_client, big, enrollment)
    assert big_counts == small_counts
    shown, submitted = big_counts
    assert shown <= 8 and submitted <= 16
    # A retry (which reads the previous attempt to draw other questions) too.
    small_retry = _take_and_submit_queries(learner_client, small, enrollment)
    assert _take_and_submit_queries(learner_client, big, enrollment) == small_retry


def test_a_final_test_costs_the_same_queries_whatever_the_module_pools(course, learner, client):
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    enrollment = enrollment_create(user=learner, course=course)
    client.force_login(learner)
    counts = []
    for size, module in ((5, modules[0]), (200, modules[1])):
        QuizPageFactory(parent=module, questions=questions_json(pool(size)), draw_count=5)
        final = QuizPageFactory(
            parent=modules[3],
            questions=questions_json(pool(3, prefix="Eind")),
            is_final_test=True,
            draw_per_module=3,
        )
        invalidate_content()
        counts.append(_take_and_submit_queries(client, final, enrollment))
        final.delete()
    assert counts[0] == counts[1]
