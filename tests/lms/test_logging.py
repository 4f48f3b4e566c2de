import logging
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from lms.logging import UserIdFilter, UserIdMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_request_id_from_the_load_balancer_is_echoed_back(client):
    given = "5b0a3c52-9f3e-4c61-b7a8-0d6c2f1e4a77"
    response = client.get("/healthz/", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] == given


@pytest.mark.parametrize(
    "given",
    ["lb-1234", "x" * 5000, "abc\r\nX-Injected: 1", "a b c", "${jndi:ldap://x}"],
)
def test_a_request_id_that_is_not_a_uuid_is_replaced_in_the_logs_and_the_header(client, given):
    response = client.get("/healthz/", HTTP_X_REQUEST_ID=given)
    replaced = response["X-Request-ID"]
    assert replaced != given and re.fullmatch(r"[0-9a-f]{32}", replaced)


def test_a_request_without_id_gets_a_fresh_one(client):
    first = client.get("/healthz/")["X-Request-ID"]
    second = client.get("/healthz/")["X-Request-ID"]
    assert first and second and first != second


def _user_id_seen_in_a_log_record(user) -> str:
    seen: list[str] = []

    def view(request):
        record = logging.LogRecord("t", logging.INFO, __file__, 1, "msg", None, None)
        UserIdFilter().filter(record)
        seen.append(record.user_id)
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = user
    UserIdMiddleware(view)(request)
    return seen[0]


def test_log_records_carry_the_logged_in_users_id():
    user = UserFactory()
    assert _user_id_seen_in_a_log_record(user) == str(user.pk)


def test_log_records_of_anonymous_visitors_have_no_user_id():
    assert _user_id_seen_in_a_log_record(AnonymousUser()) == "-"
