"""Messages to learners in the Wagtail admin, as an instructor uses them."""

import pytest
from django.urls import reverse

from outreach.models import Message, MessageDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


def test_an_instructor_writes_sees_the_count_tests_and_sends_a_message(
    instructor_client, instructor, course, learners, smtp_server, committing_client_class
):
    response = instructor_client.post(
        reverse("outreach_messages:add"),
        {
            "course": course.pk,
            "subject": "Welkom bij {course}",
            "body": "Hoi {name}, begin hier: {continue_url}",
            "audience": "not_started",
            "inactive_days": 14,
            "send_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    message = Message.objects.get()
    assert message.created_by == instructor
    listing = instructor_client.get(reverse("outreach_messages:index"))
    assert "Welkom bij {course}" in listing.content.decode()

    instructor_client.post(reverse("outreach_admin_send_test", args=[message.pk]))
    [test] = smtp_server.messages
    assert test["To"] == instructor.email
    assert MessageDelivery.objects.count() == 0  # a test records nothing

    confirm = instructor_client.get(reverse("outreach_admin_send", args=[message.pk]))
    assert 'id="audience-count"' in confirm.content.decode()
    assert "1 " in confirm.content.decode()  # only "new" has not started

    client = committing_client_class()
    client.force_login(instructor)
    assert client.post(reverse("outreach_admin_send", args=[message.pk])).status_code == 302
    assert [m["To"] for m in smtp_server.messages[1:]] == ["new@example.com"]
    listing = instructor_client.get(reverse("outreach_messages:index")).content.decode()
    assert "Send…" not in listing  # sent: no second send button


def test_a_learner_cannot_reach_the_message_admin(client, learner, course):
    client.force_login(learner)
    assert client.get(reverse("outreach_messages:index")).status_code in (302, 403)


# --- The learner page lists the mails this learner was sent -------------------------------------


def test_the_learner_page_lists_messages_and_reminders_with_their_delivery_state(
    client, instructor, enrollment, other, course
):
    from datetime import UTC, datetime

    from django.urls import reverse

    from enrollments.services import enrollment_create
    from outreach.models import Message, MessageDelivery, Reminder

    sent_at = datetime(2026, 11, 20, 20, 37, tzinfo=UTC)
    message = Message.objects.create(course=course, subject="Nieuws over {course}", body="Hoi")
    MessageDelivery.objects.create(
        message=message, enrollment=enrollment, status="sent", sent_at=sent_at
    )
    Reminder.objects.create(
        course=course, enrollment=enrollment, number=1, status="failed", last_error="550 mailbox"
    )
    elsewhere = enrollment_create(user=other, course=course)
    other_message = Message.objects.create(course=course, subject="Alleen voor een ander", body="x")
    MessageDelivery.objects.create(message=other_message, enrollment=elsewhere, status="sent")

    client.force_login(instructor)
    html = client.get(reverse("enrolments:inspect", args=[enrollment.pk])).content.decode()
    panel = html[html.index('data-panel="learner-mails"') :]
    panel = panel[: panel.index("</table>")]
    assert f"Nieuws over {course.title}" in panel
    assert "verzonden" in panel and "21:37 CET" in panel
    assert "Herinnering 1" in panel and "mislukt" in panel and "550 mailbox" in panel
    assert "Alleen voor een ander" not in panel


def test_a_learner_without_mails_gets_a_sentence_not_an_empty_table(client, instructor, enrollment):
    from django.urls import reverse

    client.force_login(instructor)
    html = client.get(reverse("enrolments:inspect", args=[enrollment.pk])).content.decode()
    assert "Nog geen berichten of herinneringen." in html
