"""Orders, and Stripe webhook events signed the way Stripe signs them."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import uuid
from decimal import Decimal
from typing import Any

import factory

from payments.models import Order

from .users import UserFactory

TEST_WEBHOOK_SECRET = "whsec_test_secret_for_the_suite"
TEST_SECRET_KEY = "sk_test_fake_key_for_the_suite"
_event_ids = itertools.count(1)


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    reference = factory.LazyFunction(uuid.uuid4)
    user = factory.SubFactory(UserFactory)
    course = None  # pass a paid course
    amount = factory.LazyAttribute(lambda o: o.course.price if o.course else Decimal("49.00"))
    checkout_session_id = factory.Sequence(lambda n: f"cs_test_order_{n:04d}")


def sign(payload: str, *, secret: str = TEST_WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A `Stripe-Signature` header: t=<ts>,v1=<hex HMAC-SHA256 of "ts.payload">."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def stripe_event(
    event_type: str, obj: dict[str, Any], *, event_id: str | None = None, created: int | None = None
) -> dict[str, Any]:
    return {
        "id": event_id or f"evt_test_{next(_event_ids):05d}",
        "object": "event",
        "api_version": "2025-01-01",
        "created": int(time.time()) if created is None else created,
        "livemode": False,
        "type": event_type,
        "data": {"object": obj},
    }


def session_object(
    order: Order, *, payment_status: str = "paid", payment_intent: str | None = "pi_test_default"
) -> dict[str, Any]:
    """A Checkout Session as Stripe sends it in checkout.session.* events."""
    return {
        "id": order.checkout_session_id,
        "object": "checkout.session",
        "mode": "payment",
        "status": "complete",
        "payment_status": payment_status,
        "amount_subtotal": int(order.amount * 100),
        "amount_total": int(order.amount * 100),
        "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        "currency": "eur",
        "client_reference_id": str(order.reference),
        "metadata": {
            "order_reference": str(order.reference),
            "user_id": str(order.user_id),
            "course_id": str(order.course_id),
        },
        "payment_intent": payment_intent,
        "created": int(time.time()),
    }


def charge_object(*, payment_intent: str, amount: int, amount_refunded: int = 0) -> dict[str, Any]:
    return {
        "id": f"ch_test_{payment_intent}",
        "object": "charge",
        "amount": amount,
        "amount_refunded": amount_refunded,
        "refunded": amount_refunded >= amount,
        "payment_intent": payment_intent,
        "metadata": {},
    }


def dispute_object(*, payment_intent: str, amount: int) -> dict[str, Any]:
    return {
        "id": f"dp_test_{payment_intent}",
        "object": "dispute",
        "amount": amount,
        "charge": f"ch_test_{payment_intent}",
        "payment_intent": payment_intent,
        "reason": "fraudulent",
        "status": "needs_response",
    }


def signed_body(event: dict[str, Any], **sign_kwargs) -> tuple[str, str]:
    payload = json.dumps(event)
    return payload, sign(payload, **sign_kwargs)
