"""Building answers for a quiz from its questions, as the form would post them."""

from __future__ import annotations

import uuid

from enrollments.quizzes import Question, questions_for_attempt, quiz_questions


def right_answers(quiz) -> dict[str, list[str]]:
    return {q.id: sorted(q.correct_ids) for q in quiz_questions(quiz)}


def wrong_answers(quiz) -> dict[str, list[str]]:
    return {q.id: [next(a.id for a in q.answers if not a.correct)] for q in quiz_questions(quiz)}


def by_kind(quiz, kind: str) -> Question:
    return next(q for q in quiz_questions(quiz) if q.kind == kind)


def post_data(answers: dict[str, list[str]], token=None) -> dict:
    data: dict = {"token": str(token or uuid.uuid4())}
    for qid, ids in answers.items():
        data[f"q-{qid}"] = list(ids)
    return data


def drawn_right_answers(quiz, token, enrollment=None) -> dict[str, list[str]]:
    """The right answers to the questions the attempt with `token` draws."""
    asked = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
    return {q.id: sorted(q.correct_ids) for q in asked}
