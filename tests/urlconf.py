"""Every URL pattern of the project, each with one concrete path that reaches it.

Tests that must hold for every endpoint (no 5xx for any body, no log-in that skips the
rate limit) walk this list instead of a hand-kept one, so a new URL is covered the day it
is added. A new *regex* pattern needs a sample path in REGEX_SAMPLES (the walker says so).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

CONVERTER_SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "0b7f4c1e-8d0a-4b8e-9d42-2c2f6f1d3a10",
}

# Regex pieces (as Django prints them) and a path piece that each one matches.
REGEX_SAMPLES = {
    r"^((?:[\w\-]+/)*)$": "",
    r"^media/(?P<path>.*)$": "media/x",
    r"^confirm-email/(?P<key>[-:\w]+)/$": "confirm-email/abc/",
    r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": "password/reset/key/1-abc/",
    r"^(\d+)/(.*)$": "1/x",
    r"^mailgun/inbound(_mime)?/$": "mailgun/inbound/",
    r"^.*/$": "no-such-admin-page/",
    (
        r"^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\."
        r"(?P<revision_id_b>live|latest|\d+)/$"
    ): "1/revisions/compare/live...latest/",
}
_PLAIN = re.compile(r"^\^?([\w/.\-]*)\$?$")
_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Endpoint:
    path: str  # absolute, e.g. "/learn/steps/1/done/"
    name: str  # "namespace:name", or the route when the pattern has no name
    callback: object
    template: str = (
        ""  # the path with its route converters left in: "/learn/steps/<int:page_id>/done/"
    )

    def with_values(self, values: dict[str, str]) -> str:
        """The path with each converter replaced by values[converter] (or its sample)."""
        if not self.template:
            return self.path
        return _CONVERTER.sub(
            lambda m: values.get(
                m["converter"] or "str", CONVERTER_SAMPLES[m["converter"] or "str"]
            ),
            self.template,
        )


def _piece(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        if route.startswith("^"):  # a regex-style include written as a route
            route = route[1:]
        return _CONVERTER.sub(lambda m: CONVERTER_SAMPLES[m["converter"] or "str"], route)
    if isinstance(pattern, RegexPattern):
        text = str(pattern)
        if text in REGEX_SAMPLES:
            return REGEX_SAMPLES[text]
        plain = _PLAIN.match(text)
        if plain:
            return plain.group(1)
        raise LookupError(f"add a sample path for the URL regex {text!r} to REGEX_SAMPLES")
    raise LookupError(f"unknown URL pattern type {type(pattern)!r}")


def _template_piece(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return str(pattern).removeprefix("^")
    return _piece(pattern)


def _walk(
    resolver: URLResolver, prefix: str, namespace: str, template: str = ""
) -> Iterator[Endpoint]:
    for entry in resolver.url_patterns:
        piece = prefix + _piece(entry.pattern)
        shape = template + _template_piece(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, piece, inner, shape)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else str(entry.pattern)
            yield Endpoint(
                path="/" + piece, name=name, callback=entry.callback, template="/" + shape
            )


def endpoints() -> list[Endpoint]:
    """One Endpoint per URL pattern that its sample path really reaches (patterns shadowed
    by an earlier one, such as Wagtail's own log-in page behind ours, are left out: no
    request can reach them)."""
    found = []
    for endpoint in _walk(get_resolver(), "", ""):
        try:
            match = resolve(endpoint.path)
        except Resolver404:
            match = None
        if match is not None and match.func is endpoint.callback:
            found.append(endpoint)
    return found


def every_pattern_has_a_sample() -> list[str]:
    """Patterns whose sample path does not reach them, apart from shadowed ones."""
    missing = []
    for endpoint in _walk(get_resolver(), "", ""):
        try:
            resolve(endpoint.path)
        except Resolver404:
            missing.append(endpoint.name)
    return missing


SAMPLE_UUID = uuid.UUID(CONVERTER_SAMPLES["uuid"])
