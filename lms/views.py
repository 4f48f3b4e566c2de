"""Project-wide views that belong to no app."""

from __future__ import annotations

import functools
import logging
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django_guid import get_guid

logger = logging.getLogger(__name__)


def _check_database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _check_cache() -> bool:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    ok = cache.get(key) == "ok"
    cache.delete(key)
    return ok


def _check_broker() -> bool:
    from lms.celery import app

    # One quick try, no back-off: the balancer gives the whole check 2 s (scripts/prodlike) and
    # takes a node out when it runs over, so a slow "no" here would take out every node at once
    # exactly when Redis is away, which the site otherwise survives.
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=0.5)
        return conn.connected


FAVICON = settings.BASE_DIR / "static" / "img" / "favicon.ico"


@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, for what asks there instead of reading <link rel="icon"> (feed readers,
    bookmarks, old browsers): the academy's own mark, not a 404."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: which of the database, the cache and the Celery broker answer.

    503 only when the database does not: without it nothing works. Without Redis (cache and
    broker) the site still serves every page from the database and defers its background
    work (core/cache_backend.py, lms/celery.py), so it stays in the load balancer: 200 with
    `"degraded": true`, rather than every web node taken out at once. It reveals no
    versions or hosts."""
    results: dict[str, bool] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = bool(check())
        except Exception:  # any failure means "not healthy"; the log says why
            logger.warning("health check %s failed", name, exc_info=settings.DEBUG)
            results[name] = False
    status = 200 if results["database"] else 503
    body = {"ok": all(results.values()), "degraded": not all(results.values()), **results}
    return JsonResponse(body, status=status)


# Seconds a client is asked to wait when the database is out of reach (a restart or
# fail-over takes a few seconds; see the fault drills in bench/faults.py).
RETRY_AFTER_SECONDS = 5


def _outage_errors() -> tuple[type[BaseException], ...]:
    """Errors that mean a backing service (database, Redis) is out of reach for a moment."""
    errors: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
    try:
        import redis
    except ImportError:  # pragma: no cover - redis is a dependency, but only used with REDIS_URL
        return errors
    return (*errors, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def webhook_configured_or_503(view):
    """For anymail's webhook views: an ESP whose keys are not configured raises
    AnymailConfigurationError on every POST (a 500 that anyone could trigger). Answer 503
    instead, as the Stripe webhook does without its secret: the sender retries later."""
    from anymail.exceptions import AnymailConfigurationError

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AnymailConfigurationError:
            logger.error("mail webhook %s called but not configured", request.path)
            return HttpResponse("webhook not configured", status=503, content_type="text/plain")

    return wrapped


def _error_page(template: str, status: int) -> HttpResponse:
    body = loader.get_template(template).render({"request_id": get_guid()})
    return HttpResponse(body, status=status)


# handler400/403/404. Django's own handlers carry `requires_csrf_token`, which runs the CSRF
# check again and so reads the request body a second time: a body Django refuses to parse
# (a form posted as `charset=utf-16`) then raised BadRequest inside the 400 handler and every
# URL answered 500. Our error pages need no CSRF token (no forms), so they render directly.
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page("404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a lost database or Redis connection is a moment's outage (a restart, a
    fail-over), not a bug, so it answers 503 with Retry-After; anything else gets the 500
    page. Both pages show the request id that the logs carry, and neither touches the
    database, the cache or the session."""
    error = sys.exc_info()[1]
    context = {"request_id": get_guid()}
    if isinstance(error, _outage_errors()):
        body = loader.get_template("503.html").render(context)
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
