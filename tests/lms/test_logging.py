import logging
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from lms.logging import RequestContextMiddleware, UserIdFilter
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
    RequestContextMiddleware(view)(request)
    return seen[0]


def test_log_records_carry_the_logged_in_users_id():
    user = UserFactory()
    assert _user_id_seen_in_a_log_record(user) == str(user.pk)


def test_log_records_of_anonymous_visitors_have_no_user_id():
    assert _user_id_seen_in_a_log_record(AnonymousUser()) == "-"


def test_a_request_id_given_as_a_bare_hex_uuid_is_kept():
    given = "5b0a3c529f3e4c61b7a80d6c2f1e4a77"
    assert (
        RequestContextMiddleware(lambda r: HttpResponse("ok"))(
            RequestFactory().get("/", HTTP_X_REQUEST_ID=given)
        )["X-Request-ID"]
        == given
    )


def test_a_log_line_written_in_a_request_carries_its_request_id_and_user(client):
    from django_guid.log_filters import CorrelationId

    user = UserFactory()
    client.force_login(user)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.addFilter(CorrelationId())
    handler.addFilter(UserIdFilter())
    handler.emit = records.append
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        given = "5b0a3c52-9f3e-4c61-b7a8-0d6c2f1e4a77"
        client.get("/no-such-page-at-all/", HTTP_X_REQUEST_ID=given)
    finally:
        logger.removeHandler(handler)
    (record,) = records  # "Not Found: ...", logged after the 404 page was rendered
    assert record.correlation_id == given
    assert record.user_id == str(user.pk)


def test_logging_never_loads_the_user_or_the_session(django_assert_num_queries):
    """A lazy user nobody looked at is logged as "-" without a query (a log line written
    because the database is down must not need the database)."""
    from django.utils.functional import SimpleLazyObject

    def boom():
        raise AssertionError("logging loaded the user")

    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(boom)
    seen = []

    def view(request):
        record = logging.LogRecord("t", logging.INFO, __file__, 1, "msg", None, None)
        UserIdFilter().filter(record)
        seen.append(record.user_id)
        return HttpResponse("ok")

    with django_assert_num_queries(0):
        RequestContextMiddleware(view)(request)
    assert seen == ["-"]
