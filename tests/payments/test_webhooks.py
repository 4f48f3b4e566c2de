"""Stripe webhooks: verification, idempotency, out-of-order delivery and the state they drive."""

import json
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from courses.models import LessonPage
from enrollments import services
from enrollments.models import Enrollment, StepProgress
from payments.models import Order, StripeEvent
from tests.factories import OrderFactory
from tests.factories.payments import (
    charge_object,
    dispute_object,
    session_object,
    sign,
    stripe_event,
)

pytestmark = pytest.mark.django_db

PI = "pi_test_default"


def enrollment_of(order):
    return Enrollment.objects.filter(user=order.user, course=order.course).first()


def completed(order, **kwargs):
    return stripe_event("checkout.session.completed", session_object(order, **kwargs))


def refunded(order, amount_refunded=None):
    amount = int(order.amount * 100)
    return stripe_event(
        "charge.refunded",
        charge_object(
            payment_intent=PI,
            amount=amount,
            amount_refunded=amount if amount_refunded is None else amount_refunded,
        ),
    )


# --- Verification ---------------------------------------------------------------------------


def test_paid_checkout_marks_the_order_paid_enrols_and_stores_the_event(post_event, order):
    event = completed(order)
    response = post_event(event)

    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert order.paid_at is not None
    assert order.amount_paid == order.amount
    assert order.payment_intent_id == PI
    enrollment = enrollment_of(order)
    assert enrollment.is_active and enrollment.source == Enrollment.Source.PAID
    stored = StripeEvent.objects.get()
    assert (stored.event_id, stored.type, stored.order) == (event["id"], event["type"], order)


def test_unsigned_webhook_is_refused_and_changes_nothing(post_event, order):
    response = post_event(completed(order), signature="")
    assert response.status_code == 400
    assert b"missing Stripe-Signature" in response.content
    assert not StripeEvent.objects.exists() and not Enrollment.objects.exists()


def test_webhook_signed_with_another_secret_is_refused(post_event, order):
    event = completed(order)
    response = post_event(event, signature=sign(json.dumps(event), secret="whsec_wrong"))
    assert response.status_code == 400
    assert b"invalid signature" in response.content
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert not StripeEvent.objects.exists()


def test_tampered_body_is_refused(post_event, order):
    event = completed(order)
    signature = sign(json.dumps(event))
    event["data"]["object"]["amount_total"] = 1
    assert post_event(event, signature=signature).status_code == 400
    assert not Enrollment.objects.exists()


def test_webhook_signed_more_than_five_minutes_ago_is_refused(post_event, order):
    event = completed(order)
    old = sign(json.dumps(event), timestamp=int(time.time()) - 301)
    response = post_event(event, signature=old)
    assert response.status_code == 400
    assert b"too old" in response.content
    assert not Enrollment.objects.exists()


def test_garbage_header_and_body_are_refused(post_event, order):
    assert post_event(completed(order), signature="nonsense").status_code == 400
    assert post_event(None, payload="not json").status_code == 400


def test_without_a_webhook_secret_the_endpoint_answers_503(client, settings, order):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = client.post(
        reverse("stripe_webhook"),
        data="{}",
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=abc",
    )
    assert response.status_code == 503
    assert b"not configured" in response.content
    assert not StripeEvent.objects.exists()


def test_webhook_needs_no_csrf_token_and_refuses_get(stripe_keys, order):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    event = completed(order)
    body = json.dumps(event)
    response = client.post(
        reverse("stripe_webhook"),
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body),
    )
    assert response.status_code == 200
    assert client.get(reverse("stripe_webhook")).status_code == 405


def test_unknown_event_type_is_acknowledged_and_ignored(post_event, order):
    response = post_event(stripe_event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200
    assert response.content == b"ignored"
    assert not StripeEvent.objects.exists()


def test_event_for_an_unknown_order_is_stored_and_acknowledged(post_event, order):
    other = session_object(order)
    other["metadata"] = {"order_reference": "not-a-uuid"}
    other["client_reference_id"] = None
    other["id"] = "cs_someone_else"
    response = post_event(stripe_event("checkout.session.completed", other))
    assert response.status_code == 200
    assert StripeEvent.objects.get().order is None
    assert not Enrollment.objects.exists()


# --- Idempotency ----------------------------------------------------------------------------


def test_replayed_event_leaves_one_order_one_enrolment_one_event_one_mail(post_event, order):
    event = completed(order)
    for _ in range(3):
        assert post_event(event).status_code == 200

    assert StripeEvent.objects.count() == 1
    assert Enrollment.objects.count() == 1
    assert Order.objects.get().status == Order.Status.PAID
    assert len(mail.outbox) == 1


def test_completed_and_async_succeeded_for_one_order_fulfil_it_once(post_event, order):
    post_event(completed(order))
    post_event(stripe_event("checkout.session.async_payment_succeeded", session_object(order)))
    assert StripeEvent.objects.count() == 2
    assert Enrollment.objects.count() == 1
    assert len(mail.outbox) == 1


def test_welcome_mail_is_sent_once_with_text_and_html(post_event, order, paid_course):
    post_event(completed(order))
    (message,) = mail.outbox
    assert message.to == ["leerling@example.com"]
    assert paid_course.title in message.subject
    assert "http://testserver" + paid_course.url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and paid_course.url in html

    from payments.tasks import send_payment_welcome

    assert send_payment_welcome(order.pk) is False  # a redelivered task sends nothing
    assert len(mail.outbox) == 1
    cache.clear()  # nor after a Redis restart: the stamp is on the order
    assert send_payment_welcome(order.pk) is False
    assert len(mail.outbox) == 1
    order.refresh_from_db()
    assert order.welcome_email_sent_at is not None


# --- iDEAL (delayed payment methods) --------------------------------------------------------


def test_ideal_completed_unpaid_then_succeeded_enrols_only_after_success(post_event, order):
    post_event(completed(order, payment_status="unpaid"))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert order.payment_intent_id == PI
    assert enrollment_of(order) is None

    post_event(stripe_event("checkout.session.async_payment_succeeded", session_object(order)))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert enrollment_of(order).is_active
    assert len(mail.outbox) == 1


def test_ideal_failure_marks_the_order_failed_without_access(post_event, order):
    post_event(completed(order, payment_status="unpaid"))
    post_event(
        stripe_event(
            "checkout.session.async_payment_failed", session_object(order, payment_status="unpaid")
        )
    )
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED
    assert enrollment_of(order) is None
    assert mail.outbox == []


# --- Out of order ---------------------------------------------------------------------------


def test_async_success_before_the_unpaid_completion_stays_paid(post_event, order):
    post_event(stripe_event("checkout.session.async_payment_succeeded", session_object(order)))
    post_event(completed(order, payment_status="unpaid"))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert enrollment_of(order).is_active


def test_late_failure_or_expiry_does_not_undo_a_payment(post_event, order):
    post_event(completed(order))
    post_event(stripe_event("checkout.session.async_payment_failed", session_object(order)))
    post_event(stripe_event("checkout.session.expired", session_object(order)))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert enrollment_of(order).is_active


def test_expired_session_marks_a_pending_order_expired(post_event, order):
    post_event(stripe_event("checkout.session.expired", session_object(order, payment_intent=None)))
    order.refresh_from_db()
    assert order.status == Order.Status.EXPIRED


def test_refund_delivered_before_the_payment_ends_refunded_without_access(post_event, order):
    post_event(refunded(order))  # the order's payment intent is not known yet
    assert StripeEvent.objects.get().order is None

    post_event(completed(order))
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert enrollment_of(order) is None or not enrollment_of(order).is_active
    assert set(StripeEvent.objects.values_list("order", flat=True)) == {order.pk}
    assert mail.outbox == []


def test_payment_success_after_a_refund_does_not_restore_access(post_event, order):
    post_event(completed(order))
    post_event(refunded(order))
    post_event(stripe_event("checkout.session.async_payment_succeeded", session_object(order)))
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert not enrollment_of(order).is_active


# --- Refunds and disputes -------------------------------------------------------------------


def test_full_refund_revokes_access_and_keeps_progress(post_event, order, paid_course):
    post_event(completed(order))
    enrollment = enrollment_of(order)
    lesson = LessonPage.objects.in_course(paid_course).first()
    services.step_record_done(enrollment=enrollment, page=lesson)

    assert post_event(refunded(order)).status_code == 200

    order.refresh_from_db()
    enrollment.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert enrollment.status == Enrollment.Status.REVOKED
    assert enrollment.revoked_at is not None
    assert StepProgress.objects.filter(enrollment=enrollment, page=lesson).exists()


def test_partial_refund_keeps_access(post_event, order):
    post_event(completed(order))
    post_event(refunded(order, amount_refunded=1000))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert enrollment_of(order).is_active


def test_dispute_revokes_access(post_event, order):
    post_event(completed(order))
    amount = int(order.amount * 100)
    post_event(
        stripe_event("charge.dispute.created", dispute_object(payment_intent=PI, amount=amount))
    )
    order.refresh_from_db()
    assert order.status == Order.Status.DISPUTED
    assert not enrollment_of(order).is_active


def test_a_later_payment_restores_access_with_progress(post_event, order, paid_course, learner):
    post_event(completed(order))
    post_event(refunded(order))
    assert not enrollment_of(order).is_active

    second = OrderFactory(course=paid_course, user=learner)
    post_event(completed(second, payment_intent="pi_test_second"))
    assert Enrollment.objects.get().is_active
    assert Enrollment.objects.count() == 1


def test_refund_of_an_old_order_keeps_access_bought_by_another_paid_order(
    post_event, order, paid_course, learner
):
    second = OrderFactory(course=paid_course, user=learner)
    post_event(completed(order))
    post_event(completed(second, payment_intent="pi_test_second"))
    post_event(refunded(order))
    assert Enrollment.objects.get().is_active


def test_refund_does_not_take_away_an_enrolment_given_by_staff(
    post_event, order, learner, paid_course
):
    services.enrollment_create(user=learner, course=paid_course, source=Enrollment.Source.STAFF)
    post_event(completed(order))  # the existing active enrolment is kept as it is
    post_event(refunded(order))
    assert Enrollment.objects.get().is_active


# --- Early-bird code ------------------------------------------------------------------------


def test_early_bird_code_comes_from_the_site_settings(home_page):
    from wagtail.models import Site

    from payments.models import PaymentSettings
    from payments.services import early_bird_code

    assert early_bird_code() is None
    site = Site.objects.get(is_default_site=True)
    PaymentSettings.objects.update_or_create(site=site, defaults={"early_bird_code": " VROEG25 "})
    assert early_bird_code() == "VROEG25"
    assert early_bird_code(site) == "VROEG25"
