"""Reads: which exercises a lesson holds, where each worksheet is filled in, and the learner's
plan assembled from their answers (a constant number of queries whatever the course size)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core.caching import cached_content
from core.sql import CompiledRead
from courses.models import PILLAR_ORDER, LessonPage
from courses.outline import course_outline
from courses.worksheets import PILLAR_LABELS, WORKSHEET_KINDS, WorksheetKind, worksheet_kind

from .models import EXERCISE_PREFIX, PlanAnswer, exercise_key, sheet_key

#: The course's own (Dutch) headings for the four parts of the model, used in the export
#: whatever the learner's interface language.
DUTCH_PILLAR_HEADINGS = {
    "people": "Mensen",
    "content": "Content",
    "means": "Middelen",
    "time": "Tijd",
}


@dataclass(frozen=True)
class Exercise:
    block_id: str
    block_type: str  # "reflection" or "worksheet"
    key: str
    required: bool
    kind: WorksheetKind | None = None
    question: str = ""
    title: str = ""


def lesson_exercises(page) -> list[Exercise]:
    """The answerable blocks of a lesson's body, in order (no query: the body is loaded).

    Read from the body's stored JSON: turning every block of the stream into Python values
    (Wagtail's to_python) cost the lesson page more than the answer forms themselves, and an
    exercise needs only its type, id and a few plain fields."""
    if not isinstance(page, LessonPage):
        return []
    found = []
    for raw in page.body.raw_data:
        block_type, value = raw.get("type"), raw.get("value") or {}
        if block_type == "reflection":
            found.append(
                Exercise(
                    block_id=raw["id"],
                    block_type="reflection",
                    key=exercise_key(page.pk, raw["id"]),
                    required=bool(value.get("required")),
                    question=value.get("question") or "",
                )
            )
        elif block_type == "worksheet":
            kind = worksheet_kind(value.get("kind") or "")
            if kind is None:
                continue
            found.append(
                Exercise(
                    block_id=raw["id"],
                    block_type="worksheet",
                    key=sheet_key(kind.key),
                    required=bool(value.get("required")),
                    kind=kind,
                    title=value.get("title") or "",
                )
            )
    return found


def is_answered(exercise: Exercise, answer: PlanAnswer | None) -> bool:
    if answer is None:
        return False
    return bool(answer.rows) if exercise.block_type == "worksheet" else bool(answer.text)


@dataclass(frozen=True)
class CourseSources:
    """Where each worksheet kind is filled in (first lesson holding it) and each reflection's
    question and lesson, for a course: built from the lesson bodies in one query, cached
    until the next publish."""

    sheet_lessons: dict[str, int]
    questions: dict[str, tuple[int, str]]


def _build_sources(course) -> CourseSources:
    sheet_lessons: dict[str, int] = {}
    questions: dict[str, tuple[int, str]] = {}
    lessons = LessonPage.objects.live().descendant_of(course)
    for lesson in lessons.order_by("path").only("id", "body"):
        for exercise in lesson_exercises(lesson):
            if exercise.kind is not None:
                sheet_lessons.setdefault(exercise.kind.key, lesson.pk)
            else:
                questions[exercise.key] = (lesson.pk, exercise.question)
    return CourseSources(sheet_lessons=sheet_lessons, questions=questions)


def course_sources(course) -> CourseSources:
    return cached_content(
        "plan_sources", course.pk, build=lambda: _build_sources(course), timeout=86400
    )


@dataclass
class SheetView:
    kind: WorksheetKind
    rows: list[dict]
    lesson_url: str = ""
    lesson_title: str = ""

    @property
    def filled(self) -> bool:
        return bool(self.rows)


@dataclass
class ReflectionView:
    question: str
    text: str
    lesson_url: str = ""
    lesson_title: str = ""


@dataclass
class PillarView:
    key: str
    label: str
    heading: str  # the course's Dutch heading
    sheets: list[SheetView] = field(default_factory=list)
    reflections: list[ReflectionView] = field(default_factory=list)

    @property
    def filled(self) -> bool:
        return any(sheet.filled for sheet in self.sheets) or any(r.text for r in self.reflections)


@dataclass
class TimeBudget:
    can_hours: float | None
    may_hours: float | None
    planned_minutes: int

    @property
    def budget_minutes(self) -> int | None:
        known = [h for h in (self.can_hours, self.may_hours) if h is not None]
        if len(known) < 2:
            return None
        return round(min(known) * 60)

    @property
    def over_minutes(self) -> int:
        if self.budget_minutes is None:
            return 0
        return max(0, self.planned_minutes - self.budget_minutes)

    @property
    def is_over(self) -> bool:
        return self.over_minutes > 0


@dataclass
class Plan:
    course: object
    pillars: list[PillarView]
    budget: TimeBudget
    answers: dict[str, PlanAnswer]

    @property
    def filled_count(self) -> int:
        return sum(1 for pillar in self.pillars if pillar.filled)

    @property
    def started(self) -> bool:
        return self.filled_count > 0

    @property
    def complete(self) -> bool:
        return self.filled_count == len(self.pillars)


def _number(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def time_budget(answers: dict[str, PlanAnswer]) -> TimeBudget:
    capacity = answers.get(sheet_key("time_capacity"))
    first = capacity.rows[0] if capacity and capacity.rows else {}
    activities = answers.get(sheet_key("activities"))
    planned = sum(
        int(_number(row.get("minutes_per_week")) or 0)
        for row in (activities.rows if activities else [])
    )
    return TimeBudget(
        can_hours=_number(first.get("can_hours")),
        may_hours=_number(first.get("may_hours")),
        planned_minutes=planned,
    )


_ANSWER_FIELDS = [f.attname for f in PlanAnswer._meta.concrete_fields]
# Every lesson page with an exercise asks: compiled once per process (core.sql).
_ANSWERS_READ = CompiledRead(
    lambda user_id, course_id: PlanAnswer.objects.filter(
        user_id=user_id, course_id=course_id
    ).values_list(*_ANSWER_FIELDS),
    "user_id",
    "course_id",
)


def answers_for(*, user, course) -> dict[str, PlanAnswer]:
    """All of the learner's answers in the course, by key (a few dozen rows at most)."""
    rows = _ANSWERS_READ.rows(user_id=user.pk, course_id=course.pk)
    answers = (PlanAnswer.from_db("default", _ANSWER_FIELDS, row) for row in rows)
    return {answer.key: answer for answer in answers}


# Every answer of one learner, in all their courses (the dashboard shows each course's plan):
# compiled once per process (core.sql).
_LEARNER_ANSWERS_READ = CompiledRead(
    lambda user_id: PlanAnswer.objects.filter(user_id=user_id).values_list(*_ANSWER_FIELDS),
    "user_id",
)


def answers_by_course(*, user) -> dict[int, dict[str, PlanAnswer]]:
    """The user's answers in every course, by course id and key, in one query."""
    by_course: dict[int, dict[str, PlanAnswer]] = {}
    for row in _LEARNER_ANSWERS_READ.rows(user_id=user.pk):
        answer = PlanAnswer.from_db("default", _ANSWER_FIELDS, row)
        by_course.setdefault(answer.course_id, {})[answer.key] = answer
    return by_course


def build_plan(
    *, course, answers: dict[str, PlanAnswer], sources: CourseSources | None = None
) -> Plan:
    """The plan from the answers: each pillar's worksheets (empty ones linked to the lesson
    that fills them) and reflections. Queries: none beyond the cached outline and sources."""
    outline = course_outline(course)
    sources = sources or course_sources(course)
    pillars = {
        key: PillarView(key=key, label=PILLAR_LABELS[key], heading=DUTCH_PILLAR_HEADINGS[key])
        for key in PILLAR_ORDER
    }
    for kind in WORKSHEET_KINDS:
        lesson = outline.item(sources.sheet_lessons.get(kind.key, 0))
        answer = answers.get(sheet_key(kind.key))
        if lesson is None and answer is None:
            continue  # this course does not ask for it
        pillars[kind.pillar].sheets.append(
            SheetView(
                kind=kind,
                rows=answer.rows if answer else [],
                lesson_url=lesson.url if lesson else "",
                lesson_title=lesson.title if lesson else "",
            )
        )
    for key, answer in answers.items():
        if not key.startswith(EXERCISE_PREFIX) or not answer.text:
            continue
        lesson_id, question = sources.questions.get(key, (answer.page_id, ""))
        lesson = outline.item(lesson_id or 0)
        module = outline.module_of(lesson_id or 0)
        pillar = pillars.get(module.pillar if module else "") or pillars["people"]
        pillar.reflections.append(
            ReflectionView(
                question=question,
                text=answer.text,
                lesson_url=lesson.url if lesson else "",
                lesson_title=lesson.title if lesson else "",
            )
        )
    return Plan(
        course=course,
        pillars=[pillars[key] for key in PILLAR_ORDER],
        budget=time_budget(answers),
        answers=answers,
    )


def plan_state_text(plan: Plan) -> str:
    """ "3 of 4 pillars filled, 2 h over budget": the plan's state without its content."""
    from django.utils.translation import gettext

    text = gettext("%(filled)d of %(total)d pillars filled") % {
        "filled": plan.filled_count,
        "total": len(plan.pillars),
    }
    if plan.budget.is_over:
        text += ", " + gettext("%(over)s over budget") % {
            "over": hours_text(plan.budget.over_minutes)
        }
    return text


def hours_text(minutes: int) -> str:
    from django.utils.translation import gettext

    hours, rest = divmod(int(minutes), 60)
    if rest == 0:
        return gettext("%(hours)d h") % {"hours": hours}
    if hours == 0:
        return gettext("%(minutes)d min") % {"minutes": rest}
    return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


PLAN_TITLE = _("My MCMT plan")


#: Fewer learners than this in a course and the distributions are not shown: with two or
#: three people a "distribution" points at a person.
MIN_GROUP = 3
HOUR_BUCKETS = ((0, 1), (1, 2), (2, 4), (4, 8), (8, None))


@dataclass
class CourseOverview:
    enrolled: int
    started: int
    finished: int
    over_budget: int
    hours: list[tuple[str, int]]
    channels: list[tuple[str, int]]
    shown: bool


def course_overview(*, course) -> CourseOverview:
    """Aggregates over every learner's plan in `course` (two queries whatever its size)."""
    from enrollments.models import Enrollment

    enrolled = Enrollment.objects.filter(course=course, status=Enrollment.Status.ACTIVE).count()
    by_user: dict[int, dict[str, PlanAnswer]] = {}
    for answer in PlanAnswer.objects.filter(course=course):
        by_user.setdefault(answer.user_id, {})[answer.key] = answer
    sources = course_sources(course)
    started = finished = over = 0
    buckets = [0] * len(HOUR_BUCKETS)
    channels: dict[str, int] = {}
    for answers in by_user.values():
        plan = build_plan(course=course, answers=answers, sources=sources)
        started += plan.started
        finished += plan.complete
        over += plan.budget.is_over
        minutes = plan.budget.budget_minutes
        if minutes is not None:
            hours = minutes / 60
            for index, (low, high) in enumerate(HOUR_BUCKETS):
                if hours >= low and (high is None or hours < high):
                    buckets[index] += 1
                    break
        sheet = answers.get(sheet_key("channels"))
        for name in {
            str(row.get("channel", "")).strip().lower() for row in (sheet.rows if sheet else [])
        }:
            if name:
                channels[name] = channels.get(name, 0) + 1
    labels = [f"{low}-{high} h" if high is not None else f"{low}+ h" for low, high in HOUR_BUCKETS]
    top = sorted(channels.items(), key=lambda item: (-item[1], item[0]))[:10]
    return CourseOverview(
        enrolled=enrolled,
        started=started,
        finished=finished,
        over_budget=over,
        hours=list(zip(labels, buckets, strict=True)),
        channels=[(name, count) for name, count in top if count >= 1],
        shown=len(by_user) >= MIN_GROUP,
    )
