"""Learners' views: the dashboard, enrolling, marking steps done.

Every change of state is a POST with a CSRF token. A GET on an action URL (for example after
logging in from an action) changes nothing and leads back to the page it belongs to.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import CoursePage, course_of
from courses.outline import course_outline
from courses.routing import live_page, prefetch_site, site_for_request

from . import services
from .access import is_step, locked_modules, may_record_progress
from .selectors import dashboard_courses, learner_progress, learner_state

#: The course-completed page (owned by the certificates app, reached by its URL name only).
COMPLETED_URL_NAME = "certificates:completed"

#: Wagtail hook through which apps above this one offer a learner courses on the dashboard
#: ("you were on the waitlist: enrol now"): `fn(user=, enrolled=)` returns launched CoursePages
#: the user is not enrolled in; `enrolled` holds the ids of the courses they are (actively)
#: enrolled in, so a hook can skip its page query when it has nothing else to offer.
DASHBOARD_OFFERS_HOOK = "learner_dashboard_offers"
#: Wagtail hook through which apps above this one add a line to each enrolled course on the
#: dashboard (the plan's state): `fn(request=, courses=)` gets the dashboard's entries and
#: returns {course id: HTML}; it should cost one query at most for all courses together.
DASHBOARD_COURSE_EXTRAS_HOOK = "learner_dashboard_course_extras"


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    prefetch_site(request)
    courses = dashboard_courses(user=request.user)
    enrolled = frozenset(entry.course.pk for entry in courses if entry.enrollment.is_active)
    offers = {
        course.pk: course
        for fn in hooks.get_hooks(DASHBOARD_OFFERS_HOOK)
        for course in fn(user=request.user, enrolled=enrolled)
        if course.pk not in enrolled
    }
    extras: dict[int, list[str]] = {}
    for fn in hooks.get_hooks(DASHBOARD_COURSE_EXTRAS_HOOK):
        for course_id, html in (fn(request=request, courses=courses) or {}).items():
            extras.setdefault(course_id, []).append(html)
    context = {
        "courses": courses,
        "offers": list(offers.values()),
        "course_extras": extras,
        # The page around the learner's courses is the same for everyone (core.frames).
        "page_frame": ("dashboard",),
    }
    site_for_request(request)  # the links to the courses ({% pageurl %}) need the site
    return render(request, "enrollments/dashboard.html", context)


@login_required
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if request.method != "POST":
        return redirect(course.get_url(request=request))
    try:
        services.enrollment_free_create(user=request.user, course=course)
    except services.EnrolmentRefused as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect(course.get_url(request=request))
    messages.success(request, _("You are enrolled. Enjoy the course!"))
    outline = course_outline(course)
    first = outline.items[0] if outline.items else None
    return redirect(first.url if first else course.get_url(request=request))


def _step_or_404(page_id: int):
    page = live_page(page_id)  # cached between publishes
    if page is None or not is_step(page):
        raise Http404
    course = course_of(page)
    if course is None:
        raise Http404
    return page, course


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _progress_payload(page, course, enrollment, done: bool) -> dict:
    outline = course_outline(course)
    state = learner_state(user=enrollment.user, course=course)
    progress = learner_progress(
        outline=outline,
        done_ids=state.done_ids,
        completed_at=state.enrollment.completed_at,
        locked=locked_modules(outline, state.enrollment),
    )
    module = outline.module_of(page.pk)
    module_progress = progress.module(module.id) if module else None
    _previous, following = outline.neighbours(page.pk)
    return {
        "done": done,
        "course": {"percent": progress.percent, "done": progress.done, "total": progress.total},
        "module": (
            {
                "id": module.id,
                "percent": module_progress.percent,
                "done": module_progress.tally.done,
                "total": module_progress.tally.total,
            }
            if module_progress
            else None
        ),
        "completed": progress.is_completed,
        "next": {"url": following.url, "title": following.title} if following else None,
    }


def _step_action(request: HttpRequest, page_id: int, *, done: bool) -> HttpResponse:
    page, course = _step_or_404(page_id)
    if request.method != "POST":
        return redirect(page.get_url(request=request))
    state = learner_state(user=request.user, course=course)
    if not may_record_progress(course=course, state=state):
        message = _("Enrol in the course to keep track of your progress.")
        if _wants_json(request):
            return JsonResponse({"error": message}, status=403)
        messages.error(request, message)
        return redirect(course.get_url(request=request))
    enrollment = state.enrollment
    module = course_outline(course).module_of(page.pk)
    if module is not None and module.id in locked_modules(course_outline(course), enrollment):
        message = _("This module is not open yet.")
        if _wants_json(request):
            return JsonResponse({"error": message}, status=403)
        messages.error(request, message)
        return redirect(course.get_url(request=request))
    enrollment.course = course
    enrollment.user = request.user
    was_completed = enrollment.completed_at is not None
    try:
        if done:
            services.step_record_done(enrollment=enrollment, page=page)
        else:
            services.step_undo(enrollment=enrollment, page=page)
    except services.ProgressError as error:
        if _wants_json(request):
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect(page.get_url(request=request))
    completed_now = not was_completed and enrollment.completed_at is not None
    congratulations = _("Congratulations: you completed the course!")
    completed_url = reverse(COMPLETED_URL_NAME, args=[course.pk]) if completed_now else ""
    if _wants_json(request):
        payload = _progress_payload(page, course, enrollment, done)
        payload["message"] = congratulations if completed_now else ""
        payload["completed_url"] = completed_url
        return JsonResponse(payload)
    if completed_now:  # the moment itself: the course-completed page with the certificate
        messages.success(request, congratulations)
        return redirect(completed_url)
    return redirect(f"{page.get_url(request=request)}#lesson-progress")


@login_required
def step_done(request: HttpRequest, page_id: int) -> HttpResponse:
    return _step_action(request, page_id, done=True)


@login_required
def step_undo(request: HttpRequest, page_id: int) -> HttpResponse:
    return _step_action(request, page_id, done=False)
