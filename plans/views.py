"""The learner's side of the plan: saving answers (fetch or plain post), the plan page, its
printable version and the PDF. Only the learner themself reads or writes their answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.urls import kept_reverse
from courses.models import CoursePage, LessonPage, course_of
from courses.worksheets import worksheet_kind
from enrollments.selectors import learner_state

from . import services
from .forms import FLASH_SESSION_KEY, sheet_form
from .models import sheet_key
from .selectors import answers_for, build_plan, lesson_exercises, plan_state_text

TIME_KINDS = {"time_capacity", "activities"}


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _course_or_404(slug: str) -> CoursePage:
    course = CoursePage.objects.live().filter(slug=slug).first()
    if course is None:
        raise Http404
    return course


def _refuse(request: HttpRequest, *, form_key: str, errors: dict, back: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"errors": errors}, status=400)
    request.session[FLASH_SESSION_KEY] = {
        "key": form_key,
        "values": {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"},
        "errors": errors,
    }
    messages.error(request, _("Your answer was not saved: see the message next to the field."))
    return redirect(back)


def _not_enrolled(request: HttpRequest, course: CoursePage) -> HttpResponse:
    message = _("Enrol in the course to work on your plan.")
    if _wants_json(request):
        return JsonResponse({"error": message}, status=403)
    messages.error(request, message)
    return redirect(course.get_url(request=request))


@never_cache
@login_required
@require_POST
def sheet_save(request: HttpRequest, course_slug: str, kind: str) -> HttpResponse:
    course = _course_or_404(course_slug)
    if worksheet_kind(kind) is None:
        raise Http404
    if not learner_state(user=request.user, course=course).is_active:
        return _not_enrolled(request, course)
    back = _safe_next(request, plan_url(course))
    try:
        services.sheet_save(user=request.user, course=course, kind_key=kind, data=request.POST)
    except services.AnswerInvalid as refused:
        return _refuse(request, form_key=sheet_key(kind), errors=refused.errors, back=back)
    if _wants_json(request):
        # What the plan page shows around the form: its state line and the time budget.
        plan = build_plan(course=course, answers=answers_for(user=request.user, course=course))
        payload: dict = {"saved": True, "message": _("Saved"), "state": plan_state_text(plan)}
        if kind in TIME_KINDS:
            payload["budget_html"] = render_to_string(
                "plans/includes/budget.html", {"plan": plan}, request=request
            )
        return JsonResponse(payload)
    messages.success(request, _("Saved."))
    return redirect(back)


@never_cache
@login_required
@require_POST
def exercise_save(request: HttpRequest, page_id: int, block_id: str) -> HttpResponse:
    page = Page.objects.live().filter(pk=page_id).first()
    page = page.specific if page else None
    if not isinstance(page, LessonPage):
        raise Http404
    exercise = next(
        (
            e
            for e in lesson_exercises(page)
            if e.block_id == block_id and e.block_type == "reflection"
        ),
        None,
    )
    course = course_of(page)
    if exercise is None or course is None:
        raise Http404
    if not learner_state(user=request.user, course=course).is_active:
        return _not_enrolled(request, course)
    back = _safe_next(request, page.get_url(request=request))
    try:
        services.exercise_save(
            user=request.user,
            course=course,
            page=page,
            block_id=block_id,
            text=request.POST.get("answer", ""),
        )
    except services.AnswerInvalid as refused:
        return _refuse(request, form_key=exercise.key, errors=refused.errors, back=back)
    if _wants_json(request):
        return JsonResponse({"saved": True, "message": _("Saved")})
    messages.success(request, _("Saved."))
    return redirect(back)


def plan_url(course: CoursePage) -> str:
    return kept_reverse("plans:plan", course.slug)


def _plan_context(request: HttpRequest, course_slug: str):
    course = _course_or_404(course_slug)
    state = learner_state(user=request.user, course=course)
    if state.enrollment is None:
        return course, None
    answers = answers_for(user=request.user, course=course)
    return course, build_plan(course=course, answers=answers)


def _sheet_forms(request: HttpRequest, plan, *, editable: bool) -> dict[str, object]:
    if not editable:
        return {}
    refused = (
        request.session.pop(FLASH_SESSION_KEY, None)
        if FLASH_SESSION_KEY in request.session
        else None
    )
    here = plan_url(plan.course)
    forms = {}
    for pillar in plan.pillars:
        for sheet in pillar.sheets:
            key = sheet_key(sheet.kind.key)
            forms[sheet.kind.key] = sheet_form(
                kind=sheet.kind,
                answer=plan.answers.get(key),
                action=sheet_action(plan.course, sheet.kind.key),
                next_url=here,
                form_id=f"plan-{sheet.kind.key}",
                refused=refused if refused and refused.get("key") == key else None,
            )
            sheet.form = forms[sheet.kind.key]
    return forms


def sheet_action(course: CoursePage, kind: str) -> str:
    return kept_reverse("plans:sheet_save", course.slug, kind)


@never_cache
@login_required
def plan_page(request: HttpRequest, course_slug: str) -> HttpResponse:
    course, plan = _plan_context(request, course_slug)
    if plan is None:
        return _not_enrolled(request, course)
    editable = learner_state(user=request.user, course=course).is_active
    _sheet_forms(request, plan, editable=editable)
    return render(
        request,
        "plans/plan_page.html",
        {"course": course, "plan": plan, "editable": editable, "today": timezone.localdate()},
    )


@never_cache
@login_required
def plan_print(request: HttpRequest, course_slug: str) -> HttpResponse:
    course, plan = _plan_context(request, course_slug)
    if plan is None:
        return _not_enrolled(request, course)
    return render(
        request,
        "plans/plan_print.html",
        {"course": course, "plan": plan, "today": timezone.localdate()},
    )


@never_cache
@login_required
def plan_pdf(request: HttpRequest, course_slug: str) -> HttpResponse:
    course, plan = _plan_context(request, course_slug)
    if plan is None:
        return _not_enrolled(request, course)
    from . import pdf  # fpdf2 loads on the first PDF, not with every web worker

    content = pdf.plan_pdf(
        plan=plan, learner_name=pdf.learner_name(request.user), today=timezone.localdate()
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mcmt-plan-{course.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
