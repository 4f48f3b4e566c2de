"""`{% progress_bar %}`: a labelled progress bar, the one markup for it on every page.

A tag rather than an included template: the dashboard shows five per course and an include
costs about 100 µs each (a new context, a template lookup, a localised number), the tag a few.
`key` ("course", "module-", "pillar-") and `key_id` name the bar for static/js/progress.js,
which updates it after a step is marked done.
"""

from __future__ import annotations

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

_BAR = (
    '<div class="learn-progress-item" data-progress="{key}{key_id}">\n'
    '  <div class="d-flex justify-content-between gap-2 small mb-1">\n'
    "    <span>{label}</span>\n"
    "    <span><span data-progress-text>{value}</span>&nbsp;%</span>\n"
    "  </div>\n"
    '  <progress class="learn-progress" max="100" value="{value}" aria-label="{label}"'
    " data-progress-bar>{value} %</progress>\n"
    "</div>\n"
)


@register.simple_tag
def progress_bar(key: str, label, value, key_id: object = None) -> SafeString:
    """`value` is a whole percentage (0 to 100): as a template shows it, without the detour
    through localisation that an integer below 1000 does not need."""
    shown = value if isinstance(value, int) else formats.localize(value)
    return format_html(
        _BAR, key=key, key_id="" if key_id is None else key_id, label=label, value=shown
    )
