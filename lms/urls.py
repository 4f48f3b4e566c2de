"""ROOT_URLCONF: Wagtail's admin under ADMIN_URL, then the public site (lms/urls_public.py,
which requests outside the admin are resolved against on their own)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls

from accounts import views as account_views

from . import urls_public
from .urls_public import handler400, handler403, handler404, handler500

urlpatterns = [
    # Wagtail's log-in and password reset go to allauth's (see urls_public.LOG_IN_ELSEWHERE).
    path(f"{settings.ADMIN_URL}login/", account_views.admin_login, name="admin_login"),
    re_path(
        rf"^{settings.ADMIN_URL}password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    path(settings.ADMIN_URL, include(wagtailadmin_urls)),
    *urls_public.urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
