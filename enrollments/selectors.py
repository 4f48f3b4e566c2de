"""Reads that combine a course's outline with one visitor's enrolment and progress."""

from __future__ import annotations

from dataclasses import dataclass

from courses.outline import CourseOutline, OutlineItem

from .models import Enrollment


@dataclass(frozen=True)
class CourseState:
    """What one visitor may do with one course right now."""

    launched: bool
    enrollment: Enrollment | None  # the visitor's active enrolment, if any
    done_ids: frozenset[int]
    next_step: OutlineItem | None


def active_enrollment(*, user, course) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.filter(
        user=user, course=course, status=Enrollment.Status.ACTIVE
    ).first()


def course_state(*, course, user, outline: CourseOutline) -> CourseState:
    enrollment = active_enrollment(user=user, course=course)
    done_ids: frozenset[int] = frozenset()
    if enrollment is not None:
        done_ids = frozenset(enrollment.progress.values_list("page_id", flat=True))
    next_step = next((item for item in outline.items if item.id not in done_ids), None)
    return CourseState(
        launched=course.is_launched(),
        enrollment=enrollment,
        done_ids=done_ids,
        next_step=next_step,
    )
