"""django-csp's middleware, with the header built once per process when nothing varies.

django-csp builds the policy from the settings on every response (a dataclass turned into a
dict, deep copies, sorting, joining): about 40 µs a request, the largest single cost of this
project's middleware stack on a cheap page. The policy only differs between responses when a
view changed it (django-csp's decorators leave `response._csp_*` attributes) or a template
used a nonce; those responses still take django-csp's own path. Every other response gets
the same strings, built once by django-csp itself and forgotten when the settings change.
"""

from __future__ import annotations

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# What django-csp's decorators set on a response; any of them means "build it per response".
_PER_RESPONSE = (
    "_csp_exempt",
    "_csp_exempt_ro",
    "_csp_config",
    "_csp_config_ro",
    "_csp_update",
    "_csp_update_ro",
    "_csp_replace",
    "_csp_replace_ro",
)

_built: dict[str, object] = {}


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built.clear()


def _plain_policy() -> dict[str, object]:
    """The headers for a response nobody customised, and the paths that get none."""
    if not _built:
        excluded = []
        for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
            policy = getattr(settings, name, None) or {}
            excluded.append(tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ()))
        _built.update(
            enforced=build_policy(),
            report_only=build_policy(report_only=True),
            excluded=excluded[0],
            excluded_ro=excluded[1],
        )
    return _built


class CSPMiddleware(LibraryCSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _PER_RESPONSE
        ):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response  # django-csp leaves Django's debug pages alone
        plain = _plain_policy()
        path = request.path_info
        if plain["enforced"] and HEADER not in response and not path.startswith(plain["excluded"]):
            response[HEADER] = plain["enforced"]
        if (
            plain["report_only"]
            and HEADER_REPORT_ONLY not in response
            and not path.startswith(plain["excluded_ro"])
        ):
            response[HEADER_REPORT_ONLY] = plain["report_only"]
        # As django-csp does: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
