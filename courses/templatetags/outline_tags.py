from django import template
from django.utils.safestring import SafeString

from courses.outline_html import render_outline

register = template.Library()


@register.simple_tag(takes_context=True)
def course_outline_nav(context) -> SafeString:
    """The course outline for the page in the context, with the learner's finished steps
    (`done_ids`) ticked off."""
    outline = context.get("outline")
    if not outline:
        return SafeString("")
    page = context.get("page")
    return render_outline(
        outline,
        current_id=getattr(page, "pk", None),
        done_ids=context.get("done_ids") or (),
    )
