"""The site's URLs plus two that fail on purpose, so the browser tests can check the 403 and
500 pages as a visitor gets them (tests switch ROOT_URLCONF to this module)."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from lms.urls import handler500, urlpatterns


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("a deliberate error for the 500 page's browser test")


urlpatterns = [
    *i18n_patterns(
        path("browser-test/403/", _forbidden, name="browser_test_403"),
        path("browser-test/500/", _broken, name="browser_test_500"),
        prefix_default_language=False,
    ),
    *urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
