"""Who may open which step (lesson or quiz) of a course.

The rules, in order:

1. A **free preview** step is open to everyone, also before the course launches (it is
   the course's shop window: the landing page links to it, also while it shows the
   waitlist). Only previews are; every other step waits for the launch.
2. **Staff** (`is_staff`, superusers) and **instructors** (users who may edit the course's
   pages, such as the "Instructors" group) open every step, launched or not.
3. Before the course is launched (`CoursePage.is_launched()`) nobody else opens a step,
   enrolled or not.
4. After the launch, a learner with an **active** enrolment opens every step of every
   module that is released for them (drip release, `module_opens_at`: at enrolment, a number
   of days after their enrolment, or at a date). A step of a module not yet released is
   refused with its opening date; staff and instructors open it all the same. A revoked
   enrolment (refund, dispute, staff) opens nothing but previews; its progress is kept.

An **unpublished** course takes all its steps and modules with it (404), previews too, for
everyone but its staff.

Anyone refused is sent to the course's landing page with a message saying how to get in
(`check_step_access`, registered as a `before_serve_page` hook), never a 404 or a bare 403
page. The hook only reads: remembering where a learner stopped is a separate hook
(`wagtail_hooks.remember_resume_point`).

Progress is recorded only for an active enrolment in a launched course
(`may_record_progress`): staff and instructors preview every step, and record progress
when enrolled like anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, InCourseMixin, course_of
from courses.outline import CourseOutline, OutlineModule, course_outline, outline_item_models

from .models import Enrollment
from .selectors import LearnerState, learner_state, learner_state_for_request


class Reason(StrEnum):
    PREVIEW = "preview"
    STAFF = "staff"
    ENROLLED = "enrolled"
    LOGIN = "login"  # anonymous: sign up or log in, then enrol
    ENROL = "enrol"  # logged in, not enrolled in a free course
    BUY = "buy"  # logged in, not enrolled in a paid course
    REVOKED = "revoked"
    NOT_LAUNCHED = "not_launched"
    LOCKED = "locked"  # drip release: the module opens later for this learner


REFUSAL_MESSAGES = {
    Reason.LOGIN: _("Sign up or log in and enrol in the course to read this lesson."),
    Reason.ENROL: _("Enrol in the course to read this lesson. It is free."),
    Reason.BUY: _("Buy the course to read this lesson."),
    Reason.REVOKED: _("Your access to this course has ended, so its lessons are closed."),
    Reason.NOT_LAUNCHED: _(
        "The lessons open when the course starts. Join the waitlist to hear when."
    ),
}


@dataclass(frozen=True)
class StepAccess:
    allowed: bool
    reason: Reason
    state: LearnerState
    opens_at: datetime | None = None  # for LOCKED: when the module opens

    @property
    def message(self) -> str:
        if self.reason == Reason.LOCKED and self.opens_at is not None:
            when = date_format(timezone.localtime(self.opens_at), "DATETIME_FORMAT")
            return str(_("This module opens on %(date)s. See you then!") % {"date": when})
        return str(REFUSAL_MESSAGES.get(self.reason, ""))


# --- Drip release ------------------------------------------------------------------------------


def module_opens_at(module: OutlineModule, enrollment: Enrollment | None) -> datetime | None:
    """When `module` opens for `enrollment`: None when it is open from the enrolment on (or,
    for "days after enrolment", when there is no enrolment to count from)."""
    if module.release == "date":
        return module.release_at
    if module.release == "days" and module.release_after_days and enrollment is not None:
        return enrollment.created_at + timedelta(days=module.release_after_days)
    return None


def is_module_open(module: OutlineModule, enrollment: Enrollment | None, now=None) -> bool:
    opens = module_opens_at(module, enrollment)
    return opens is None or opens <= (now or timezone.now())


def locked_modules(
    outline: CourseOutline, enrollment: Enrollment | None, now=None
) -> dict[int, datetime]:
    """The modules of `outline` not yet open for `enrollment`, with their opening moment."""
    now = now or timezone.now()
    locked = {}
    for module in outline.modules:
        opens = module_opens_at(module, enrollment)
        if opens is not None and opens > now:
            locked[module.id] = opens
    return locked


def step_is_preview(page) -> bool:
    return bool(getattr(page, "free_preview", False))


def is_course_staff(user, course: CoursePage) -> bool:
    """Staff, superusers and anyone who may edit the course's pages (the Instructors group)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if not user.has_perm("wagtailadmin.access_admin"):
        return False  # learners stop here without a page-permission query
    return course.permissions_for_user(user).can_edit()


def step_access(*, user, page, course: CoursePage, state: LearnerState | None = None) -> StepAccess:
    """Decide whether `user` may open `page` (a lesson or quiz of `course`).

    `state` may be passed when the caller already loaded it; otherwise it costs one query
    for a logged-in user.
    """
    if state is None:
        state = learner_state(user=user, course=course)
    if not course.live:  # unpublished: gone for everyone but its staff, previews too
        staff = is_course_staff(user, course)
        return StepAccess(staff, Reason.STAFF if staff else Reason.NOT_LAUNCHED, state)
    launched = course.is_launched()
    if step_is_preview(page):
        return StepAccess(True, Reason.PREVIEW, state)
    if not user.is_authenticated:
        return StepAccess(False, Reason.LOGIN if launched else Reason.NOT_LAUNCHED, state)
    opens_at = None
    if launched and state.is_active:
        module = course_outline(course).module_of(page.pk)
        opens_at = module_opens_at(module, state.enrollment) if module else None
        if opens_at is None or opens_at <= timezone.now():
            return StepAccess(True, Reason.ENROLLED, state)
    if is_course_staff(user, course):
        return StepAccess(True, Reason.STAFF, state)
    if opens_at is not None:
        return StepAccess(False, Reason.LOCKED, state, opens_at=opens_at)
    if not launched:
        return StepAccess(False, Reason.NOT_LAUNCHED, state)
    if state.is_revoked:
        return StepAccess(False, Reason.REVOKED, state)
    return StepAccess(False, Reason.ENROL if course.is_free else Reason.BUY, state)


def may_record_progress(*, course: CoursePage, state: LearnerState) -> bool:
    return course.live and course.is_launched() and state.is_active


def is_step(page) -> bool:
    return isinstance(page, tuple(outline_item_models()))


def check_step_access(page, request, serve_args, serve_kwargs):
    """`before_serve_page`: apply the rules above to lessons and quizzes, and take an
    unpublished course's modules with it. Reads only."""
    if not isinstance(page, InCourseMixin):
        return None
    course = course_of(page)
    if course is None:
        return None
    if not course.live and not is_course_staff(request.user, course):
        # Wagtail only asks the last page of a URL to be live: an unpublished course must
        # take its modules and free previews with it.
        raise Http404
    if not is_step(page):
        return None  # a module: open to all while its course is published
    page.course = course  # a cached_property: spare its lookup later in the request
    state = learner_state_for_request(request, course)
    access = step_access(user=request.user, page=page, course=course, state=state)
    if not access.allowed:
        messages.info(request, access.message)
        return redirect(course.get_url(request=request) or "/")
    return None
