"""The learner page in the admin: one enrolment's story, told in the academy's time zone,
with the actions an instructor needs."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


def test_the_learner_page_offers_revoke_then_restore_with_a_required_reason(
    client, instructor, enrollment
):
    client.force_login(instructor)
    html = client.get(page_url(enrollment)).content.decode()
    assert f'action="{reverse("enrolments:access", args=[enrollment.pk])}"' in html
    assert re.search(r'<input id="access-reason"[^>]*name="reason"[^>]*required', html)
    assert 'value="revoke"' in html and 'value="restore"' not in html
    services.enrollment_revoke(enrollment=enrollment, reason="Betaling teruggeboekt")
    html = client.get(page_url(enrollment)).content.decode()
    assert 'value="restore"' in html and 'value="revoke"' not in html


@pytest.mark.parametrize("action", ["revoke", "restore"])
def test_an_empty_reason_is_refused_with_a_message_and_changes_nothing(
    client, instructor, enrollment, action
):
    if action == "restore":
        services.enrollment_revoke(enrollment=enrollment, reason="Betaling teruggeboekt")
    before = Enrollment.objects.values("status", "revoked_at", "status_reason").get()
    client.force_login(instructor)
    url = reverse("enrolments:access", args=[enrollment.pk])
    response = client.post(url, {"action": action, "reason": "  "})
    assert response.status_code == 302 and response.url == page_url(enrollment)
    (message,) = get_messages(response.wsgi_request)
    assert message.level == messages.ERROR and message.message == _("Give a reason.")
    assert Enrollment.objects.values("status", "revoked_at", "status_reason").get() == before
    assert "Geef een reden op." in client.get(page_url(enrollment)).content.decode()


def test_a_reason_is_recorded_and_a_repeat_changes_nothing(client, instructor, enrollment):
    client.force_login(instructor)
    url = reverse("enrolments:access", args=[enrollment.pk])
    response = client.post(url, {"action": "revoke", "reason": "Dubbele inschrijving"})
    (message,) = get_messages(response.wsgi_request)
    assert message.level == messages.SUCCESS
    enrollment.refresh_from_db()
    revoked_at = enrollment.revoked_at
    assert enrollment.status == Enrollment.Status.REVOKED and revoked_at is not None
    assert enrollment.status_reason == "Dubbele inschrijving"
    response = client.post(url, {"action": "revoke", "reason": "Nog een keer"})
    *_earlier, message = get_messages(response.wsgi_request)  # the first one was never shown
    assert message.level == messages.INFO
    enrollment.refresh_from_db()
    assert enrollment.revoked_at == revoked_at
    assert enrollment.status_reason == "Dubbele inschrijving"


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
