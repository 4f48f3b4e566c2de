"""Whole-response cache for what anonymous visitors see of a course landing page.

On launch day the whole waitlist follows the announcement to this one page. Anonymous
visitors all get the same HTML, so the middleware below answers repeat requests from the
cache before Wagtail even routes the URL. A page opts in per response (`mark_cacheable`).
Entries are in the `content` family of `core.caching` (which says what makes them stale), and
they expire at the course's launch moment, when the page changes by itself.
Anything personal bypasses the cache: a logged-in user, a pending flash message, a query
string, a non-GET method, or a response that sets a cookie.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from core import caching

CACHE_SECONDS = caching.Timeouts.ANONYMOUS_PAGE
_MARK = "_anonymous_cache_until"


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
    return caching.content_key("anon-page", request.path)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = caching.get(key)
        if cached is not None and cached[2] > timezone.now():
            content, content_type, _until = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        until = getattr(response, _MARK, None)
        if until is not None and response.status_code == 200 and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            seconds = max(1, min(CACHE_SECONDS, int((until - timezone.now()).total_seconds())))
            caching.store(key, (response.content, response["Content-Type"], until), seconds)
            response["X-Page-Cache"] = "miss"
        return response
