"""What the learner side adds to Wagtail: the access rule for lessons and quizzes, the
learner's state on course pages, the quiz routes, a rule on the course form, and the admin
screens (each in its own module; importing them registers them)."""

from __future__ import annotations

from django.utils.translation import ngettext
from wagtail import hooks

from courses.models import COURSE_FORM_CLEAN_HOOK, PAGE_CONTEXT_HOOK, QUIZ_VIEW_HOOK

from . import admin_learners, admin_quizzes  # noqa: F401
from .access import check_step_access, is_step
from .models import Enrollment
from .page_context import learner_page_context
from .quiz_views import quiz_view
from .selectors import learner_state_for_request
from .services import enrollment_last_step_set

hooks.register("before_serve_page", check_step_access)
hooks.register(PAGE_CONTEXT_HOOK, learner_page_context)
hooks.register(QUIZ_VIEW_HOOK, quiz_view)


@hooks.register("before_serve_page")
def remember_resume_point(page, request, serve_args, serve_kwargs):
    """Where the learner stopped, for "Continue": the step they opened last. Runs after the
    access check (hooks run in registration order) and writes one UPDATE only when the step
    changed; the state was loaded by the access check, so it costs no query."""
    if request.method != "GET" or not is_step(page):
        return None
    state = learner_state_for_request(request, page.course)
    if state.is_active:
        enrollment_last_step_set(enrollment=state.enrollment, page_id=page.pk)
    return None


@hooks.register(COURSE_FORM_CLEAN_HOOK)
def keep_open_course_open(*, form, cleaned_data) -> None:
    """Moving an open course's launch into the future would shut its learners out."""
    from django.utils import timezone

    launch_at = cleaned_data.get("launch_at")
    course = form.instance
    if not course.pk or launch_at is None or launch_at <= timezone.now():
        return
    if not course.is_launched():
        return
    enrolled = Enrollment.objects.filter(course=course, status=Enrollment.Status.ACTIVE).count()
    if enrolled:
        # Lessons close until the launch moment for everyone but staff: learners already
        # inside would find their course shut without a word.
        form.add_error(
            "launch_at",
            ngettext(
                "%(count)d learner is already enrolled in this open course; a launch "
                "in the future would close their lessons until then. Leave the date "
                "in the past, or empty.",
                "%(count)d learners are already enrolled in this open course; a "
                "launch in the future would close their lessons until then. Leave the "
                "date in the past, or empty.",
                enrolled,
            )
            % {"count": enrolled},
        )
