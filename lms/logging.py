"""Log context an operator needs: which request, which user, which Celery task.

django-guid supplies the request id (taken from X-Request-ID or generated) and carries it
into Celery tasks; this module adds the id of the logged-in user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_user_id: ContextVar[str] = ContextVar("log_user_id", default="-")


class UserIdMiddleware:
    """Remember the request's user id for log records (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = _user_id.set(str(user.pk) if user is not None and user.is_authenticated else "-")
        try:
            return self.get_response(request)
        finally:
            _user_id.reset(token)


class UserIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.user_id = _user_id.get()
        return True
