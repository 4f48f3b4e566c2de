"""What the plan adds to other apps' pages, through their hooks: the answer forms on a lesson
(PAGE_CONTEXT_HOOK), the rule that a required exercise is answered before its step is done,
the plan's state on the dashboard, on the course-completed page and in the learner admin,
and the instructors' overview (admin_views)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from core.frames import csrf_token, render_kept, slot
from courses.models import PAGE_CONTEXT_HOOK, LessonPage
from enrollments.admin_learners import LEARNER_PANELS_HOOK
from enrollments.selectors import learner_state_for_request
from enrollments.services import STEP_DONE_CHECK_HOOK
from enrollments.views import DASHBOARD_COURSE_EXTRAS_HOOK

from . import admin_views  # noqa: F401  (registers the instructors' overview)
from .forms import FLASH_SESSION_KEY, SheetShell, sheet_form
from .models import PlanAnswer
from .selectors import (
    answers_by_course,
    answers_for,
    build_plan,
    is_answered,
    lesson_exercises,
    plan_state_text,
)
from .services import EXERCISE_MAX
from .views import plan_url, sheet_action

COMPLETION_PANELS_HOOK = "learner_completion_panels"


@hooks.register(PAGE_CONTEXT_HOOK)
def lesson_answer_forms(*, page, request, context: dict) -> None:
    """An enrolled learner's answer forms, one per exercise: one query for all of them."""
    if not isinstance(page, LessonPage):
        return
    course = context.get("course")
    if course is None or not learner_state_for_request(request, course).is_active:
        return
    exercises = lesson_exercises(page)
    if not exercises:
        return
    answers = answers_for(user=request.user, course=course)
    refused = (
        request.session.pop(FLASH_SESSION_KEY, None)
        if FLASH_SESSION_KEY in request.session
        else None
    )
    here = page.get_url(request=request)
    # The forms' markup is rendered once per shape (core.frames.render_kept): the learner's
    # values, errors and CSRF token are put in afterwards.
    csrf = {"csrf": csrf_token(request)}
    slots = {}
    for exercise in exercises:
        mine = refused if refused and refused.get("key") == exercise.key else None
        answer = answers.get(exercise.key)
        if exercise.kind is not None:
            form = sheet_form(
                kind=exercise.kind,
                answer=answer,
                action=sheet_action(course, exercise.kind.key),
                next_url=here,
                form_id=f"sheet-{exercise.block_id}",
                refused=mine,
            )
            shell, fills = SheetShell.of(form)
            slots[exercise.block_id] = render_kept(
                "plans/includes/lesson_sheet.html",
                {"form": shell, "plan_url": plan_url(course), "csrf_token": slot("csrf")},
                {**fills, **csrf},
            )
        else:
            error = (mine or {}).get("errors", {}).get("answer", "")
            value = (mine or {}).get("values", {}).get("answer", answer.text if answer else "")
            slots[exercise.block_id] = render_kept(
                "plans/includes/exercise_form.html",
                {
                    "action": reverse("plans:exercise_save", args=[page.pk, exercise.block_id]),
                    "next_url": here,
                    "block_id": exercise.block_id,
                    "required": exercise.required,
                    "value": slot("value"),
                    "error": slot("error") if error else "",
                    "max_length": EXERCISE_MAX,
                    "csrf_token": slot("csrf"),
                },
                {"value": value, "error": error, **csrf},
            )
    context["exercise_slots"] = slots


@hooks.register(STEP_DONE_CHECK_HOOK)
def required_exercises_answered(*, enrollment, page) -> list[str]:
    required = [e for e in lesson_exercises(page) if e.required]
    if not required:
        return []
    answers = {
        a.key: a
        for a in PlanAnswer.objects.filter(
            user_id=enrollment.user_id,
            course_id=enrollment.course_id,
            key__in=[e.key for e in required],
        )
    }
    missing = []
    for exercise in required:
        if is_answered(exercise, answers.get(exercise.key)):
            continue
        if exercise.kind is not None:
            missing.append(
                _("Fill in the worksheet “%(title)s” first: this lesson asks for it.")
                % {"title": exercise.title or exercise.kind.label}
            )
        else:
            question = (
                exercise.question if len(exercise.question) <= 80 else exercise.question[:77] + "…"
            )
            missing.append(
                _("Answer the exercise “%(question)s” first: this lesson asks for it.")
                % {"question": question}
            )
    return missing


@hooks.register(DASHBOARD_COURSE_EXTRAS_HOOK)
def dashboard_plan_state(*, request, courses) -> dict[int, str]:
    """Each enrolled course's plan state: one query for all courses together."""
    active = [entry.course for entry in courses if entry.enrollment.is_active]
    if not active:
        return {}
    by_course = answers_by_course(user=request.user)
    extras = {}
    for course in active:
        plan = build_plan(course=course, answers=by_course.get(course.pk, {}))
        # No request: the line needs none of the context processors' values.
        extras[course.pk] = render_to_string(
            "plans/includes/dashboard_state.html", {"plan": plan, "url": plan_url(course)}
        )
    return extras


@hooks.register(COMPLETION_PANELS_HOOK)
def completion_plan_summary(request, enrollment) -> str | None:
    """The plan's summary for the course-completed page (owned by the certificates app)."""
    if request.user.pk != enrollment.user_id:
        return None
    plan = build_plan(
        course=enrollment.course, answers=answers_for(user=request.user, course=enrollment.course)
    )
    return render_to_string(
        "plans/includes/completion_panel.html",
        {"plan": plan, "url": plan_url(enrollment.course)},
        request=request,
    )


def coached(course) -> bool:
    """Whether the course's instructors may read individual answers (a documented setting)."""
    return course.slug in set(getattr(settings, "PLANS_COACHED_COURSES", []))


@hooks.register(LEARNER_PANELS_HOOK)
def learner_plan_panel(*, enrollment, request):
    course = enrollment.course
    plan = build_plan(course=course, answers=answers_for(user=enrollment.user, course=course))
    return {
        "title": _("MCMT plan"),
        "template": "plans/admin/learner_plan_panel.html",
        "context": {"plan": plan, "state": plan_state_text(plan), "coached": coached(course)},
    }
