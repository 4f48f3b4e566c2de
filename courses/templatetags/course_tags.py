"""How the course's figures are said, the same on every page: "12 lessons and 4 quizzes,
about 3 h 5 min"."""

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.caching import Timeouts, cached_content

register = template.Library()


@register.filter
def duration(minutes) -> str:
    """45 → "45 min", 185 → "3 h 5 min", 120 → "2 h"."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


@register.simple_tag
def step_summary(figures) -> str:
    """A course's or module's lessons, quizzes and time (`courses.outline.StepFigures`)."""
    lessons = ngettext("%(count)d lesson", "%(count)d lessons", figures.lesson_count) % {
        "count": figures.lesson_count
    }
    parts = [lessons]
    if figures.quiz_count:
        parts.append(
            ngettext("%(count)d quiz", "%(count)d quizzes", figures.quiz_count)
            % {"count": figures.quiz_count}
        )
    counted = (
        _("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}
        if len(parts) == 2
        else parts[0]
    )
    return _("%(steps)s, about %(time)s") % {"steps": counted, "time": duration(figures.minutes)}


@register.filter
def lookup(mapping, key):
    """`mapping[key]`, or "" when the mapping or the key is missing (for per-item extras that
    other apps hand a template as a dict)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


_ANY_SLOT = re.compile(r"<!--answer-slot:[^>]*-->")


@register.simple_tag(takes_context=True)
def lesson_body(context, page, slots=None) -> SafeString:
    """The lesson's body: rendered once per page, language and content generation, with a
    marker where an exercise's answer form may go, then the visitor's forms (`slots`, block
    id to HTML, from the plan's page hook) put in and the other markers dropped.

    One cache read for the whole body, whatever the learner has answered: the blocks used to
    be cached one by one around each answer form, a round trip each on Redis.
    """

    def slot(block_id) -> SafeString:
        return format_html("<!--answer-slot:{}-->", block_id)  # the id escaped

    def build() -> str:
        shared = context.flatten()
        parts = []
        for block in page.body:
            shared["answer_html"] = slot(block.id)
            parts.append(block.render_as_block(context=shared))
        return "".join(parts)

    request = context.get("request")
    if getattr(request, "is_preview", False):
        # Wagtail's preview renders a draft: it must show that draft, and the draft must not
        # take the live body's place in the cache (learners would read it until the next
        # publish).
        html = build()
    else:
        html = cached_content("lesson-body", page.pk, build=build, timeout=Timeouts.LESSON_BODY)
    for block_id, answer_html in (slots or {}).items():
        html = html.replace(str(slot(block_id)), str(answer_html), 1)
    # The body is Wagtail's rendering of the page's blocks; the slots are the plan's forms,
    # rendered from escaped values (plans.forms).
    return SafeString(_ANY_SLOT.sub("", html))  # nosec B703
