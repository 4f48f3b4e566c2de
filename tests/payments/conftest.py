import json
from decimal import Decimal

import pytest
from django.urls import reverse

from payments.models import Order
from tests.factories import OrderFactory, build_course
from tests.factories.payments import (
    TEST_SECRET_KEY,
    TEST_WEBHOOK_SECRET,
    session_object,
    sign,
    stripe_event,
)
from tests.stripe_server import StripeServer


@pytest.fixture
def paid_course(home_page):
    return build_course(
        home_page, modules=2, lessons_per_module=2, price=Decimal("149.00"), title="Betaalde cursus"
    )


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = TEST_SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    settings.STRIPE_AUTOMATIC_TAX = False
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: a stray call fails


@pytest.fixture
def fake_stripe(settings, stripe_keys):
    with StripeServer() as fake:
        settings.STRIPE_API_BASE = fake.url
        yield fake


@pytest.fixture
def order(paid_course, learner):
    return OrderFactory(course=paid_course, user=learner)


@pytest.fixture
def post_event(client, stripe_keys, django_capture_on_commit_callbacks):
    """POST a signed event to the webhook, running on-commit work (the welcome mail)."""

    def post(event, *, signature=None, payload=None):
        body = payload if payload is not None else json.dumps(event)
        headers = {}
        signature = sign(body) if signature is None else signature
        if signature:
            headers["HTTP_STRIPE_SIGNATURE"] = signature
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("stripe_webhook"), data=body, content_type="application/json", **headers
            )

    return post


@pytest.fixture
def pay(post_event):
    """Deliver checkout.session.completed (paid) for an order; returns the response."""

    def pay(order: Order, *, payment_intent="pi_test_default", **kwargs):
        event = stripe_event(
            "checkout.session.completed", session_object(order, payment_intent=payment_intent)
        )
        return post_event(event, **kwargs)

    return pay
