"""Quizzes: reading a quiz's questions, drawing an attempt's questions, scoring on the server,
what a learner may see of an attempt (review options), and every quiz write.

Questions and answers are named by Wagtail's stable block ids. An attempt keeps a snapshot
of what was asked (question and answer texts, which answers were correct, the explanation,
a scenario's case) and what was answered, so later edits to the quiz, its pool or its review
options never change a recorded result.

**Drawing.** A quiz's pool is its questions; a scenario (a case with a few questions) is one
unit of it. A quiz with `draw_count` asks that many units per attempt; a final test
(`is_final_test`) also draws `draw_per_module` units from each module's quizzes. The draw is
seeded by the attempt token (like the shuffle), so the form, a reload and the submission all
see the same questions; units asked in the learner's previous attempt are drawn last, so a
retry asks other questions whenever the pool has them. The pools of a course's module
quizzes are read in one query and cached until the next publish, so taking and submitting
costs the same number of queries whatever the pool size.

**Scoring** is all-or-nothing per question: a multiple-choice question counts as correct
only when exactly the correct answers were chosen; each question of a scenario counts on its
own. The score is the share of questions answered correctly; the quiz is passed when that
share reaches the pass mark. Order never matters: it only affects display.

**Review.** What a learner sees of an attempt is decided here, on the server, from the quiz's
review options and the learner's standing (`review_for`); the result page is built from
what that allows (`attempt_results`), so held-back answers never reach the HTML.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core import caching
from courses.models import ModulePage, QuizPage, ReviewWhen
from courses.quiz_blocks import MULTIPLE, SCENARIO

from .models import Enrollment, QuizAttempt

logger = logging.getLogger(__name__)

T = TypeVar("T")


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
    case_id: str = ""  # the scenario this question belongs to, if any
    case: str = ""  # that scenario's case text
    source: str = ""  # a final test's question from a module quiz: that quiz's title

    @property
    def unit_id(self) -> str:
        """The id of what is drawn and shuffled as a whole: the scenario, or the question."""
        return self.case_id or self.id

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
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "explanation": self.explanation,
            "answers": [{"id": a.id, "text": a.text, "correct": a.correct} for a in self.answers],
        }
        if self.case_id:
            data.update(case_id=self.case_id, case=self.case)
        if self.source:
            data["source"] = self.source
        return data


@dataclass(frozen=True)
class Unit:
    """What a pool draws: one question, or a scenario with its questions."""

    id: str
    questions: tuple[Question, ...]


def _question(child, *, case_id: str = "", case: str = "", source: str = "") -> Question:
    value = child.value
    return Question(
        id=str(child.id),
        kind=child.block_type,
        text=value["text"],
        explanation=value.get("explanation") or "",
        answers=tuple(
            Answer(id=str(item.id), text=item.value["text"], correct=bool(item.value["is_correct"]))
            for item in value["answers"].bound_blocks
        ),
        case_id=case_id,
        case=case,
        source=source,
    )


def quiz_units(quiz, *, source: str = "") -> list[Unit]:
    """The quiz's own pool, in authored order."""
    units = []
    for child in quiz.questions:
        if child.block_type == SCENARIO:
            case = child.value["case"] or ""
            questions = tuple(
                _question(sub, case_id=str(child.id), case=case, source=source)
                for sub in child.value["questions"]
            )
            if questions:
                units.append(Unit(str(child.id), questions))
        else:
            units.append(Unit(str(child.id), (_question(child, source=source),)))
    return units


def quiz_questions(quiz) -> list[Question]:
    """Every question of the quiz's own pool (scenarios' questions included), authored order."""
    return [q for unit in quiz_units(quiz) for q in unit.questions]


@dataclass(frozen=True)
class ModulePool:
    """The units of one module's quizzes, which a final test draws from."""

    key: str  # the module's tree path: stable, and seeds this module's draw
    title: str
    units: tuple[Unit, ...]


def module_pools(quiz) -> list[ModulePool]:
    """The pools of the course's published module quizzes (final tests left out), by module in
    course order. One query, then cached until the next publish (`core.caching`)."""
    course = quiz.course
    if course is None:
        return []

    def build() -> list[ModulePool]:
        modules = {
            m.path: m.title for m in ModulePage.objects.child_of(course).live().order_by("path")
        }
        units: dict[str, list[Unit]] = {path: [] for path in modules}
        for module_quiz in (
            QuizPage.objects.descendant_of(course)
            .live()
            .filter(is_final_test=False)
            .order_by("path")
        ):
            module_path = module_quiz.path[: -Page.steplen]
            if module_path in units:  # a quiz in an unpublished module is not in the course
                units[module_path] += quiz_units(module_quiz, source=module_quiz.title)
        return [ModulePool(path, modules[path], tuple(units[path])) for path in modules]

    return caching.cached_content("quiz-pools", course.pk, build=build)


def _draw(units: list[Unit], count: int | None, *, seed: str, recent: frozenset[str]) -> list[Unit]:
    """`count` units, chosen with `seed`; units in `recent` only when the others run out.
    Returned in pool order (the shuffle, if any, comes after)."""
    if count is None or count >= len(units):
        return list(units)
    rng = random.Random(seed)  # nosec B311: repeatable, not secret (scoring never depends on it)
    fresh = [u for u in units if u.id not in recent]
    asked = [u for u in units if u.id in recent]
    rng.shuffle(fresh)
    rng.shuffle(asked)
    chosen = {u.id for u in (fresh + asked)[:count]}
    return [u for u in units if u.id in chosen]


def draws_questions(quiz) -> bool:
    """Whether attempts at this quiz ask a selection of its pool (not every question)."""
    return quiz.draw_count is not None or bool(quiz.is_final_test and quiz.draw_per_module)


def _grouped(questions: Iterable[Question]) -> list[list[Question]]:
    """Consecutive questions of one unit, together."""
    groups: list[list[Question]] = []
    for question in questions:
        if groups and groups[-1][0].unit_id == question.unit_id:
            groups[-1].append(question)
        else:
            groups.append([question])
    return groups


def questions_in_order(
    questions: list[Question],
    *,
    token: uuid.UUID | str,
    shuffle_questions: bool,
    shuffle_answers: bool,
) -> list[Question]:
    """The order one attempt shows: shuffled (if asked) with the attempt token as the seed,
    so a reload of the same form shows the same order. A scenario moves as a whole and keeps
    its questions in the authored order. The order needs to be repeatable, not unpredictable
    (scoring never depends on it), hence a seeded `random.Random`."""
    groups = _grouped(questions)
    if shuffle_questions:
        random.Random(f"{token}:questions").shuffle(groups)  # nosec B311
    ordered = [q for group in groups for q in group]
    if shuffle_answers:
        shuffled = []
        for question in ordered:
            answers = list(question.answers)
            random.Random(f"{token}:{question.id}").shuffle(answers)  # nosec B311
            shuffled.append(dataclasses.replace(question, answers=tuple(answers)))
        ordered = shuffled
    return ordered


def attempt_questions(quiz, token, *, recent: frozenset[str] = frozenset()) -> list[Question]:
    """The questions of the attempt with this token, in the order shown.

    `recent` are the unit ids the learner's previous attempt asked (drawn last)."""
    units = _draw(quiz_units(quiz), quiz.draw_count, seed=f"{token}:draw", recent=recent)
    if quiz.is_final_test and quiz.draw_per_module:
        borrowed: list[Unit] = []
        for pool in module_pools(quiz):
            borrowed += _draw(
                list(pool.units),
                quiz.draw_per_module,
                seed=f"{token}:draw:{pool.key}",
                recent=recent,
            )
        units = borrowed + units  # the modules in course order, then the test's own
    return questions_in_order(
        [q for unit in units for q in unit.questions],
        token=token,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_answers=quiz.shuffle_answers,
    )


def recently_asked(*, enrollment: Enrollment, quiz, token) -> frozenset[str]:
    """The unit ids of the learner's latest attempt other than `token`'s: the same before and
    after that token's own submission, so a double submit draws the same questions."""
    snapshot = (
        QuizAttempt.objects.filter(enrollment=enrollment, quiz_id=quiz.pk)
        .exclude(token=token)
        .order_by("-number")
        .values_list("questions", flat=True)
        .first()
    )
    return frozenset(q.get("case_id") or q["id"] for q in snapshot or [])


def questions_for_attempt(*, quiz, token, enrollment: Enrollment | None = None) -> list[Question]:
    """What the attempt with `token` asks: drawn, in order. At most one query (the learner's
    previous attempt, read only when the quiz draws) plus the cached module pools."""
    recent: frozenset[str] = frozenset()
    if enrollment is not None and draws_questions(quiz):
        recent = recently_asked(enrollment=enrollment, quiz=quiz, token=token)
    return attempt_questions(quiz, token, recent=recent)


# --- Checking and scoring --------------------------------------------------------------------

FOREIGN_ANSWERS = "__all__"


def answer_problems(questions: list[Question], answers: dict[str, list[str]]) -> dict[str, str]:
    """What is wrong with a submission, by question id (FOREIGN_ANSWERS for answers to
    questions that this attempt did not ask). Empty when every question has a valid answer."""
    problems: dict[str, str] = {}
    known = {q.id for q in questions}
    if set(answers) - known:
        problems[FOREIGN_ANSWERS] = str(
            _("The form holds answers to questions that were not asked in this attempt.")
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


def retry_message(moment: datetime, *, now: datetime | None = None) -> str:
    """When the next attempt opens, in the academy's time zone (`TIME_ZONE`), as a sentence:
    "You can try again at 14:20 CET." today, "... on 3 December at 14:20 CET." later."""
    local = timezone.localtime(moment)
    clock = f"{formats.time_format(local, 'H:i')} {local.tzname()}"
    if local.date() == timezone.localtime(now or timezone.now()).date():
        return gettext("You can try again at %(time)s.") % {"time": clock}
    return gettext("You can try again on %(date)s at %(time)s.") % {
        "date": formats.date_format(local, "j F"),
        "time": clock,
    }


@dataclass(frozen=True)
class QuizStanding:
    attempts_used: int
    max_attempts: int | None
    best_score: int | None
    passed: bool
    last_attempt_at: datetime | None = None
    retry_delay_minutes: int | None = None

    @property
    def attempts_left(self) -> int | None:
        if self.max_attempts is None:
            return None
        return max(0, self.max_attempts - self.attempts_used)

    @property
    def can_attempt(self) -> bool:
        """Attempts are left (the waiting time aside)."""
        return self.attempts_left is None or self.attempts_left > 0

    @property
    def used_last_attempt(self) -> bool:
        return self.attempts_left == 0

    def retry_at(self, now: datetime | None = None) -> datetime | None:
        """When the next attempt opens, while that is still ahead; None when it is open."""
        if not self.retry_delay_minutes or self.last_attempt_at is None:
            return None
        at = self.last_attempt_at + timedelta(minutes=self.retry_delay_minutes)
        return at if at > (now or timezone.now()) else None

    @property
    def waiting_message(self) -> str:
        """The sentence saying when the next attempt opens, while the learner must wait."""
        at = self.retry_at() if self.can_attempt else None
        return retry_message(at) if at else ""

    @property
    def can_attempt_now(self) -> bool:
        return self.can_attempt and self.retry_at() is None


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
        used=Count("id"),
        best=Max("score"),
        passes=Count("id", filter=Q(passed=True)),
        last=Max("submitted_at"),
    )
    return QuizStanding(
        totals["used"],
        quiz.max_attempts,
        totals["best"],
        totals["passes"] > 0,
        totals["last"],
        quiz.retry_delay_minutes,
    )


# --- What a learner may see of an attempt ----------------------------------------------------


@dataclass(frozen=True)
class Review:
    """What a learner sees of their attempts now. A later part includes the earlier ones."""

    score: bool
    marks: bool  # right or wrong per question, with the learner's own answers
    answers: bool  # the correct answers and the explanations
    answers_when: str = ""  # a ReviewWhen: when the held-back answers will show


FULL_REVIEW = Review(score=True, marks=True, answers=True)


def _released(when: str, standing: QuizStanding) -> bool:
    if when == ReviewWhen.IMMEDIATELY:
        return True
    if when == ReviewWhen.AFTER_PASSING:
        return standing.passed
    if when == ReviewWhen.AFTER_LAST_ATTEMPT:
        return standing.used_last_attempt
    if when == ReviewWhen.AFTER_PASSING_OR_LAST:
        return standing.passed or standing.used_last_attempt
    return False  # NEVER, or a value this code does not know: show less, not more


def review_for(quiz, standing: QuizStanding) -> Review:
    """What the quiz's review options let this learner see of their attempts now: the moment
    is the learner's present standing (passed the quiz, used the last attempt), so after
    passing, earlier attempts show their answers too."""
    answers = _released(quiz.review_answers, standing)
    marks = answers or _released(quiz.review_marks, standing)
    score = marks or _released(quiz.review_score, standing)
    answers_when = ""
    if not answers and quiz.review_answers != ReviewWhen.NEVER:
        answers_when = quiz.review_answers
        if answers_when == ReviewWhen.AFTER_LAST_ATTEMPT and quiz.max_attempts is None:
            answers_when = ""  # unlimited attempts: there is no last one
        elif answers_when == ReviewWhen.AFTER_PASSING_OR_LAST and quiz.max_attempts is None:
            answers_when = ReviewWhen.AFTER_PASSING
    return Review(score=score, marks=marks, answers=answers, answers_when=answers_when)


# --- Writes ----------------------------------------------------------------------------------


class QuizError(ValidationError):
    """A quiz submission that cannot be accepted; nothing was stored."""


class AttemptsExhausted(QuizError):
    pass


class RetryNotYet(QuizError):
    def __init__(self, retry_at: datetime):
        super().__init__(retry_message(retry_at))
        self.retry_at = retry_at


class InvalidSubmission(QuizError):
    def __init__(self, message, problems: dict[str, str] | None = None):
        super().__init__(message)
        self.problems = problems or {}


def quiz_attempt_submit(
    *,
    enrollment: Enrollment,
    quiz,
    token: uuid.UUID,
    answers: dict[str, list[str]],
    now: datetime | None = None,
) -> tuple[QuizAttempt, bool]:
    """Score a submission and store it as one attempt with a snapshot of what was asked.

    Returns ``(attempt, created)``. A second submit of the same token returns the attempt
    stored the first time (``created`` False), also when no attempts are left. Refused
    (QuizError, nothing stored) when the enrolment is not active, the attempts are used up,
    the waiting time since the last attempt has not passed, or the answers do not fit the
    questions this token draws. A passed attempt records the quiz as a finished step.
    """
    if not enrollment.is_active:
        raise QuizError(_("Your access to this course has ended."))
    questions = questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
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
        totals = QuizAttempt.objects.filter(enrollment=enrollment, quiz_id=quiz.pk).aggregate(
            used=Count("id"), last=Max("submitted_at")
        )
        used = totals["used"]
        if quiz.max_attempts is not None and used >= quiz.max_attempts:
            raise AttemptsExhausted(_("You have used all your attempts at this quiz."))
        standing = QuizStanding(
            used, quiz.max_attempts, None, False, totals["last"], quiz.retry_delay_minutes
        )
        retry_at = standing.retry_at(now)
        if retry_at is not None:
            raise RetryNotYet(retry_at)
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
    correct: bool | None  # None: not to be shown (held back by the review options)
    chosen: bool


@dataclass(frozen=True)
class QuestionResult:
    number: int
    text: str
    explanation: str  # "" when held back
    kind: str
    answered_correctly: bool
    answers: list[AnswerResult]
    case_id: str = ""
    case: str = ""
    source: str = ""


@dataclass(frozen=True)
class CaseGroup:
    """Questions shown together: a scenario's (with its case), or a single question."""

    case: str
    items: list


def grouped_by_case(items: list[T], question: Callable[[T], Any]) -> list[CaseGroup]:
    """Consecutive items whose questions share a scenario, in one group with its case."""
    groups: list[CaseGroup] = []
    last_case_id = None
    for item in items:
        q = question(item)
        case_id = getattr(q, "case_id", "") or ""
        if case_id and case_id == last_case_id:
            groups[-1].items.append(item)
        else:
            groups.append(CaseGroup(getattr(q, "case", "") if case_id else "", [item]))
        last_case_id = case_id or None
    return groups


def snapshot_results(
    snapshot: list[dict[str, Any]], answers: dict[str, list[str]], review: Review
) -> list[QuestionResult]:
    """Per question what was asked, answered and (if the review allows) correct. Nothing the
    review holds back is put in: the template cannot show what it never gets."""
    if not review.marks:
        return []
    results = []
    for number, q in enumerate(snapshot, start=1):
        chosen = set(answers.get(q["id"], []))
        correct = q.get("answered_correctly")
        if correct is None:
            correct = chosen == {a["id"] for a in q["answers"] if a["correct"]}
        results.append(
            QuestionResult(
                number=number,
                text=q["text"],
                explanation=(q.get("explanation") or "") if review.answers else "",
                kind=q["kind"],
                answered_correctly=correct,
                answers=[
                    AnswerResult(
                        a["text"], a["correct"] if review.answers else None, a["id"] in chosen
                    )
                    for a in q["answers"]
                ],
                case_id=q.get("case_id", ""),
                case=q.get("case", ""),
                source=q.get("source", ""),
            )
        )
    return results


def attempt_results(attempt: QuizAttempt, review: Review = FULL_REVIEW) -> list[QuestionResult]:
    """One attempt's results from its snapshot only, as far as `review` allows."""
    return snapshot_results(attempt.questions, attempt.answers, review)


def preview_results(
    questions: list[Question], answers: dict[str, list[str]]
) -> list[QuestionResult]:
    """Results for a staff preview, which is scored but never stored: everything shows."""
    snapshot = [
        {**q.snapshot(), "answered_correctly": q.is_answered_correctly(answers.get(q.id, []))}
        for q in questions
    ]
    return snapshot_results(snapshot, answers, FULL_REVIEW)
