"""Buying: the buy area, starting a Stripe Checkout Session, success and cancel pages."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from enrollments import services
from enrollments.models import Enrollment
from payments.models import Order
from tests.factories import OrderFactory, UserFactory

pytestmark = pytest.mark.django_db


def english(path: str) -> str:
    """The English URL of a Dutch path (a request under /en/ leaves English active)."""
    return path if path.startswith("/en/") else "/en" + path


def start_url(course) -> str:
    return reverse("payments:checkout_start", args=[course.pk])


def test_logged_in_learner_sees_a_buy_form_posting_to_checkout(
    client, learner, paid_course, stripe_keys
):
    client.force_login(learner)
    html = client.get(english(paid_course.url)).content.decode()
    with translation.override("en"):
        assert f'action="{start_url(paid_course)}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Buy the course" in html
    assert "149.00" in html


def test_anonymous_visitor_gets_login_and_signup_links_back_to_the_course(
    client, paid_course, stripe_keys
):
    course_url = english(paid_course.url)
    html = client.get(course_url).content.decode()
    assert '<form class="buy-form"' not in html
    assert "csrfmiddlewaretoken" not in html
    with translation.override("en"):
        login = reverse("account_login")
        signup = reverse("account_signup")
    next_param = "?next=" + course_url
    assert f'href="{login}{next_param}"' in html
    assert f'href="{signup}{next_param}"' in html
    assert "Log in to buy" in html


def test_enrolled_learner_sees_continue_instead_of_buy(client, learner, paid_course, stripe_keys):
    services.enrollment_create(user=learner, course=paid_course, source=Enrollment.Source.PAID)
    client.force_login(learner)
    html = client.get(english(paid_course.url)).content.decode()
    assert "Buy the course" not in html


@pytest.mark.parametrize("logged_in", [True, False])
def test_without_stripe_keys_the_page_says_payments_are_not_configured(
    client, learner, paid_course, settings, logged_in
):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    if logged_in:
        client.force_login(learner)
    response = client.get(english(paid_course.url))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Payments are not configured yet" in html
    assert "Buy the course" not in html


def test_buying_without_stripe_keys_redirects_back_with_a_message_and_no_order(
    client, learner, paid_course, settings
):
    settings.STRIPE_SECRET_KEY = ""
    client.force_login(learner)
    response = client.post(english(start_url(paid_course)), follow=True)
    assert response.status_code == 200
    assert "Payments are not configured yet" in response.content.decode()
    assert not Order.objects.exists()


def test_buy_creates_a_pending_order_and_redirects_to_stripe_checkout(
    client, learner, paid_course, fake_stripe
):
    client.force_login(learner)
    response = client.post(start_url(paid_course))

    order = Order.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{fake_stripe.url}/checkout/{order.checkout_session_id}"
    assert order.status == Order.Status.PENDING
    assert order.user == learner and order.course.pk == paid_course.pk
    assert order.amount == Decimal("149.00")
    assert not Enrollment.objects.exists()

    (call,) = fake_stripe.calls("POST", "/v1/checkout/sessions")
    p = call.params
    assert call.headers["Authorization"] == "Bearer sk_test_fake_key_for_the_suite"
    assert call.headers["Idempotency-Key"] == f"checkout-{order.reference}"
    assert p["mode"] == "payment"
    assert p["line_items[0][quantity]"] == "1"
    assert p["line_items[0][price_data][currency]"] == "eur"
    assert p["line_items[0][price_data][unit_amount]"] == "14900"
    assert p["line_items[0][price_data][product_data][name]"] == "Betaalde cursus"
    assert p["payment_method_types[0]"] == "card"
    assert p["payment_method_types[1]"] == "ideal"
    assert p["allow_promotion_codes"] == "true"
    assert p["customer_email"] == "leerling@example.com"
    assert p["client_reference_id"] == str(order.reference)
    assert p["metadata[order_reference]"] == str(order.reference)
    assert p["metadata[user_id]"] == str(learner.pk)
    assert p["metadata[course_id]"] == str(paid_course.pk)
    assert p["payment_intent_data[metadata][order_reference]"] == str(order.reference)
    assert p["success_url"] == f"http://testserver/payments/orders/{order.reference}/success/"
    assert p["cancel_url"] == f"http://testserver/payments/orders/{order.reference}/cancel/"
    assert p["locale"] == "nl" and order.language == "nl"
    assert "automatic_tax[enabled]" not in p


def test_buying_in_english_gets_stripe_and_the_welcome_mail_in_english(
    client, learner, paid_course, fake_stripe
):
    client.force_login(learner)
    client.post(english(start_url(paid_course)))
    order = Order.objects.get()
    assert order.language == "en"
    (call,) = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert call.params["locale"] == "en"

    from payments import services as orders

    with transaction.atomic():
        orders.order_fulfil(order=Order.objects.select_for_update().get(pk=order.pk))
    with translation.override("nl"):  # the worker's own language does not decide
        assert orders.order_welcome_email_send(order_id=order.pk) is True
    (message,) = mail.outbox
    assert message.subject.startswith("[MCMT Academie] Welcome to")


def test_automatic_tax_is_requested_when_the_setting_is_on(
    client, learner, paid_course, fake_stripe, settings
):
    settings.STRIPE_AUTOMATIC_TAX = True
    client.force_login(learner)
    client.post(start_url(paid_course))
    (call,) = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert call.params["automatic_tax[enabled]"] == "true"


def test_a_stripe_hiccup_is_retried_with_the_same_idempotency_key(
    client, learner, paid_course, fake_stripe
):
    fake_stripe.fail_next = 1
    client.force_login(learner)
    response = client.post(start_url(paid_course))
    assert response.status_code == 303
    calls = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert len(calls) == 2
    assert calls[0].headers["Idempotency-Key"] == calls[1].headers["Idempotency-Key"]
    assert Order.objects.count() == 1


def test_when_stripe_is_down_the_learner_is_told_and_no_order_is_kept(
    client, learner, paid_course, fake_stripe
):
    fake_stripe.fail_next = 10
    client.force_login(learner)
    response = client.post(english(start_url(paid_course)), follow=True)
    assert "could not be reached" in response.content.decode()
    assert not Order.objects.exists()


def test_learner_who_owns_the_course_gets_no_second_checkout(
    client, learner, paid_course, fake_stripe
):
    services.enrollment_create(user=learner, course=paid_course, source=Enrollment.Source.PAID)
    client.force_login(learner)
    response = client.post(english(start_url(paid_course)), follow=True)
    assert "You already have access to this course." in response.content.decode()
    assert not Order.objects.exists()
    assert fake_stripe.requests == []


def test_free_or_unlaunched_course_cannot_be_bought(client, learner, course, fake_stripe):
    client.force_login(learner)
    client.post(start_url(course))
    assert not Order.objects.exists()
    assert fake_stripe.requests == []


def test_anonymous_post_goes_to_login(client, paid_course, fake_stripe):
    response = client.post(start_url(paid_course))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Order.objects.exists()


def test_checkout_get_is_refused(client, learner, paid_course, fake_stripe):
    client.force_login(learner)
    assert client.get(start_url(paid_course)).status_code == 405


def test_success_page_does_not_enrol_and_says_payment_is_being_confirmed(
    client, learner, paid_course
):
    order = OrderFactory(course=paid_course, user=learner)
    client.force_login(learner)
    with translation.override("en"):
        url = reverse("payments:checkout_success", args=[order.reference])
    html = client.get(url).content.decode()
    assert "Your payment is being confirmed" in html
    assert "awaiting payment" in html
    assert not Enrollment.objects.exists()
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_success_page_after_the_webhook_links_to_the_course(client, learner, paid_course):
    order = OrderFactory(course=paid_course, user=learner, status=Order.Status.PAID)
    client.force_login(learner)
    with translation.override("en"):
        url = reverse("payments:checkout_success", args=[order.reference])
    html = client.get(url).content.decode()
    assert "Your payment is confirmed" in html
    assert paid_course.url in html


def test_cancel_page_explains_nothing_was_charged(client, learner, paid_course):
    order = OrderFactory(course=paid_course, user=learner)
    client.force_login(learner)
    with translation.override("en"):
        url = reverse("payments:checkout_cancel", args=[order.reference])
    html = client.get(url).content.decode()
    assert "nothing was charged" in html


def test_someone_elses_order_page_is_not_found(client, learner, paid_course):
    order = OrderFactory(course=paid_course, user=learner)
    client.force_login(UserFactory())
    url = reverse("payments:checkout_success", args=[order.reference])
    assert client.get(url).status_code == 404
