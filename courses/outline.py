"""The course outline: modules and their lessons as plain data, cached until the next publish.

The outline is the same for every visitor, so it is built with two queries and kept in the
cache per course and language, in the `content` family of `core.caching` (which says what
makes it stale: any publish, unpublish, move or delete, among others). Per-learner state
(what they finished) is laid over it by the caller, so a lesson page needs no query per
lesson.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from wagtail.models import Page

from core import caching

if TYPE_CHECKING:
    from .models import CoursePage


@dataclass(frozen=True)
class OutlineItem:
    id: int
    title: str
    url: str
    kind: str  # "lesson" or "quiz"
    minutes: int
    module_id: int
    free_preview: bool = False
    required: bool = True
    summary: str = ""


class StepFigures:
    """Figures derived from the published steps, the same words on every page: "12 lessons
    and 4 quizzes, about 3 hours". Nothing is typed in by hand, so adding a lesson updates the
    module's and the course's time with the next publish."""

    items: list[OutlineItem]

    @property
    def lessons(self) -> list[OutlineItem]:
        return [i for i in self.items if i.kind == "lesson"]

    @property
    def lesson_count(self) -> int:
        return len(self.lessons)

    @property
    def quiz_count(self) -> int:
        return sum(1 for i in self.items if i.kind == "quiz")

    @property
    def minutes(self) -> int:
        return sum(i.minutes for i in self.items)


@dataclass
class OutlineModule(StepFigures):
    id: int
    title: str
    url: str
    pillar: str
    pillar_label: str
    summary: str
    items: list[OutlineItem] = field(default_factory=list)
    # Drip release (ModulePage.release): "enrolment", "days" (release_after_days after
    # enrolment) or "date" (release_at). Whether it is open for a learner is
    # enrollments.access's rule.
    release: str = "enrolment"
    release_after_days: int = 0
    release_at: datetime | None = None


@dataclass
class CourseOutline(StepFigures):
    course_id: int
    modules: list[OutlineModule]

    @property
    def items(self) -> list[OutlineItem]:
        return [item for module in self.modules for item in module.items]

    @property
    def item_ids(self) -> list[int]:
        return [item.id for item in self.items]

    @property
    def total_minutes(self) -> int:
        return self.minutes

    def module(self, module_id: int) -> OutlineModule | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def module_of(self, item_id: int) -> OutlineModule | None:
        return next((m for m in self.modules if any(i.id == item_id for i in m.items)), None)

    def item(self, item_id: int) -> OutlineItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def neighbours(self, item_id: int) -> tuple[OutlineItem | None, OutlineItem | None]:
        items = self.items
        for index, item in enumerate(items):
            if item.id == item_id:
                previous = items[index - 1] if index > 0 else None
                following = items[index + 1] if index + 1 < len(items) else None
                return previous, following
        return None, None


def outline_item_models() -> list[type[Page]]:
    """Page types that are steps of a course; merged in tree order."""
    from django.apps import apps

    return [
        apps.get_model("courses", name)
        for name in ("LessonPage", "QuizPage")
        if name.lower() in apps.all_models["courses"]
    ]


def _build(course) -> CourseOutline:
    from .models import ModulePage, Pillar

    modules = {
        m.path: OutlineModule(
            id=m.pk,
            title=m.title,
            url=m.get_url(),
            pillar=m.pillar,
            pillar_label=str(Pillar(m.pillar).label) if m.pillar in Pillar.values else m.pillar,
            summary=m.summary,
            release=m.release,
            release_after_days=m.release_after_days,
            release_at=m.release_at,
        )
        for m in ModulePage.objects.child_of(course).live().order_by("path")
    }
    steps = []
    for model in outline_item_models():
        for page in model.objects.descendant_of(course).live():
            steps.append(page)
    steps.sort(key=lambda p: p.path)
    for page in steps:
        module = modules.get(page.path[: -Page.steplen])
        if module is None:  # parent module is unpublished: its lessons are not in the course
            continue
        module.items.append(
            OutlineItem(
                id=page.pk,
                title=page.title,
                url=page.get_url(),
                kind="quiz" if page._meta.model_name == "quizpage" else "lesson",
                minutes=page.estimated_minutes,
                module_id=module.id,
                free_preview=getattr(page, "free_preview", False),
                required=getattr(page, "required", True),
                summary=getattr(page, "summary", "") or "",
            )
        )
    return CourseOutline(course_id=course.pk, modules=list(modules.values()))


def course_outline(course) -> CourseOutline:
    return caching.cached_content("outline", course.pk, build=lambda: _build(course))


def course_pages(ids: list[int]) -> dict[int, CoursePage]:
    """The course pages with these ids (live or not), kept like the outline until the next
    publish: a learner's dashboard shows their courses without a page query. Each call gets
    its own copies of the pages the process keeps, so a caller may not change what another
    reads."""
    from .models import CoursePage

    def build(missing: list[int]) -> dict[int, CoursePage]:
        return {course.pk: course for course in CoursePage.objects.filter(pk__in=missing)}

    kept = caching.cached_content_many("course_page", ids, build=build)
    return {ident: copy.copy(page) for ident, page in kept.items()}
