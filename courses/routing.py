"""Wagtail's page serving with the routing work cached.

Wagtail finds a page by walking the tree one URL segment at a time (two queries a level),
looks up the site, and checks view restrictions on every ancestor. Between two publishes
none of that changes, so the result is kept in the cache under the outline generation
(bumped by every publish, unpublish, move and delete, and by changes to sites and view
restrictions): a repeat request loads its page with one query.

`serve` is Wagtail's own `wagtail.views.serve` with that cache in front, and it skips
Wagtail's view-restriction hook only where the cached route recorded that no restriction
applies. Routes with extra arguments (RoutablePageMixin sub-pages) are cached too; they
carry their args and kwargs.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.wagtail_hooks import check_view_restrictions

from .outline import GENERATION_KEY

CACHE_SECONDS = 60 * 60


def _route_key(request: HttpRequest, path: str) -> str:
    generation = cache.get_or_set(GENERATION_KEY, 1, None)
    return f"route:{generation}:{request.get_host()}:{path}"


def _cached_route(request: HttpRequest, path: str) -> tuple[RouteResult | None, bool]:
    """The route for `path`, and whether any view restriction applies to its page."""
    key = _route_key(request, path)
    entry = cache.get(key)
    if entry is not None:
        site, content_type_id, page_id, args, kwargs, restricted = entry
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id, live=True).first()
        if page is not None:
            request._wagtail_site = site
            route = RouteResult(page, args=args, kwargs=kwargs)
            request._wagtail_route_for_request = route
            return route, restricted
    route = Page.route_for_request(request, path)
    if route is None:
        return None, True
    page, args, kwargs = route
    restricted = page.get_view_restrictions().exists()
    site = Site.find_for_request(request)
    cache.set(
        key,
        (site, page.content_type_id, page.pk, tuple(args), dict(kwargs), restricted),
        CACHE_SECONDS,
    )
    return route, restricted


def serve(request: HttpRequest, path: str) -> HttpResponse:
    route, restricted = _cached_route(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is check_view_restrictions and not restricted:
            continue  # checked when the route was cached: nothing restricts this page
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)
