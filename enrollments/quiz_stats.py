"""Quiz numbers for instructors: a quiz's statistics and a course's gradebook.

Everything is counted from the stored attempts (their snapshots), never from the quiz as it
is now, so a question that was edited or removed keeps its history, and a question a final
test borrowed from a module quiz is counted under its own id.

**Pass rate** is per learner: of the learners who tried the quiz, the share who passed it at
least once (per attempt it would read as the learners' pass rate and be lower the more often
people retry).

**Discrimination index** per question (the classic upper-lower index): of the attempts that
asked the question, ranked by their score, the share correct in the top third minus the share
correct in the bottom third. From -1 to 1; below 0.2 the question hardly tells strong from
weak learners (too easy, too hard, or ambiguous), below 0 the weak do better than the strong
(often a wrong answer key). Shown from three attempts at the question on; it steadies only
with a few dozen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import CoursePage, ModulePage, QuizPage

from .models import Enrollment, QuizAttempt
from .quizzes import module_pools, quiz_questions

VIEW_PERMISSION = "enrollments.view_enrollment"
#: Below this a question hardly separates strong from weak learners.
WEAK_DISCRIMINATION = 0.2
#: Fewer attempts at a question than this give no index (a third of them must be one or more).
MIN_ATTEMPTS_FOR_INDEX = 3


# --- Who may see what ----------------------------------------------------------------------


def editable_quizzes(user) -> QuerySet:
    """The quizzes `user` may edit, in tree order."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return QuizPage.objects.filter(pk__in=pages.values("pk")).order_by("path")


def gradebook_courses(user) -> QuerySet:
    """The courses whose gradebook `user` may read: learners' results are personal, so it
    takes the right to see enrolments and the right to edit the course."""
    if not user.is_active or not user.has_perm(VIEW_PERMISSION):
        return CoursePage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return CoursePage.objects.filter(pk__in=pages.values("pk")).order_by("path")


# --- A quiz's statistics ---------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionStats:
    id: str
    text: str
    answered: int
    correct: int
    still_in_quiz: bool
    discrimination: float | None = None
    case: str = ""
    source: str = ""  # a final test's question from a module quiz: that quiz's title

    @property
    def percent_correct(self) -> int:
        return round(self.correct * 100 / self.answered) if self.answered else 0

    @property
    def is_weak(self) -> bool:
        return self.discrimination is not None and self.discrimination < WEAK_DISCRIMINATION


@dataclass(frozen=True)
class QuizStats:
    attempts: int
    learners: int
    learners_passed: int
    average_score: int | None
    questions: list[QuestionStats] = field(default_factory=list)

    @property
    def pass_rate(self) -> int:
        """The share of learners who tried the quiz and passed it (at least once)."""
        return round(self.learners_passed * 100 / self.learners) if self.learners else 0


def _totals(attempts: QuerySet) -> dict:
    return attempts.aggregate(
        attempts=Count("id"),
        learners=Count("enrollment", distinct=True),
        learners_passed=Count("enrollment", distinct=True, filter=Q(passed=True)),
        average=Avg("score"),
    )


def quiz_totals(quiz) -> QuizStats:
    """Attempts, learners, pass rate per learner and the average score: one query."""
    totals = _totals(QuizAttempt.objects.filter(quiz_id=quiz.pk))
    average = totals["average"]
    return QuizStats(
        attempts=totals["attempts"],
        learners=totals["learners"],
        learners_passed=totals["learners_passed"],
        average_score=round(average) if average is not None else None,
    )


def discrimination_index(results: list[tuple[int, int, bool]]) -> float | None:
    """Upper-lower index from (score, attempt id, correct) per attempt that asked a question:
    share correct in the top third by score minus share correct in the bottom third."""
    size = len(results) // 3
    if len(results) < MIN_ATTEMPTS_FOR_INDEX or size == 0:
        return None
    ranked = sorted(results, key=lambda r: (r[0], r[1]))  # ties: the attempt id decides
    lower, upper = ranked[:size], ranked[-size:]
    return (sum(r[2] for r in upper) - sum(r[2] for r in lower)) / size


def quiz_stats(quiz) -> QuizStats:
    """`quiz_totals` plus, per question, the share of correct answers and the discrimination
    index, counted from the snapshots by question id."""
    attempts = QuizAttempt.objects.filter(quiz_id=quiz.pk)
    totals = quiz_totals(quiz)
    per_question: dict[str, list[tuple[int, int, bool]]] = {}
    seen: dict[str, dict] = {}
    rows = attempts.values_list("pk", "score", "questions", "answers")
    for pk, score, snapshot, answers in rows.iterator():
        for q in snapshot:
            qid = q["id"]
            seen.setdefault(qid, q)
            is_correct = q.get("answered_correctly")
            if is_correct is None:
                is_correct = set(answers.get(qid, [])) == {
                    a["id"] for a in q["answers"] if a["correct"]
                }
            per_question.setdefault(qid, []).append((score, pk, bool(is_correct)))

    def row(qid: str, text: str, in_quiz: bool, case: str = "", source: str = ""):
        results = per_question.get(qid, [])
        return QuestionStats(
            id=qid,
            text=text,
            answered=len(results),
            correct=sum(r[2] for r in results),
            still_in_quiz=in_quiz,
            discrimination=discrimination_index(results),
            case=case,
            source=source,
        )

    current = quiz_questions(quiz)
    if quiz.is_final_test and quiz.draw_per_module:
        current = [
            q for pool in module_pools(quiz) for unit in pool.units for q in unit.questions
        ] + current
    current_ids = {q.id for q in current}
    rows_out = [row(q.id, q.text, True, q.case, q.source) for q in current]
    rows_out += [
        row(qid, q["text"], False, q.get("case", ""), q.get("source", ""))
        for qid, q in seen.items()
        if qid not in current_ids
    ]
    return QuizStats(
        attempts=totals.attempts,
        learners=totals.learners,
        learners_passed=totals.learners_passed,
        average_score=totals.average_score,
        questions=rows_out,
    )


# --- A course's gradebook ----------------------------------------------------------------------


@dataclass(frozen=True)
class GradebookQuiz:
    id: int
    title: str
    module: str
    required: bool
    is_final_test: bool
    live: bool


@dataclass(frozen=True)
class GradeCell:
    """One learner's results at one quiz."""

    attempts: int = 0
    best_score: int | None = None
    passed: bool = False
    last_attempt_at: datetime | None = None


@dataclass
class GradebookRow:
    enrollment: Enrollment
    cells: list[GradeCell]

    @property
    def learner(self) -> str:
        user = self.enrollment.user
        name = user.get_full_name()
        return f"{name} ({user.email})" if name else user.email


@dataclass(frozen=True)
class ExportRow:
    """One line of the export: one learner at one quiz (pivots well in a spreadsheet)."""

    first_name: str
    last_name: str
    email: str
    enrollment_status: str
    quiz: str
    module: str
    required: bool
    final_test: bool
    attempts: int
    best_score: int | None
    passed: bool
    last_attempt_at: datetime | None


def course_quizzes(course: CoursePage) -> list[GradebookQuiz]:
    """Every quiz of the course in course order (drafts too: they may have attempts)."""
    modules = dict(ModulePage.objects.child_of(course).values_list("path", "title"))
    return [
        GradebookQuiz(
            id=quiz.pk,
            title=quiz.title,
            module=modules.get(quiz.path[: -QuizPage.steplen], ""),
            required=quiz.required,
            is_final_test=quiz.is_final_test,
            live=quiz.live,
        )
        for quiz in QuizPage.objects.descendant_of(course)
        .order_by("path")
        .only("pk", "title", "path", "required", "is_final_test", "live")
    ]


class GradebookFilter:
    ALL = ""
    PASSED = "passed"
    NOT_PASSED = "not_passed"
    NO_ATTEMPTS = "none"


def gradebook_enrollments(
    *, course: CoursePage, search: str = "", status: str = "", result: str = ""
) -> QuerySet:
    """The course's enrolments for the gradebook, filtered, with their users.

    `result`: PASSED (every required published quiz passed), NOT_PASSED (one or more not
    passed yet), NO_ATTEMPTS (no attempt at any quiz)."""
    enrollments = Enrollment.objects.filter(course=course).select_related("user")
    if status in Enrollment.Status.values:
        enrollments = enrollments.filter(status=status)
    for word in search.split():
        enrollments = enrollments.filter(
            Q(user__email__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
        )
    if result == GradebookFilter.NO_ATTEMPTS:
        enrollments = enrollments.filter(
            ~Exists(QuizAttempt.objects.filter(enrollment=OuterRef("pk")))
        )
    elif result in (GradebookFilter.PASSED, GradebookFilter.NOT_PASSED):
        required = list(
            QuizPage.objects.descendant_of(course)
            .live()
            .filter(required=True)
            .values_list("pk", flat=True)
        )
        enrollments = enrollments.annotate(
            required_passed=Count(
                "quiz_attempts__quiz",
                filter=Q(quiz_attempts__passed=True, quiz_attempts__quiz_id__in=required),
                distinct=True,
            )
        )
        if result == GradebookFilter.PASSED:
            enrollments = enrollments.filter(required_passed__gte=len(required))
        else:
            enrollments = enrollments.filter(required_passed__lt=len(required))
    return enrollments.order_by("user__last_name", "user__first_name", "user__email", "pk")


def gradebook_cells(
    *, quizzes: list[GradebookQuiz], enrollments: list[Enrollment]
) -> list[GradebookRow]:
    """One row per enrolment, one cell per quiz: one query for all of them."""
    cells: dict[tuple[int, int], GradeCell] = {}
    if enrollments and quizzes:
        totals = (
            QuizAttempt.objects.filter(
                enrollment__in=[e.pk for e in enrollments], quiz_id__in=[q.id for q in quizzes]
            )
            .values("enrollment_id", "quiz_id")
            .annotate(
                attempts=Count("id"),
                best=Max("score"),
                passes=Count("id", filter=Q(passed=True)),
                last=Max("submitted_at"),
            )
        )
        for t in totals:
            cells[(t["enrollment_id"], t["quiz_id"])] = GradeCell(
                t["attempts"], t["best"], t["passes"] > 0, t["last"]
            )
    empty = GradeCell()
    return [GradebookRow(e, [cells.get((e.pk, q.id), empty) for q in quizzes]) for e in enrollments]


def gradebook_export_rows(
    *, quizzes: list[GradebookQuiz], rows: list[GradebookRow]
) -> list[ExportRow]:
    return [
        ExportRow(
            first_name=row.enrollment.user.first_name,
            last_name=row.enrollment.user.last_name,
            email=row.enrollment.user.email,
            enrollment_status=str(row.enrollment.get_status_display()),
            quiz=quiz.title,
            module=quiz.module,
            required=quiz.required,
            final_test=quiz.is_final_test,
            attempts=cell.attempts,
            best_score=cell.best_score,
            passed=cell.passed,
            last_attempt_at=cell.last_attempt_at,
        )
        for row in rows
        for quiz, cell in zip(quizzes, row.cells, strict=True)
    ]
