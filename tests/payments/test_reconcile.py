"""The beat job that fulfils paid Checkout Sessions whose webhook never arrived."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from enrollments.models import Enrollment
from payments.models import Order
from payments.tasks import reconcile_checkout_sessions
from tests.factories import OrderFactory
from tests.factories.payments import session_object

pytestmark = pytest.mark.django_db


def test_reconcile_fulfils_a_paid_session_whose_webhook_was_missed(
    fake_stripe, order, django_capture_on_commit_callbacks
):
    fake_stripe.sessions.append(session_object(order, payment_intent="pi_missed"))

    with django_capture_on_commit_callbacks(execute=True):
        assert reconcile_checkout_sessions() == 1

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.payment_intent_id == "pi_missed"
    assert Enrollment.objects.get(user=order.user).is_active
    assert len(mail.outbox) == 1

    (call,) = fake_stripe.calls("GET", "/v1/checkout/sessions")
    since = int(call.params["created[gte]"])
    two_days_ago = (timezone.now() - timedelta(days=2)).timestamp()
    assert abs(since - two_days_ago) < 60
    assert call.params["status"] == "complete"
    assert call.headers["Authorization"] == f"Bearer {settings.STRIPE_SECRET_KEY}"

    # The next run finds nothing left to do.
    with django_capture_on_commit_callbacks(execute=True):
        assert reconcile_checkout_sessions() == 0
    assert len(mail.outbox) == 1


def test_reconcile_skips_unpaid_sessions_and_settled_orders(fake_stripe, order, paid_course):
    refunded = OrderFactory(course=paid_course, status=Order.Status.REFUNDED)
    fake_stripe.sessions += [
        session_object(order, payment_status="unpaid"),
        session_object(refunded),
        {**session_object(order), "metadata": {}, "client_reference_id": None, "id": "cs_other"},
    ]
    assert reconcile_checkout_sessions() == 0
    order.refresh_from_db()
    refunded.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert refunded.status == Order.Status.REFUNDED
    assert not Enrollment.objects.exists()


def test_reconcile_without_stripe_keys_does_nothing(settings, fake_stripe, order):
    settings.STRIPE_SECRET_KEY = ""
    fake_stripe.sessions.append(session_object(order))
    assert reconcile_checkout_sessions() == 0
    assert fake_stripe.requests == []


def test_reconcile_runs_from_celery_beat_every_few_minutes():
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "payments.tasks.reconcile_checkout_sessions"
    )
    assert entry["schedule"] <= timedelta(minutes=10)
    from lms.celery import app

    app.loader.import_default_modules()
    assert "payments.tasks.reconcile_checkout_sessions" in app.tasks
