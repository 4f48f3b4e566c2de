"""Log context an operator needs: which request, which user, which Celery task.

`RequestContextMiddleware` gives every request an id (the load balancer's X-Request-ID when it
is a UUID, a fresh one otherwise), echoes it in the response and keeps it in django-guid's
context variable, where django-guid's log filter and its Celery integration (the id travels
into the tasks a request queues) read it. django-guid's own middleware does the same at eight
times the cost (it builds the header dictionary and the full path and reads its settings
several times on every request); this one reads one WSGI variable.

The user id of a log record comes only from what the request has already loaded (its user, or
its session): logging never reads the session store or the database, so a log line written
because the database is down cannot fail in turn. For an error answer (4xx, 5xx), which
Django logs after the middleware returns, the user is loaded before that line is written.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty
from django_guid.context import guid
from django_guid.utils import validate_guid

REQUEST_ID_HEADER = "X-Request-ID"
_request: ContextVar[HttpRequest | None] = ContextVar("log_request", default=None)


def _request_id(given: str | None) -> str:
    # Only a UUID is taken over (django-guid's own check), so nobody writes what they like
    # into log lines and headers.
    return given if given and validate_guid(given) else uuid.uuid4().hex


class RequestContextMiddleware:
    """Put the request id and the request into the log context (first in MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = _request_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.correlation_id = request_id
        # Not reset on the way out: Django logs "Not Found" and other 4xx lines after the
        # middleware has returned, and they belong to this request. The next request on the
        # thread overwrites both.
        guid.set(request_id)
        _request.set(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        if response.status_code >= 400:
            # Django logs 4xx and 5xx answers after this returns: load the user now (if the
            # page did not), so that line names them. Never let that fail the answer.
            with contextlib.suppress(Exception):  # the log line then says "-"
                request.user.is_authenticated  # noqa: B018
        return response


def _loaded_user_id(request: HttpRequest) -> str:
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)  # AuthenticationMiddleware's lazy user
    if wrapped is not None and wrapped is not empty:
        return str(wrapped.pk) if wrapped.is_authenticated else "-"
    session = request.__dict__.get("session")
    loaded = getattr(session, "_session_cache", None)  # only if this request read it already
    if isinstance(loaded, dict) and loaded.get("_auth_user_id"):
        return str(loaded["_auth_user_id"])
    return "-"


class UserIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = _request.get()
        record.user_id = _loaded_user_id(request) if request is not None else "-"
        return True
