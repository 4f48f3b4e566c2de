"""Every write about orders: buying, Stripe's events, reconciling, the welcome mail.

Buying a course creates a pending Order and a Stripe Checkout Session. Only Stripe's webhooks
(and the reconcile job, which asks Stripe's API) move an order on; the success page never
does. Every webhook event is stored once, by id, in the same transaction as the change it
causes, so replays and retries change nothing.

Out-of-order delivery: an order's status only moves up this ladder, never down:

    pending  <  failed / expired  <  paid  <  refunded / disputed

so a late "payment failed" or "session expired" cannot undo a payment, and a late "payment
succeeded" cannot undo a refund or dispute (they always happen after the payment). A refund or
dispute that arrives before we know the order's payment intent is stored without an order and
applied as soon as a session event tells us the payment intent.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import mail
from enrollments import services as enrollment_services
from enrollments.models import Enrollment
from enrollments.selectors import active_enrollment

from . import stripe_api
from .models import Order, StripeEvent

logger = logging.getLogger(__name__)

RANK = {
    Order.Status.PENDING: 0,
    Order.Status.FAILED: 1,
    Order.Status.EXPIRED: 1,
    Order.Status.PAID: 2,
    Order.Status.COMPLIMENTARY: 2,
    Order.Status.REFUNDED: 3,
    Order.Status.DISPUTED: 3,
}
# "no_payment_required": a 100 % promotion code; the order is settled all the same.
SETTLED_PAYMENT_STATUSES = {"paid", "no_payment_required"}
RECONCILE_WINDOW = timedelta(days=2)


class CheckoutRefused(Exception):
    pass


class NotForSale(CheckoutRefused):
    """Free, unpublished or not yet launched."""


class AlreadyEnrolled(CheckoutRefused):
    pass


# --- Buying ---------------------------------------------------------------------------------


def order_checkout_start(*, user, course) -> tuple[Order, str]:
    """Create a pending order and its Checkout Session; return the order and the URL to send
    the learner to. Raises NotForSale, AlreadyEnrolled, stripe_api.PaymentsNotConfigured or
    stripe_api.PaymentProviderError (then no order is kept)."""
    if course.is_free or not course.is_launched():
        raise NotForSale
    if active_enrollment(user=user, course=course) is not None:
        raise AlreadyEnrolled
    if not stripe_api.checkout_configured():
        raise stripe_api.PaymentsNotConfigured
    order = Order.objects.create(
        reference=uuid.uuid4(),
        user=user,
        course=course,
        amount=course.price,
        currency="eur",
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    kwargs = {"reference": order.reference}
    metadata = {
        "order_reference": str(order.reference),
        "user_id": str(user.pk),
        "course_id": str(course.pk),
    }
    try:
        session = stripe_api.checkout_session_create(
            reference=str(order.reference),
            amount=order.amount,
            currency=order.currency,
            product_name=course.title,
            customer_email=user.email,
            metadata=metadata,
            success_url=mail.absolute_url(reverse("payments:checkout_success", kwargs=kwargs)),
            cancel_url=mail.absolute_url(reverse("payments:checkout_cancel", kwargs=kwargs)),
            locale=order.language,
        )
    except stripe_api.PaymentProviderError:
        logger.exception("Stripe refused a Checkout Session for order %s", order.reference)
        order.delete()
        raise
    order.checkout_session_id = session.id
    order.save(update_fields=["checkout_session_id", "updated_at"])
    return order, session.url


# --- Webhook events -------------------------------------------------------------------------


def stripe_event_process(*, event: dict[str, Any]) -> bool:
    """Apply one verified Stripe event. Returns False when it was a replay or a type we do not
    handle (those are acknowledged and ignored, not stored)."""
    handler = EVENT_HANDLERS.get(_text(event, "type"))
    if handler is None:
        return False
    find_order, apply = handler
    obj = _mapping(_mapping(event, "data"), "object")
    try:
        with transaction.atomic():
            if StripeEvent.objects.filter(event_id=event["id"]).exists():
                return False
            order = find_order(obj)
            StripeEvent.objects.create(
                event_id=event["id"],
                type=event["type"],
                created=datetime.fromtimestamp(_integer(event, "created") or 0, tz=UTC),
                order=order,
                payload=event,
            )
            if order is None:
                logger.warning("Stripe event %s (%s): no order found", event["id"], event["type"])
            else:
                apply(order, obj)
    except IntegrityError:
        # The same event, delivered twice at once: the other delivery stored it first.
        if StripeEvent.objects.filter(event_id=event["id"]).exists():
            return False
        raise
    return True


def _locked(queryset) -> Order | None:
    return queryset.select_for_update().first()


# --- Reading Stripe's objects ------------------------------------------------------------------
# A signed event is Stripe's, but its shape can still surprise (an API version change, a
# field expanded into an object, a list where a dict was expected): read every field through
# these, so an odd value is "absent" instead of an exception and a 500 (which Stripe retries
# for days).


def _text(obj: Any, key: str, *, limit: int = 255) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, str) and len(value) <= limit else ""


def _mapping(obj: Any, key: str) -> dict[str, Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}


def _integer(obj: Any, key: str) -> int | None:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _order_for_session(session: dict[str, Any]) -> Order | None:
    reference = _text(_mapping(session, "metadata"), "order_reference") or _text(
        session, "client_reference_id"
    )
    if reference:
        try:
            order = _locked(Order.objects.filter(reference=reference))
        except (ValidationError, ValueError):
            order = None
        if order is not None:
            return order
    return _locked(Order.objects.filter(checkout_session_id=_text(session, "id") or "-"))


def _order_for_charge(obj: dict[str, Any]) -> Order | None:
    """A charge or a dispute: found by its payment intent, or by the order reference that the
    payment intent's metadata passes on."""
    payment_intent = _text(obj, "payment_intent")
    if payment_intent:
        order = _locked(Order.objects.filter(payment_intent_id=payment_intent))
        if order is not None:
            return order
    reference = _text(_mapping(obj, "metadata"), "order_reference")
    if reference:
        try:
            return _locked(Order.objects.filter(reference=reference))
        except (ValidationError, ValueError):
            return None
    return None


def _remember_payment_intent(order: Order, session: dict[str, Any]) -> None:
    payment_intent = _text(session, "payment_intent") or _text(
        _mapping(session, "payment_intent"), "id"
    )
    if not payment_intent or order.payment_intent_id == payment_intent:
        return
    order.payment_intent_id = payment_intent
    if not order.checkout_session_id and _text(session, "id"):
        order.checkout_session_id = _text(session, "id")
    order.save(update_fields=["payment_intent_id", "checkout_session_id", "updated_at"])
    # Refunds or disputes that arrived before we could tie them to this order.
    early = StripeEvent.objects.filter(
        order__isnull=True,
        type__in=[REFUNDED, DISPUTE_CREATED],
        payload__data__object__payment_intent=payment_intent,
    ).order_by("created", "pk")
    for stored in early:
        stored.order = order
        stored.save(update_fields=["order"])
        EVENT_HANDLERS[stored.type][1](order, stored.payload["data"]["object"])


def _amount(session: dict[str, Any]) -> Decimal | None:
    total = _integer(session, "amount_total")
    return None if total is None else Decimal(total) / 100


def payment_problem(order: Order, session: dict[str, Any]) -> str:
    """Why what Stripe charged does not pay for this order ("" when it does).

    The currency must be the order's. The amount may be lower than the price only by the
    discount Stripe reports for the session (a promotion code such as the early-bird code,
    up to 100 %); more (a tax added on top in the Dashboard) is fine.
    """
    currency = _text(session, "currency").lower()
    if currency != order.currency.lower():
        return f"paid in {currency or 'no currency'!r}, the order is in {order.currency!r}"
    total = _integer(session, "amount_total")
    discount = _integer(_mapping(session, "total_details"), "amount_discount") or 0
    price = stripe_api.to_cents(order.amount)
    if total is None or total < 0 or discount < 0:
        return "no amount paid in the session"
    if total + discount < price:
        return f"paid {total} cents with {discount} discount for a price of {price} cents"
    return ""


def _fulfil_if_paid_in_full(order: Order, session: dict[str, Any]) -> bool:
    """Fulfil the order when the session paid for it; otherwise leave it unpaid and flag it
    for a person (logged as an error, shown in the Orders admin)."""
    problem = payment_problem(order, session)
    if not problem:
        return order_fulfil(order=order, amount_paid=_amount(session))
    if RANK[order.status] < RANK[Order.Status.PAID] and order.payment_problem != problem:
        order.payment_problem = problem[:255]
        order.save(update_fields=["payment_problem", "updated_at"])
    logger.error("Order %s not fulfilled: %s", order.reference, problem)
    return False


def _session_completed(order: Order, session: dict[str, Any]) -> None:
    _remember_payment_intent(order, session)
    # iDEAL and other delayed methods complete as "unpaid"; async_payment_succeeded follows.
    if _text(session, "payment_status") in SETTLED_PAYMENT_STATUSES:
        _fulfil_if_paid_in_full(order, session)


def _session_paid(order: Order, session: dict[str, Any]) -> None:
    _remember_payment_intent(order, session)
    _fulfil_if_paid_in_full(order, session)


def _session_failed(order: Order, session: dict[str, Any]) -> None:
    _remember_payment_intent(order, session)
    _move(order, Order.Status.FAILED)


def _session_expired(order: Order, session: dict[str, Any]) -> None:
    _move(order, Order.Status.EXPIRED)


def _charge_refunded(order: Order, charge: dict[str, Any]) -> None:
    amount = _integer(charge, "amount")
    fully = charge.get("refunded") is True or (
        amount is not None and (_integer(charge, "amount_refunded") or 0) >= amount
    )
    if fully:  # a partial refund (goodwill) keeps access
        order_revoke(order=order, status=Order.Status.REFUNDED)


def _dispute_created(order: Order, dispute: dict[str, Any]) -> None:
    order_revoke(order=order, status=Order.Status.DISPUTED)


def _move(order: Order, status: str) -> bool:
    if RANK[status] <= RANK[order.status]:
        return False
    order.status = status
    order.save(update_fields=["status", "updated_at"])
    return True


SESSION_COMPLETED = "checkout.session.completed"
REFUNDED = "charge.refunded"
DISPUTE_CREATED = "charge.dispute.created"
EVENT_HANDLERS = {
    SESSION_COMPLETED: (_order_for_session, _session_completed),
    "checkout.session.async_payment_succeeded": (_order_for_session, _session_paid),
    "checkout.session.async_payment_failed": (_order_for_session, _session_failed),
    "checkout.session.expired": (_order_for_session, _session_expired),
    REFUNDED: (_order_for_charge, _charge_refunded),
    DISPUTE_CREATED: (_order_for_charge, _dispute_created),
}


# --- State changes --------------------------------------------------------------------------


def order_fulfil(*, order: Order, amount_paid: Decimal | None = None) -> bool:
    """Mark a (locked) order paid and enrol its learner; the welcome e-mail follows after
    commit. False when the order was already paid, refunded or disputed."""
    if RANK[order.status] >= RANK[Order.Status.PAID]:
        return False
    order.status = Order.Status.PAID
    order.paid_at = timezone.now()
    order.amount_paid = order.amount if amount_paid is None else amount_paid
    order.save(update_fields=["status", "paid_at", "amount_paid", "updated_at"])
    enrollment_services.enrollment_create(
        user=order.user, course=order.course, source=Enrollment.Source.PAID
    )

    from .tasks import send_payment_welcome

    transaction.on_commit(lambda: send_payment_welcome.delay(order.pk))
    logger.info("Order %s paid: learner %s enrolled", order.reference, order.user_id)
    return True


def order_revoke(*, order: Order, status: str) -> None:
    """Refund or dispute: the order is closed and access ends, but progress is kept. Access
    stays when the learner holds another paid order for the course, or was enrolled some
    other way (free or by staff)."""
    was_paid = order.status == Order.Status.PAID
    if not _move(order, status) or not was_paid:
        return
    if Order.objects.filter(
        user=order.user_id,
        course=order.course_id,
        status__in=[Order.Status.PAID, Order.Status.COMPLIMENTARY],
    ).exists():
        return
    enrollment = Enrollment.objects.filter(
        user=order.user_id,
        course=order.course_id,
        status=Enrollment.Status.ACTIVE,
        source=Enrollment.Source.PAID,
    ).first()
    if enrollment is not None:
        enrollment_services.enrollment_revoke(
            enrollment=enrollment, reason=f"Stripe: {Order.Status(status).label}"
        )
    logger.info("Order %s %s: access revoked", order.reference, status)


def order_complimentary_create(*, user, course, note: str = "") -> Order:
    """Give a paid course away (an instructor's invitation or manual enrolment): recorded as
    an order of 0 EUR with status "complimentary", so the orders report shows every learner
    of a paid course and how they came in. One per learner and course is enough."""
    existing = Order.objects.filter(
        user=user, course=course, status=Order.Status.COMPLIMENTARY
    ).first()
    if existing is not None:
        return existing
    order = Order.objects.create(
        reference=uuid.uuid4(),
        user=user,
        course=course,
        status=Order.Status.COMPLIMENTARY,
        amount=Decimal("0.00"),
        amount_paid=Decimal("0.00"),
        currency="eur",
        paid_at=timezone.now(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    logger.info(
        "Order %s: course %s given to learner %s. %s", order.reference, course.pk, user.pk, note
    )
    return order


# --- Reconcile ------------------------------------------------------------------------------


def orders_reconcile(*, now: datetime | None = None) -> int:
    """Fulfil paid Checkout Sessions of the last two days whose webhook we missed. Returns how
    many orders it fulfilled."""
    if not settings.STRIPE_SECRET_KEY:
        return 0
    since = (now or timezone.now()) - RECONCILE_WINDOW
    fulfilled = 0
    for session in stripe_api.checkout_sessions_completed_since(since):
        if _text(session, "payment_status") not in SETTLED_PAYMENT_STATUSES:
            continue
        with transaction.atomic():
            order = _order_for_session(session)
            if order is None or RANK[order.status] >= RANK[Order.Status.PAID]:
                continue
            _remember_payment_intent(order, session)
            if _fulfil_if_paid_in_full(order, session):
                fulfilled += 1
                logger.warning("Reconcile fulfilled order %s (webhook missed)", order.reference)
    return fulfilled


# --- Early-bird promotion code --------------------------------------------------------------


def early_bird_code(site=None) -> str | None:
    """The promotion code the instructor set for the launch (PaymentSettings), or None. It is a
    Stripe promotion code: learners type it on the Checkout page."""
    from wagtail.models import Site

    from .models import PaymentSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    return PaymentSettings.for_site(site).early_bird_code.strip() or None


# --- Welcome e-mail -------------------------------------------------------------------------


def order_welcome_email_send(*, order_id: int) -> bool:
    """The "welcome, your payment is confirmed" e-mail, once per paid order: queued on the
    order's one move to "paid", and stamped on the order when sent (`mail.send_once`), so a
    redelivered task sends nothing. Written in the language the learner bought in."""
    order = Order.objects.select_related("user", "course").filter(pk=order_id).first()
    if order is None or order.status != Order.Status.PAID or not order.user.email:
        return False
    if order.welcome_email_sent_at:
        return False
    course = order.course
    language = order.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Welcome to %(course)s: your payment is confirmed") % {"course": course.title}
        message = mail.build(
            template="payment_welcome",
            to=order.user.email,
            subject=subject,
            language=language,
            name=mail.greeting_name(order.user),
            context={
                "order": order,
                "course": course,
                "course_url": mail.absolute_url(course.get_url() or "/"),
            },
        )
    return mail.send_once(order, "welcome_email_sent_at", message)


def order_welcome_email_resend(*, order: Order) -> bool:
    """An instructor sends the welcome mail again (the learner lost it): the stamp is cleared
    and the mail queued after commit; False for an order that is not paid."""
    if order.status != Order.Status.PAID:
        return False
    Order.objects.filter(pk=order.pk).update(welcome_email_sent_at=None)
    from .tasks import send_payment_welcome

    transaction.on_commit(lambda: send_payment_welcome.delay(order.pk))
    return True
