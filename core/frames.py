"""Pages rendered once and personalised per request: the page *frame*.

Most of a learner's lesson page is the same for everyone who reads it in one language: the
header, the breadcrumb, the lesson, the pager, the footer. Rendering that through Django's
templates for every request took half of the page's time. A page that opts in
(`{% frame key %}` around base.html, with `key` set by the view) is rendered once per
(content generation, language, time zone, host, full path, key) with a marker where each
`{% personal %}` block sits; later requests join the kept pieces and render only the personal
blocks, with the request's own context (see `core.templatetags.frame_tags`).

Three kinds of personal block:

- ``{% personal %}…{% endpersonal %}`` is rendered for every request (the outline's ticks,
  the learner's answers, flash messages);
- ``{% personal vary a b %}…{% endpersonal %}`` is rendered once per distinct value of
  `a` and `b` within its frame and kept too (the "mark as done" card varies only by a few
  figures; the navigation by "logged in" and "may open the admin");
- everything outside personal blocks is shared, so a template that shows a visitor's own
  data outside one would show it to the next visitor: tests render the opted-in pages with
  and without frames for several visitors and compare (tests/core/test_frames.py).

CSRF tokens are the exception that needs no block: while the shared parts are rendered the
token is a marker, which each response replaces with its own masked token.

Kept in each process's memory, not in the shared cache: a hit then costs no round trip, and
the pieces may hold compiled template nodes (the personal blocks), which live as long as the
process's compiled templates. The content generation in the key makes a publish on any node
stale everywhere at once; old entries fall out of the bounded store.
"""

from __future__ import annotations

import secrets
from collections.abc import Hashable

from django.conf import settings
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from core.caching import BoundedStore

#: Stands for the CSRF token in shared HTML (letters and digits: it survives escaping).
CSRF_MARKER = "csrfmarker" + secrets.token_hex(12)
#: The context variable under which the frame being recorded collects its personal blocks.
RECORDER = "_frame_recorder"


# A lesson page's frame is 20-35 KB: at most a few MB per process.
frames = BoundedStore(size=160)
# The varying personal blocks (a card, a menu): a few hundred bytes to 2 KB each.
fragments = BoundedStore(size=2000)


def csrf_token(request) -> str:
    """The request's masked CSRF token, one per response: Django masks anew on every
    `get_token` call (about 50 µs of random numbers each), and a page with several forms
    asked for several."""
    token = getattr(request, "_frames_csrf_token", None)
    if token is None:
        token = request._frames_csrf_token = get_token(request)
    return token


def enabled() -> bool:
    """Frames are on unless settings say `PAGE_FRAMES = False` (tests compare both ways)."""
    return getattr(settings, "PAGE_FRAMES", True)


def clear() -> None:
    frames.clear()
    fragments.clear()
    renders.clear()


# --- Small templates with personal values put in afterwards ----------------------------------

# One entry per template, language and shared values: a form's markup around its values.
renders = BoundedStore(size=1000)


def slot(name: str) -> SafeString:
    """A marker for `render_kept`'s `fills[name]`, to pass in the template's context."""
    return format_html("\x00slot:{}\x00", name)


def render_kept(template_name: str, context: dict[str, Hashable], fills: dict[str, str]) -> str:
    """`render_to_string(template_name, context)`, rendered once per (template, language,
    context) and kept; then each `slot(name)` in the output is replaced by `fills[name]`,
    escaped as `{{ name }}` would be. The context's values must be hashable (they are the
    key) and hold everything that shapes the markup; a slot may only be printed plainly
    (`{{ value }}`), never tested or filtered: its marker is not the value.

    An answer form costs its template 0.2-0.5 ms per render, for markup that differs between
    learners only in the values they typed."""
    key = (template_name, translation.get_language(), tuple(sorted(context.items())))
    html = renders.get(key)
    if html is None:
        html = render_to_string(template_name, context)
        renders.put(key, html)
    for name, value in fills.items():
        html = html.replace(slot(name), conditional_escape(value))
    # The template auto-escaped everything else; the fills were escaped just now.
    return SafeString(html)  # nosec B703
