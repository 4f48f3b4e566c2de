"""Fuzzing: random bodies to every POST endpoint of the project, and validly signed Stripe
events of random shape to the webhook. Nothing may answer 5xx (issue 13).

The endpoints come from the URL configuration (tests/urlconf.py), so a view added later is
fuzzed too. Bounded: a few examples per endpoint and a fixed seed, so it runs in seconds
and a failure reproduces.
"""

import json
import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, seed
from hypothesis import settings as limits
from hypothesis import strategies as st

from payments.services import EVENT_HANDLERS
from tests.factories.payments import OrderFactory, session_object, sign, stripe_event
from tests.urlconf import endpoints

pytestmark = pytest.mark.django_db

FIELD_NAMES = [
    "login", "password", "email", "name", "consent", "website", "next", "csrfmiddlewaretoken",
    "password1", "password2", "oldpassword", "confirm", "answer", "answers", "question",
    "choice", "q", "page", "key", "token", "action", "remember", "language", "status",
]  # fmt: skip
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40
) | st.sampled_from(["", "0", "-1", "1e309", "9" * 40, "\x00", "on", "true", "null", "<b>x</b>"])
FORM = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), TEXT, max_size=6)
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=latin-1",
    "multipart/form-data; boundary=BoUnDaRy",
    "multipart/form-data",
    "application/json",
    "text/plain",
    "",
]
HOSTILE = st.sampled_from(CONTENT_TYPES)
# Wagtail's "failwhale" page raises on purpose, so that admins can check error reporting.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}


@pytest.fixture
def paid_course(home_page):
    from decimal import Decimal

    from tests.factories import build_course

    return build_course(home_page, modules=1, lessons_per_module=1, price=Decimal("49.00"))


@pytest.fixture
def stripe_keys(settings):
    from tests.factories.payments import TEST_SECRET_KEY, TEST_WEBHOOK_SECRET

    settings.STRIPE_SECRET_KEY = TEST_SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: a stray call fails


@pytest.fixture
def people(course, lessons, learner, instructor, enrollment):
    return {"anonymous": None, "learner": learner, "instructor": instructor}


def _body(form: dict, content_type: str) -> bytes:
    if content_type.startswith("application/json"):
        return json.dumps(form).encode()
    if content_type.startswith("multipart"):
        parts = [
            f'--BoUnDaRy\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in form.items()
        ]
        return ("".join(parts) + "--BoUnDaRy--\r\n").encode("utf-8", "surrogatepass")
    from urllib.parse import urlencode

    return urlencode(form).encode()


def test_no_post_to_any_endpoint_answers_5xx(people, course, lessons, stripe_keys):
    clients = {}
    for role, user in people.items():
        clients[role] = Client(raise_request_exception=False)
        if user is not None:
            clients[role].force_login(user)
    ids = st.sampled_from([str(course.pk), str(lessons[0].pk), "1", "0", "2147483648"])
    failures: list[str] = []

    for endpoint in endpoints():
        if endpoint.name in DELIBERATE_ERRORS:
            continue
        _fuzz(endpoint, clients, ids, course, failures)
    assert not failures, "\n".join(sorted(set(failures))[:20])


def _fuzz(endpoint, clients, ids, course, failures) -> None:
    """A few random POSTs to one endpoint; answers of 500 and up are collected."""

    @seed(13)
    @limits(
        max_examples=4,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        role=st.sampled_from(sorted(clients)),
        form=FORM,
        content_type=HOSTILE,
        number=ids,
        word=st.sampled_from([course.slug, "x", "a" * 300]) | st.text(string.ascii_letters),
    )
    def post(role, form, content_type, number, word):
        path = endpoint.with_values({"int": number, "slug": word or "x", "str": word or "x"})
        response = clients[role].generic(
            "POST", path, _body(form, content_type), content_type=content_type
        )
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {role} POST {path} {content_type}")

    post()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | TEXT, children, max_size=3)
    ),
    max_leaves=8,
)
STRIPE_FIELDS = [
    "id", "object", "amount_total", "amount_subtotal", "currency", "payment_status", "status",
    "metadata", "client_reference_id", "payment_intent", "total_details", "amount",
    "amount_refunded", "refunded", "created", "customer_email",
]  # fmt: skip


@seed(13)
@limits(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    event_type=st.sampled_from(sorted(EVENT_HANDLERS)) | TEXT,
    changes=st.dictionaries(st.sampled_from(STRIPE_FIELDS), JSON_VALUES, max_size=5),
    top=st.dictionaries(st.sampled_from(["id", "created", "data", "type", "object"]), JSON_VALUES),
    drop_top=st.booleans(),
)
def test_validly_signed_stripe_events_of_any_shape_never_answer_5xx(
    event_type, changes, top, drop_top, paid_course, stripe_keys
):
    client = Client(raise_request_exception=False)
    order = OrderFactory(course=paid_course)
    session = session_object(order)
    session.update(changes)
    event = stripe_event(event_type, session)
    if drop_top:
        event.update(top)
    body = json.dumps(event)
    response = client.post(
        "/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body),
    )
    assert response.status_code < 500, (response.status_code, body[:500])
