"""Stripe, at the boundary: the only module that imports `stripe`.

It builds the API client from settings, creates Checkout Sessions, lists recent ones for the
reconcile job and verifies webhook signatures. It returns plain Python data (dicts, a small
dataclass) so the order services never handle SDK objects, and it writes nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    import stripe


def _stripe():
    """The Stripe SDK, imported on the first payment call: it is about 20 MiB, and a web
    worker that never sells anything (most of them, most of the time) need not carry it."""
    import stripe

    return stripe


# Stripe's own default; a webhook signed longer ago than this is refused as a possible replay.
WEBHOOK_TOLERANCE_SECONDS = 300
# Limits of what a stored event may carry (StripeEvent.event_id and .type columns), and the
# latest `created` a datetime can hold.
MAX_ID_LENGTH = 255
MAX_TYPE_LENGTH = 100
MAX_TIMESTAMP = 253_402_300_799  # 9999-12-31T23:59:59Z
NETWORK_RETRIES = 2


class PaymentsNotConfigured(Exception):
    """The Stripe keys are not set: the site runs, but nothing can be bought."""


class PaymentProviderError(Exception):
    """Stripe could not be reached or refused the request."""


class InvalidWebhook(Exception):
    """A webhook body that is unsigned, badly signed, too old or not a Stripe event."""


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


def checkout_configured() -> bool:
    """Both keys are needed: the API key to start a checkout, the webhook secret to confirm it."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentsNotConfigured("STRIPE_SECRET_KEY is not set")
    base_addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return _stripe().StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base_addresses,
        max_network_retries=NETWORK_RETRIES,
    )


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def checkout_session_create(
    *,
    reference: str,
    amount: Decimal,
    currency: str,
    product_name: str,
    customer_email: str,
    metadata: dict[str, str],
    success_url: str,
    cancel_url: str,
    locale: str = "nl",
) -> CheckoutSession:
    """One Checkout Session for one order. Card and iDEAL, promotion codes allowed (the
    instructor's early-bird code is a Stripe promotion code), EU VAT through Stripe Tax when
    STRIPE_AUTOMATIC_TAX is on. The order reference is the idempotency key, so a retried
    request never makes a second session."""
    params: dict[str, Any] = {
        "mode": "payment",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency,
                    "unit_amount": to_cents(amount),
                    "product_data": {"name": product_name},
                    # Course prices are entered including VAT.
                    "tax_behavior": "inclusive",
                },
            }
        ],
        "payment_method_types": ["card", "ideal"],
        "allow_promotion_codes": True,
        "customer_email": customer_email,
        "client_reference_id": reference,
        "metadata": metadata,
        # Charges and disputes carry the payment intent; its metadata names the order too.
        "payment_intent_data": {"metadata": metadata},
        "success_url": success_url,
        "cancel_url": cancel_url,
        # Stripe's payment page speaks the language the learner was browsing in.
        "locale": locale,
    }
    if settings.STRIPE_AUTOMATIC_TAX:
        params["automatic_tax"] = {"enabled": True}
        params["billing_address_collection"] = "required"
    try:
        session = client().v1.checkout.sessions.create(
            params=params, options={"idempotency_key": f"checkout-{reference}"}
        )
    except _stripe().StripeError as exc:
        raise PaymentProviderError(str(exc)) from exc
    return CheckoutSession(id=session.id, url=session.url)


def checkout_sessions_completed_since(since: datetime) -> Iterator[dict[str, Any]]:
    """Every completed Checkout Session created since `since`, as plain dicts, all pages."""
    try:
        page = client().v1.checkout.sessions.list(
            params={"created": {"gte": int(since.timestamp())}, "status": "complete", "limit": 100}
        )
        for session in page.auto_paging_iter():
            yield session.to_dict()
    except _stripe().StripeError as exc:
        raise PaymentProviderError(str(exc)) from exc


def webhook_event(*, payload: bytes, signature: str | None) -> dict[str, Any]:
    """Verify a webhook's `Stripe-Signature` with the SDK and return the event as a dict.

    Raises PaymentsNotConfigured without a webhook secret, InvalidWebhook for anything that is
    not a recent, correctly signed Stripe event."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise PaymentsNotConfigured("STRIPE_WEBHOOK_SECRET is not set")
    try:
        _stripe().WebhookSignature.verify_header(
            payload, signature, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
        event = json.loads(payload)
    except _stripe().SignatureVerificationError as exc:
        raise InvalidWebhook(_short_reason(str(exc))) from exc
    except ValueError as exc:  # not UTF-8 or not JSON
        raise InvalidWebhook("body is not a JSON event") from exc
    # The SDK refuses signatures that are too old; one from the future is as suspect (a
    # leaked secret used to sign events for later), so the window is bounded on both sides.
    if _signed_at(signature) > time.time() + WEBHOOK_TOLERANCE_SECONDS:
        raise InvalidWebhook("signature timestamp in the future")
    if not _is_event(event):
        raise InvalidWebhook("body is not a Stripe event")
    if _has_nul(event):  # PostgreSQL's jsonb cannot store U+0000; Stripe never sends it
        raise InvalidWebhook("body contains a NUL character")
    return event


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _signed_at(signature: str | None) -> int:
    """The `t=` of a header the SDK has verified (so it is there and a number)."""
    for item in (signature or "").split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            return int(value)
    return 0


def _is_event(event: Any) -> bool:
    """A correctly signed body still has to have the shape of an event: whatever else is in
    it, the rest of the code may rely on these (anything else is refused with a 400)."""
    return (
        isinstance(event, dict)
        and event.get("object") == "event"
        and isinstance(event.get("id"), str)
        and 0 < len(event["id"]) <= MAX_ID_LENGTH
        and isinstance(event.get("type"), str)
        and len(event["type"]) <= MAX_TYPE_LENGTH
        and isinstance(event.get("created"), int)
        and not isinstance(event.get("created"), bool)
        and 0 <= event["created"] <= MAX_TIMESTAMP
        and isinstance(event.get("data"), dict)
        and isinstance(event["data"].get("object"), dict)
    )


def _short_reason(message: str) -> str:
    if "tolerance" in message:
        return "signature timestamp too old"
    if "No Stripe-Signature" in message:
        return "missing Stripe-Signature header"
    return "invalid signature"
