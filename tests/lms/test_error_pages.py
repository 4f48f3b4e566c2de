"""Error pages in the site's look and language, and a lost database answered as a short
outage (503 with Retry-After), never the bare 500 page."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_an_unknown_address_gets_the_404_page_in_dutch_and_english(visitor, course):
    dutch = visitor.get("/bestaat-niet/")
    assert dutch.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in dutch.content.decode()
    english = visitor.get("/en/does-not-exist/")
    assert english.status_code == 404
    html = english.content.decode()
    assert "This page does not exist (any more)" in html and '<html lang="en">' in html


def test_a_lost_database_in_a_view_is_a_503_with_retry_after(visitor, course, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(CoursePage, "serve", down)
    response = visitor.get(course.url)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "We zijn heel even niet bereikbaar" in response.content.decode()


def test_a_lost_database_in_a_middleware_is_a_503_too(visitor, course, monkeypatch):
    def down(self):
        raise OperationalError("server closed the connection unexpectedly")

    # The session's row is read from the database when the cache does not have it.
    monkeypatch.setattr(SessionStore, "_get_session_from_db", down)
    visitor.cookies["sessionid"] = "x" * 32
    response = visitor.get(course.url)
    assert response.status_code == 503
    assert "Retry-After" in response


def test_a_lost_redis_is_a_503_too(visitor, course, monkeypatch):
    import redis

    def down(*args, **kwargs):
        raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379.")

    monkeypatch.setattr(CoursePage, "serve", down)
    response = visitor.get(course.url)
    assert response.status_code == 503
    assert "We zijn heel even niet bereikbaar" in response.content.decode()


def test_any_other_error_is_the_500_page_with_the_request_id(visitor, course, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(CoursePage, "serve", broken)
    response = visitor.get(course.url)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis bij ons" in html
    assert re.search(r"<code>[0-9a-f]{32}</code>", html)  # the id the logs carry
    assert "Retry-After" not in response


def test_an_expired_form_gets_a_page_that_says_what_to_do(settings, course):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    response = client.post("/waitlist/")
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()


def test_a_form_posted_in_utf16_with_a_csrf_cookie_is_a_400_on_every_url(course, settings):
    """Django refuses to parse such a body (BadRequest); its own 400 handler then ran the
    CSRF check again, hit the same error, and every URL answered 500."""
    from tests.factories.payments import TEST_SECRET_KEY, TEST_WEBHOOK_SECRET
    from tests.urlconf import endpoints

    settings.STRIPE_SECRET_KEY = TEST_SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    visitor = Client(raise_request_exception=False, enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = "a" * 32
    statuses = {}
    for endpoint in endpoints():
        response = visitor.post(
            endpoint.path,
            data=b"a\x00=\x00b\x00",
            content_type="application/x-www-form-urlencoded; charset=utf-16",
        )
        statuses[endpoint.name] = response.status_code
    assert statuses and not {name: s for name, s in statuses.items() if s >= 500}
    assert statuses["wagtail_serve"] == 400
