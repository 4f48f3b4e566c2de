"""What one visitor sees of their own progress on a course page, a module or a step.

Course pages hold content only; they ask for this through `courses.models.PAGE_CONTEXT_HOOK`
(registered in wagtail_hooks.py). Every figure is computed over the cached outline from the
visitor's state, which the access check loaded already (one query per request at most).
"""

from __future__ import annotations

from courses.models import CoursePage, ModulePage

from .access import is_step, locked_modules, may_record_progress
from .selectors import course_state, learner_progress, learner_state_for_request


def learner_page_context(*, page, request, context: dict) -> None:
    course, outline = context.get("course"), context.get("outline")
    if course is None or outline is None:
        return
    state = learner_state_for_request(request, course)
    if isinstance(page, CoursePage):
        context["course_state"] = course_state(
            course=course, user=request.user, outline=outline, state=state
        )
        return
    context.update(learner=state, done_ids=frozenset(), progress=None)
    if not state.is_active:
        return
    locked = locked_modules(outline, state.enrollment)
    progress = learner_progress(
        outline=outline,
        done_ids=state.done_ids,
        completed_at=state.enrollment.completed_at,
        locked=locked,
    )
    context["locked_modules"] = locked
    context.update(done_ids=state.done_ids, progress=progress)
    if isinstance(page, ModulePage):
        context["module_progress"] = progress.module(page.pk)
    elif is_step(page):
        module = outline.module_of(page.pk)
        context.update(
            module_progress=progress.module(module.id) if module else None,
            step_done=page.pk in state.done_ids,
            can_record_progress=(
                may_record_progress(course=course, state=state)
                and outline.item(page.pk) is not None
            ),
        )
