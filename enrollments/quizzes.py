"""Quizzes: reading a quiz's questions, scoring on the server, and every quiz write.

Questions and answers are named by Wagtail's stable block ids. An attempt keeps a snapshot
of what was asked (question and answer texts, which answers were correct, the explanation)
and what was answered, so later edits to the quiz never change a recorded result.

Scoring is all-or-nothing per question: a multiple-choice question counts as correct only
when exactly the correct answers were chosen. The score is the share of questions answered
correctly; the quiz is passed when that share reaches the pass mark. Order never matters:
the order shown (shuffled per attempt, seeded by the attempt token) only affects display.
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Max, Q
from django.utils.translation import gettext_lazy as _

from courses.quiz_blocks import MULTIPLE

from .models import Enrollment, QuizAttempt

logger = logging.getLogger(__name__)


# --- Questions as data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    explanation: str
    answers: tuple[Answer, ...]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.answers if a.correct)

    @property
    def answer_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.answers)

    @property
    def is_multiple(self) -> bool:
        return self.kind == MULTIPLE

    def is_answered_correctly(self, chosen: list[str]) -> bool:
        return set(chosen) == self.correct_ids

    def snapshot(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "explanation": self.explanation,
            "answers": [{"id": a.id, "text": a.text, "correct": a.correct} for a in self.answers],
        }


def quiz_questions(quiz) -> list[Question]:
    """The quiz's current questions, in authored order."""
    questions = []
    for child in quiz.questions:
        value = child.value
        questions.append(
            Question(
                id=str(child.id),
                kind=child.block_type,
                text=value["text"],
                explanation=value.get("explanation") or "",
                answers=tuple(
                    Answer(
                        id=str(item.id),
                        text=item.value["text"],
                        correct=bool(item.value["is_correct"]),
                    )
                    for item in value["answers"].bound_blocks
                ),
            )
        )
    return questions


def questions_in_order(
    questions: list[Question],
    *,
    token: uuid.UUID | str,
    shuffle_questions: bool,
    shuffle_answers: bool,
) -> list[Question]:
    """The order one attempt shows: shuffled (if asked) with the attempt token as the seed,
    so a reload of the same form shows the same order. The order needs to be repeatable, not
    unpredictable (scoring never depends on it), hence a seeded `random.Random`."""
    ordered = list(questions)
    if shuffle_questions:
        random.Random(f"{token}:questions").shuffle(ordered)  # nosec B311
    if shuffle_answers:
        shuffled = []
        for question in ordered:
            answers = list(question.answers)
            random.Random(f"{token}:{question.id}").shuffle(answers)  # nosec B311
            shuffled.append(
                Question(
                    question.id, question.kind, question.text, question.explanation, tuple(answers)
                )
            )
        ordered = shuffled
    return ordered


def ordered_quiz_questions(quiz, token) -> list[Question]:
    return questions_in_order(
        quiz_questions(quiz),
        token=token,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_answers=quiz.shuffle_answers,
    )


# --- Checking and scoring --------------------------------------------------------------------

FOREIGN_ANSWERS = "__all__"


def answer_problems(questions: list[Question], answers: dict[str, list[str]]) -> dict[str, str]:
    """What is wrong with a submission, by question id (FOREIGN_ANSWERS for answers to
    questions that are not in this quiz). Empty when every question has a valid answer."""
    problems: dict[str, str] = {}
    known = {q.id for q in questions}
    if set(answers) - known:
        problems[FOREIGN_ANSWERS] = str(
            _("The form holds answers to questions that are not part of this quiz.")
        )
    for question in questions:
        chosen = answers.get(question.id, [])
        if not chosen:
            problems[question.id] = str(
                _("Choose the answers that apply.")
                if question.is_multiple
                else _("Choose an answer.")
            )
        elif len(set(chosen)) != len(chosen):
            problems[question.id] = str(_("The same answer was sent more than once."))
        elif not set(chosen) <= question.answer_ids:
            problems[question.id] = str(
                _("An answer was sent that does not belong to this question.")
            )
        elif not question.is_multiple and len(chosen) > 1:
            problems[question.id] = str(_("Choose only one answer to this question."))
    return problems


@dataclass(frozen=True)
class Score:
    correct_count: int
    question_count: int
    pass_mark: int
    per_question: dict[str, bool] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        if not self.question_count:
            return 0
        return round(self.correct_count * 100 / self.question_count)

    @property
    def passed(self) -> bool:
        # Exact comparison: 2 of 3 (66.7 %) does not reach a pass mark of 67.
        return (
            self.question_count > 0
            and self.correct_count * 100 >= self.pass_mark * self.question_count
        )


def score_answers(
    questions: list[Question], answers: dict[str, list[str]], *, pass_mark: int
) -> Score:
    """All-or-nothing per question; the score is the share of questions answered correctly."""
    per_question = {q.id: q.is_answered_correctly(answers.get(q.id, [])) for q in questions}
    return Score(
        correct_count=sum(per_question.values()),
        question_count=len(questions),
        pass_mark=pass_mark,
        per_question=per_question,
    )


# --- One learner's standing in a quiz --------------------------------------------------------


@dataclass(frozen=True)
class QuizStanding:
    attempts_used: int
    max_attempts: int | None
    best_score: int | None
    passed: bool

    @property
    def attempts_left(self) -> int | None:
        if self.max_attempts is None:
            return None
        return max(0, self.max_attempts - self.attempts_used)

    @property
    def can_attempt(self) -> bool:
        return self.attempts_left is None or self.attempts_left > 0


def quiz_attempts(*, enrollment: Enrollment, quiz) -> list[QuizAttempt]:
    return list(
        QuizAttempt.objects.filter(enrollment=enrollment, quiz_id=quiz.pk)
        .defer("questions", "answers")
        .order_by("number")
    )


def quiz_standing(*, enrollment: Enrollment | None, quiz) -> QuizStanding:
    if enrollment is None:
        return QuizStanding(0, quiz.max_attempts, None, False)
    totals = QuizAttempt.objects.filter(enrollment=enrollment, quiz_id=quiz.pk).aggregate(
        used=Count("id"), best=Max("score"), passes=Count("id", filter=Q(passed=True))
    )
    return QuizStanding(totals["used"], quiz.max_attempts, totals["best"], totals["passes"] > 0)


# --- Writes ----------------------------------------------------------------------------------


class QuizError(ValidationError):
    """A quiz submission that cannot be accepted; nothing was stored."""


class AttemptsExhausted(QuizError):
    pass


class InvalidSubmission(QuizError):
    def __init__(self, message, problems: dict[str, str] | None = None):
        super().__init__(message)
        self.problems = problems or {}


def quiz_attempt_submit(
    *, enrollment: Enrollment, quiz, token: uuid.UUID, answers: dict[str, list[str]]
) -> tuple[QuizAttempt, bool]:
    """Score a submission and store it as one attempt with a snapshot of what was asked.

    Returns ``(attempt, created)``. A second submit of the same token returns the attempt
    stored the first time (``created`` False), also when no attempts are left. Refused
    (QuizError, nothing stored) when the enrolment is not active, the attempts are used up,
    or the answers do not fit the quiz. A passed attempt records the quiz as a finished step.
    """
    if not enrollment.is_active:
        raise QuizError(_("Your access to this course has ended."))
    questions = ordered_quiz_questions(quiz, token)
    problems = answer_problems(questions, answers)
    with transaction.atomic():
        # Lock the enrolment: attempts of one learner are numbered one after the other.
        Enrollment.objects.select_for_update().filter(pk=enrollment.pk).first()
        existing = QuizAttempt.objects.filter(token=token).first()
        if existing is not None:
            if existing.enrollment_id != enrollment.pk or existing.quiz_id != quiz.pk:
                raise InvalidSubmission(_("This form was already used. Open the quiz again."))
            return existing, False
        if problems:
            raise InvalidSubmission(
                _("Your answers could not be checked, so nothing was saved."), problems
            )
        used = QuizAttempt.objects.filter(enrollment=enrollment, quiz_id=quiz.pk).count()
        if quiz.max_attempts is not None and used >= quiz.max_attempts:
            raise AttemptsExhausted(_("You have used all your attempts at this quiz."))
        score = score_answers(questions, answers, pass_mark=quiz.pass_mark)
        snapshot = [
            {**q.snapshot(), "answered_correctly": score.per_question[q.id]} for q in questions
        ]
        chosen = {q.id: [a.id for a in q.answers if a.id in answers[q.id]] for q in questions}
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(
                    enrollment=enrollment,
                    quiz_id=quiz.pk,
                    number=used + 1,
                    token=token,
                    questions=snapshot,
                    answers=chosen,
                    correct_count=score.correct_count,
                    question_count=score.question_count,
                    score=score.percent,
                    pass_mark=quiz.pass_mark,
                    passed=score.passed,
                )
        except IntegrityError:  # the same token raced itself in
            existing = QuizAttempt.objects.get(token=token)
            if existing.enrollment_id != enrollment.pk or existing.quiz_id != quiz.pk:
                # Only a forged token can collide with another learner's: refuse, no 500.
                raise InvalidSubmission(
                    _("This form was already used. Open the quiz again.")
                ) from None
            return existing, False
        if attempt.passed:
            _record_passed(enrollment, quiz)
    logger.info(
        "quiz attempt %s: enrolment %s, quiz %s, %s%%",
        attempt.number,
        enrollment.pk,
        quiz.pk,
        attempt.score,
    )
    return attempt, True


def _record_passed(enrollment: Enrollment, quiz) -> None:
    from .services import ProgressError, step_record_done

    try:
        step_record_done(enrollment=enrollment, page=quiz)
    except ProgressError:  # not (or no longer) a published step of the course
        logger.warning("passed quiz %s is not a step of its course", quiz.pk)


# --- Results, from the snapshot --------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    percent: int
    correct_count: int
    question_count: int
    pass_mark: int
    passed: bool
    number: int | None = None  # None for a staff preview (not stored)

    @classmethod
    def of_attempt(cls, attempt: QuizAttempt) -> Outcome:
        return cls(
            attempt.score,
            attempt.correct_count,
            attempt.question_count,
            attempt.pass_mark,
            attempt.passed,
            attempt.number,
        )

    @classmethod
    def of_score(cls, score: Score) -> Outcome:
        return cls(
            score.percent, score.correct_count, score.question_count, score.pass_mark, score.passed
        )


@dataclass(frozen=True)
class AnswerResult:
    text: str
    correct: bool
    chosen: bool


@dataclass(frozen=True)
class QuestionResult:
    text: str
    explanation: str
    kind: str
    answered_correctly: bool
    answers: list[AnswerResult]


def attempt_results(attempt: QuizAttempt) -> list[QuestionResult]:
    """Per question what was asked, answered and correct, from the attempt's snapshot only."""
    results = []
    for q in attempt.questions:
        chosen = set(attempt.answers.get(q["id"], []))
        answers = [AnswerResult(a["text"], a["correct"], a["id"] in chosen) for a in q["answers"]]
        correct = q.get("answered_correctly")
        if correct is None:
            correct = chosen == {a["id"] for a in q["answers"] if a["correct"]}
        results.append(
            QuestionResult(q["text"], q.get("explanation", ""), q["kind"], correct, answers)
        )
    return results


def preview_results(
    questions: list[Question], answers: dict[str, list[str]]
) -> list[QuestionResult]:
    """Results for a staff preview, which is scored but never stored."""
    return [
        QuestionResult(
            q.text,
            q.explanation,
            q.kind,
            q.is_answered_correctly(answers.get(q.id, [])),
            [AnswerResult(a.text, a.correct, a.id in answers.get(q.id, [])) for a in q.answers],
        )
        for q in questions
    ]


# --- For instructors -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionStats:
    id: str
    text: str
    answered: int
    correct: int
    still_in_quiz: bool

    @property
    def percent_correct(self) -> int:
        return round(self.correct * 100 / self.answered) if self.answered else 0


@dataclass(frozen=True)
class QuizStats:
    attempts: int
    learners: int
    passed: int
    average_score: int | None
    questions: list[QuestionStats]

    @property
    def pass_rate(self) -> int:
        return round(self.passed * 100 / self.attempts) if self.attempts else 0


def quiz_stats(quiz) -> QuizStats:
    """Attempts, pass rate, average score, and per question the share of correct answers,
    counted from the snapshots by question id (so an edited question keeps its history)."""
    attempts = QuizAttempt.objects.filter(quiz_id=quiz.pk)
    totals = attempts.aggregate(
        attempts=Count("id"),
        learners=Count("enrollment", distinct=True),
        passed=Count("id", filter=Q(passed=True)),
        average=Avg("score"),
    )
    answered: dict[str, int] = {}
    correct: dict[str, int] = {}
    texts: dict[str, str] = {}
    for snapshot, answers in attempts.values_list("questions", "answers").iterator():
        for q in snapshot:
            qid = q["id"]
            texts.setdefault(qid, q["text"])
            answered[qid] = answered.get(qid, 0) + 1
            is_correct = q.get("answered_correctly")
            if is_correct is None:
                is_correct = set(answers.get(qid, [])) == {
                    a["id"] for a in q["answers"] if a["correct"]
                }
            correct[qid] = correct.get(qid, 0) + int(is_correct)
    current = quiz_questions(quiz)
    current_ids = [q.id for q in current]
    rows = [
        QuestionStats(q.id, q.text, answered.get(q.id, 0), correct.get(q.id, 0), True)
        for q in current
    ]
    rows += [
        QuestionStats(qid, texts[qid], answered[qid], correct[qid], False)
        for qid in answered
        if qid not in current_ids
    ]
    average = totals["average"]
    return QuizStats(
        attempts=totals["attempts"],
        learners=totals["learners"],
        passed=totals["passed"],
        average_score=round(average) if average is not None else None,
        questions=rows,
    )
