"""`reverse()` kept per process, for the URLs every page builds the same way.

Reversing a URL costs Django about 25 µs. Its answer depends only on the URL configuration
(fixed while the process runs), the name and arguments, the language (the /en/ prefix) and the
script prefix, which are all part of the memo's key.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation


def kept_reverse(name: str, *args: str | int) -> str:
    return _reverse(name, args, translation.get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=4096)
def _reverse(name: str, args: tuple, _language: str | None, _prefix: str, urlconf) -> str:
    return reverse(name, args=args, urlconf=urlconf)
