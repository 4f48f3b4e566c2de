"""A learner buys the paid course: Buy → Stripe Checkout → webhook → the lessons open."""

import json
import urllib.request
from decimal import Decimal

from courses.models import LessonPage
from enrollments.models import Enrollment
from payments.models import Order
from tests.factories import UserFactory, build_course
from tests.factories.payments import (
    TEST_SECRET_KEY,
    TEST_WEBHOOK_SECRET,
    session_object,
    sign,
    stripe_event,
)
from tests.stripe_server import StripeServer

CHECKOUT = "https://checkout.stripe.com/c/pay/"


def test_learner_buys_the_course_and_opens_a_lesson_after_the_webhook(
    live_server, page, log_in, screenshot, settings, home_page, csp_violations
):
    course = build_course(home_page, modules=2, lessons_per_module=2, price=Decimal("149.00"))
    lesson = LessonPage.objects.in_course(course).filter(free_preview=False).first()
    course_url, lesson_url = "/en" + course.url, "/en" + lesson.url
    learner = UserFactory(email="koper@example.com")
    log_in(page, learner)

    # Stripe's hosted Checkout, served by the test: nothing leaves the machine.
    page.route(
        CHECKOUT + "**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!DOCTYPE html><title>Checkout</title><h1>Fake Stripe Checkout</h1>",
        ),
    )
    with StripeServer(checkout_url_base=CHECKOUT) as fake:
        settings.STRIPE_SECRET_KEY = TEST_SECRET_KEY
        settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
        settings.STRIPE_API_BASE = fake.url

        page.goto(live_server.url + course_url)
        screenshot(page, "payment-buy")
        page.get_by_role("button", name="Buy the course").first.click()
        page.wait_for_url(CHECKOUT + "**")
        order = Order.objects.get()
        assert page.url == CHECKOUT + order.checkout_session_id
        assert page.get_by_role("heading", name="Fake Stripe Checkout").is_visible()
        assert len(fake.calls("POST", "/v1/checkout/sessions")) == 1

    # Back from Checkout, before the webhook: not enrolled, the lesson stays closed.
    assert not Enrollment.objects.exists()
    page.goto(live_server.url + lesson_url)
    assert page.get_by_role("heading", level=1).inner_text() != lesson.title

    event = stripe_event("checkout.session.completed", session_object(order))
    body = json.dumps(event).encode()
    request = urllib.request.Request(
        live_server.url + "/stripe/webhook/",
        data=body,
        headers={"Content-Type": "application/json", "Stripe-Signature": sign(body.decode())},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200

    page.goto(live_server.url + course_url)
    assert page.get_by_role("button", name="Buy the course").count() == 0
    page.goto(live_server.url + lesson_url)
    assert page.get_by_role("heading", level=1).inner_text() == lesson.title
    screenshot(page, "payment-lesson-open")
    assert Enrollment.objects.get(user=learner).is_active
    assert csp_violations == []
