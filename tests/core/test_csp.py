"""The Content-Security-Policy header: built once per process, and still per response where a
view or template makes it differ (core/csp.py)."""

import pytest
from csp.constants import NONCE
from csp.decorators import csp_exempt, csp_update
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core.csp import CSPMiddleware

pytestmark = pytest.mark.django_db


def _through(view, path="/some/page/"):
    request = RequestFactory().get(path)
    middleware = CSPMiddleware(view)
    return request, middleware(request)


def test_a_plain_response_gets_the_policy_django_csp_builds_from_the_settings():
    _, response = _through(lambda request: HttpResponse("ok"))
    assert response["Content-Security-Policy"] == build_policy()
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_admin_gets_no_policy_as_the_settings_exclude_it(settings):
    _, response = _through(lambda request: HttpResponse("ok"), path=f"/{settings.ADMIN_URL}pages/")
    assert "Content-Security-Policy" not in response


def test_a_view_that_changes_the_policy_still_gets_its_own():
    view = csp_update({"img-src": "https://images.example"})(lambda request: HttpResponse("ok"))
    _, response = _through(view)
    assert "https://images.example" in response["Content-Security-Policy"]
    _, plain = _through(lambda request: HttpResponse("ok"))
    assert "https://images.example" not in plain["Content-Security-Policy"]


def test_an_exempt_view_gets_no_policy():
    _, response = _through(csp_exempt()(lambda request: HttpResponse("ok")))
    assert "Content-Security-Policy" not in response


def test_a_nonce_used_by_the_page_is_in_its_header_only():
    def view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    policy = {"DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", NONCE]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        request, response = _through(view)
        assert f"'nonce-{request._csp_nonce}'" in response["Content-Security-Policy"]
        _, plain = _through(lambda request: HttpResponse("ok"))
        assert "nonce-" not in plain["Content-Security-Policy"]


def test_asking_for_a_nonce_after_the_header_was_written_is_an_error():
    request, _ = _through(lambda request: HttpResponse("ok"))
    with pytest.raises(Exception, match="not available after the CSP header"):
        str(request.csp_nonce)


def test_a_settings_change_is_seen_at_once():
    _through(lambda request: HttpResponse("ok"))  # builds and keeps the default
    policy = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        _, response = _through(lambda request: HttpResponse("ok"))
        assert response["Content-Security-Policy"] == "default-src 'none'"
    _, response = _through(lambda request: HttpResponse("ok"))
    assert response["Content-Security-Policy"] == build_policy()


def test_a_real_page_carries_the_header(client):
    response = client.get("/healthz/")
    assert response["Content-Security-Policy"] == build_policy()
