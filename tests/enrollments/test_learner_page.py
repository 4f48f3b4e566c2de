"""The learner page in the admin: one enrolment's story, told in the academy's time zone,
with the actions an instructor needs."""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from enrollments import services
from enrollments.models import Enrollment, StepProgress
from payments.models import Order
from tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def page_url(enrollment) -> str:
    return reverse("enrolments:inspect", args=[enrollment.pk])


def test_the_learner_page_tells_the_story_in_amsterdam_time(
    client, instructor, enrollment, lessons
):
    enrollment.user.first_name, enrollment.user.last_name = "Lotte", "de Vries"
    enrollment.user.save()
    services.step_record_done(enrollment=enrollment, page=lessons[0])
    StepProgress.objects.filter(enrollment=enrollment).update(
        completed_at=datetime(2026, 11, 20, 20, 37, tzinfo=UTC)
    )
    client.force_login(instructor)
    response = client.get(page_url(enrollment))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lotte de Vries" in html
    assert enrollment.course.title in html
    assert "21:37" in html and "20:37" not in html  # the academy's clock, not UTC
    assert not re.search(r">\s*(None|: None)\s*<", html)  # no empty value printed as "None"
    assert lessons[0].title in html and lessons[1].title in html
    assert "Mensen" in html  # progress per pillar


def test_an_instructor_revokes_and_restores_access_with_a_reason(client, instructor, enrollment):
    client.force_login(instructor)
    url = reverse("enrolments:access", args=[enrollment.pk])
    client.post(url, {"action": "revoke", "reason": "Contract van de klant beëindigd"})
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.REVOKED
    assert enrollment.status_reason == "Contract van de klant beëindigd"
    assert "Contract van de klant beëindigd" in client.get(page_url(enrollment)).content.decode()
    client.post(url, {"action": "restore", "reason": "Nieuw contract"})
    enrollment.refresh_from_db()
    assert enrollment.is_active and enrollment.revoked_at is None


def test_a_learner_cannot_change_access(client, learner, enrollment):
    client.force_login(learner)
    response = client.post(reverse("enrolments:access", args=[enrollment.pk]), {"action": "revoke"})
    assert response.status_code in (302, 403)  # the admin's log-in, or refused
    enrollment.refresh_from_db()
    assert enrollment.is_active


def test_the_welcome_mail_can_be_sent_again_from_the_learner_page(
    committing_client_class, instructor, learner, home_page
):
    from decimal import Decimal

    from tests.factories import build_course

    course = build_course(home_page, modules=1, lessons_per_module=1, price=Decimal("49.00"))
    order = OrderFactory(course=course, user=learner, status=Order.Status.PAID)
    Order.objects.filter(pk=order.pk).update(welcome_email_sent_at=datetime(2026, 1, 1, tzinfo=UTC))
    enrollment = services.enrollment_create(user=learner, course=course, source="paid")
    client = committing_client_class()
    client.force_login(instructor)
    html = client.get(page_url(enrollment)).content.decode()
    resend = reverse("order_resend_welcome", args=[order.pk])
    assert resend in html
    response = client.post(resend, {"next": page_url(enrollment)})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[learner.email]]
