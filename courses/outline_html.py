"""The course outline beside a lesson or quiz, rendered from cached pieces.

The outline is the same for every learner except for two marks per step: done or not, and
whether it is the page being read. Rendering its template for every request cost a third of
a lesson page's time, so the pieces are rendered once per course and language and cached
like the outline itself (`core.caching`, the `content` family): the HTML around the
steps, and each step in its four variants. A request then only joins strings.
"""

from __future__ import annotations

from collections.abc import Collection

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from core import caching

from .outline import CourseOutline

OUTLINE_TEMPLATE = "includes/course_outline.html"
STEP_TEMPLATE = "includes/course_outline_step.html"
# Stands in for each step while the template around the steps is rendered.
SLOT = "\x00step\x00"

Pieces = tuple[list[str], list[tuple[int, tuple[str, str, str, str]]]]


def _render_pieces(outline: CourseOutline) -> Pieces:
    """The HTML between the steps, and per step its HTML for (done, current) in the order
    (no, no), (no, yes), (yes, no), (yes, yes)."""
    gaps = render_to_string(OUTLINE_TEMPLATE, {"outline": outline, "slot": SLOT}).split(SLOT)
    steps = []
    for module in outline.modules:
        for number, item in enumerate(module.items, start=1):
            variants = tuple(
                render_to_string(
                    STEP_TEMPLATE,
                    {"item": item, "number": number, "done": done, "current": current},
                )
                for done in (False, True)
                for current in (False, True)
            )
            steps.append((item.id, variants))
    if len(gaps) != len(steps) + 1:
        raise RuntimeError(f"{OUTLINE_TEMPLATE} must print its slot once per step")
    return gaps, steps


def _pieces(outline: CourseOutline) -> Pieces:
    return caching.cached_content(
        "outline-html", outline.course_id, build=lambda: _render_pieces(outline)
    )


def render_outline(
    outline: CourseOutline, *, current_id: int | None, done_ids: Collection[int] = ()
) -> SafeString:
    gaps, steps = _pieces(outline)
    html = [gaps[0]]
    for (step_id, variants), gap in zip(steps, gaps[1:], strict=True):
        html.append(variants[2 * (step_id in done_ids) + (step_id == current_id)])
        html.append(gap)
    # Every piece came out of an auto-escaping template: nothing here is unescaped input.
    return SafeString("".join(html))  # nosec B703
