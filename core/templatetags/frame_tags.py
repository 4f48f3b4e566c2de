"""`{% frame %}` and `{% personal %}`: a page rendered once, personal parts per request.

See `core.frames` for what is kept, where and for how long.

    {% frame page_frame %} … {% endframe %}
        Around a whole page (base.html). Nothing happens unless the view put a `page_frame`
        key in the context: then the page is kept per that key and the request's path,
        language, time zone, host and the content generation.

    {% personal %} … {% endpersonal %}
        Rendered for every request. Outside a frame (any page that did not opt in) it
        simply renders its content.

    {% personal vary a b %} … {% endpersonal %}
        Rendered once per distinct (a, b) within the frame and kept.

A personal block sees the view's context, not the variables of a `{% for %}` or `{% with %}`
around it: it is rendered after the page, where those are gone. So it may not sit inside a
loop (an error says so), and varying blocks may not hold other personal blocks.
"""

from __future__ import annotations

import re

from django import template
from django.template.base import FilterExpression, Node, NodeList
from django.template.context import Context
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from core import caching, frames

register = template.Library()

_SLOT = "\x00personal:{}\x00"
_SLOTS = re.compile("\x00personal:([0-9]+)\x00")
_IN_VARY = "_frame_in_vary"

Pieces = list  # str, PersonalNode, str, PersonalNode, …, str


class PersonalNode(Node):
    def __init__(self, nodelist: NodeList, vary: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.vary = vary

    def render(self, context: Context) -> str:
        if context.get(_IN_VARY):
            raise template.TemplateSyntaxError(
                "{% personal %} inside {% personal vary … %}: the outer block is kept per its "
                "values, so the inner one would be kept with it."
            )
        recorder = context.get(frames.RECORDER)
        if recorder is None:  # not in a frame, or the frame is being filled in
            return self.nodelist.render(context)
        if self in recorder:
            raise template.TemplateSyntaxError(
                "{% personal %} inside a loop: it is rendered after the page, where the "
                "loop's variables are gone."
            )
        recorder.append(self)
        return _SLOT.format(len(recorder) - 1)

    def render_personal(self, context: Context, frame_key: tuple) -> str:
        if not self.vary:
            return self.nodelist.render(context)
        values = tuple(value.resolve(context) for value in self.vary)
        key = (frame_key, self, values)
        try:
            hash(key)
        except TypeError:
            raise template.TemplateSyntaxError("{% personal vary %} takes plain values") from None
        html = frames.fragments.get(key)
        if html is None:
            with context.push({"csrf_token": frames.CSRF_MARKER, _IN_VARY: True}):
                html = self.nodelist.render(context)
            frames.fragments.put(key, html)
        return html


class FrameNode(Node):
    def __init__(self, nodelist: NodeList, key: FilterExpression) -> None:
        self.nodelist = nodelist
        self.key = key

    def render(self, context: Context) -> str:
        key = self.key.resolve(context)
        request = context.get("request")
        if not key or request is None or not frames.enabled():
            return self.nodelist.render(context)
        frame_key = (
            caching.content_generation(),
            translation.get_language(),
            timezone.get_current_timezone_name(),
            request.get_host(),
            request.get_full_path(),
            key,
        )
        pieces = frames.frames.get(frame_key)
        if pieces is None:
            pieces = self._record(context)
            frames.frames.put(frame_key, pieces)
        html = "".join(
            piece if piece.__class__ is str else piece.render_personal(context, frame_key)
            for piece in pieces
        )
        if frames.CSRF_MARKER in html:
            html = html.replace(frames.CSRF_MARKER, frames.csrf_token(request))
        # Every piece is the output of an auto-escaping template.
        return SafeString(html)  # nosec B703

    def _record(self, context: Context) -> Pieces:
        recorder: list[PersonalNode] = []
        with context.push({frames.RECORDER: recorder, "csrf_token": frames.CSRF_MARKER}):
            html = self.nodelist.render(context)
        parts = _SLOTS.split(html)  # text, index, text, index, …, text
        pieces: Pieces = [parts[0]]
        for index, text in zip(parts[1::2], parts[2::2], strict=True):
            pieces.extend((recorder[int(index)], text))
        if len(pieces) != 2 * len(recorder) + 1:
            raise template.TemplateSyntaxError("a {% personal %} block's output went missing")
        return pieces


@register.tag
def frame(parser, token) -> FrameNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% frame %} takes one argument: the page's key")
    nodelist = parser.parse(("endframe",))
    parser.delete_first_token()
    return FrameNode(nodelist, parser.compile_filter(bits[1]))


@register.tag
def personal(parser, token) -> PersonalNode:
    bits = token.split_contents()[1:]
    if bits and bits[0] != "vary":
        raise template.TemplateSyntaxError("{% personal %} or {% personal vary a b … %}")
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    return PersonalNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])
