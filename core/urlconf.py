"""Requests outside Wagtail's admin are resolved against the site's URLs without the admin.

ROOT_URLCONF holds the admin and the public site; PUBLIC_URLCONFS maps it to a module with
the same patterns minus the admin (lms/urls_public.py). Django resolves, and reverses while
handling the request, against `request.urlconf` when it is set, so a request whose path is
outside ADMIN_URL never makes a worker import the admin's URL configuration and what it
pulls in (the admin's views, its API on Django REST framework and pydantic): a worker pays
for the admin only once it serves an admin page (issue 21).

Consequence: while such a request is handled, admin URL names do not reverse; a public page
that links into the admin uses `{% admin_home_url %}`. A ROOT_URLCONF with no entry in
PUBLIC_URLCONFS (a test's own) is used for every request, as without this middleware.
It goes first in MIDDLEWARE, before anything that resolves or reverses.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix


class PublicURLConfMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        public = settings.PUBLIC_URLCONFS.get(settings.ROOT_URLCONF)
        if public and not request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            request.urlconf = public
        return self.get_response(request)


def admin_home_url() -> str:
    """The admin's home page (`wagtailadmin_home`), without reversing: while a public request
    is handled the admin's URL names are not loaded (see the module docstring)."""
    return f"{get_script_prefix()}{settings.ADMIN_URL}"
