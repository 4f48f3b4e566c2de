"""Whole-response cache for what anonymous visitors see of a course landing page.

On launch day the whole waitlist follows the announcement to this one page. Anonymous
visitors all get the same HTML, so the middleware below answers repeat requests from the
cache before Wagtail even routes the URL. A page opts in per response (`mark_cacheable`).
Entries are in the `content` family of `core.caching` (which says what makes them stale), and
they expire at the course's launch moment, when the page changes by itself.
Anything personal bypasses the cache: a logged-in user, a pending flash message, a query
string, a non-GET method, or a response that sets a cookie.

Each process remembers which paths have answered with a cacheable page, and only those are
looked up: every other request (a log-in form, a health check, a static file's miss) makes no
cache round trip at all. Another process learns a path the first time it renders it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from core import caching

CACHE_SECONDS = caching.Timeouts.ANONYMOUS_PAGE
_MARK = "_anonymous_cache_until"
# Paths this process has seen answered with a cacheable page, least recently stored first;
# bounded so that a crawler walking random URLs cannot grow it without end.
_SHAREABLE_PATHS: OrderedDict[str, None] = OrderedDict()
SHAREABLE_PATHS_MAX = 10_000


def _remember(path: str) -> None:
    _SHAREABLE_PATHS[path] = None
    _SHAREABLE_PATHS.move_to_end(path)
    while len(_SHAREABLE_PATHS) > SHAREABLE_PATHS_MAX:
        _SHAREABLE_PATHS.popitem(last=False)


def cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def page_is_shareable(request: HttpRequest, page) -> bool:
    """False when a view restriction (password, login, group) applies to `page` or a page
    above it: a visitor who typed the password is still anonymous, and what they were shown
    must not be handed to the next one. The router sets the answer on the request; a page
    served another way asks the database."""
    restricted = getattr(request, "page_view_restricted", None)
    if restricted is None:
        restricted = page.get_view_restrictions().exists()
    return not restricted


def mark_cacheable(response: HttpResponse, *, until: datetime | None = None) -> HttpResponse:
    """Let the middleware keep this response for anonymous visitors (until `until`)."""
    setattr(response, _MARK, until or timezone.now() + timezone.timedelta(seconds=CACHE_SECONDS))
    return response


def _key(request: HttpRequest) -> str:
    # Not under the generation: the entry records its generation instead, so that a hit
    # reads the entry and the current generation in one round trip.
    return f"anon-page:{request.path}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        known = path in _SHAREABLE_PATHS
        if known and cacheable_request(request):
            cached = caching.get_with_generations(_key(request))
            if (
                cached is not None
                and cached[3] == caching.content_generation()  # stale after a publish
                and cached[2] > timezone.now()
            ):
                content, content_type, _until, _generation = cached
                response = HttpResponse(content, content_type=content_type)
                response["X-Page-Cache"] = "hit"
                return response
        response = self.get_response(request)
        until = getattr(response, _MARK, None)
        if (until is None and not known) or not cacheable_request(request):
            # Nothing to store or to forget: most requests end here without the user (and so
            # the session) being looked at for this middleware's sake.
            return response
        if until is not None and response.status_code == 200 and not response.cookies:
            # The generation this request read first (it is read once per request, before
            # the page was built): a publish while it rendered leaves the entry stale.
            generation = caching.content_generation()
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            seconds = max(1, min(CACHE_SECONDS, int((until - timezone.now()).total_seconds())))
            entry = (response.content, response["Content-Type"], until, generation)
            caching.store(_key(request), entry, seconds)
            response["X-Page-Cache"] = "miss"
            _remember(path)
        else:
            # No longer a shareable page (restricted, unpublished, moved): stop looking it up.
            _SHAREABLE_PATHS.pop(path, None)
        return response
