"""Django's LocaleMiddleware, deciding the language from the path alone, as it does here anyway.

The site's pages sit in `i18n_patterns(prefix_default_language=False)` (lms/urls.py): Dutch
without a prefix, English under /en/. With that set-up Django's choice always comes down to
the path (its language prefix, or LANGUAGE_CODE), yet Django reads the language cookie and
parses Accept-Language first, and looks the first path segment up among the languages three
times a request; a segment that is no language ("learn", "accounts") is never cached, so every
request pays for the full search: about 25 µs, a fifth of this project's middleware.

This one takes the first segment and checks it against LANGUAGES. Because the answer never
depends on Accept-Language, no `Vary: Accept-Language` is added (a shared cache may keep one
copy per address). Any other URL set-up gets Django's own behaviour unchanged.
"""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


def _path_only(request: HttpRequest) -> bool:
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    return is_language_prefix_patterns_used(urlconf) == (True, False)  # cached by Django


def language_from_path(path: str) -> str | None:
    segment = path[1:].split("/", 1)[0]
    for code, _name in settings.LANGUAGES:
        if segment == code:
            return code
    return None


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if not _path_only(request):
            return super().process_request(request)
        language = language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not _path_only(request):
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
