"""Instructors' messages to the learners of a course, sent by the delivery engine."""

import pytest

from delivery.models import Suppression
from delivery.preferences import topics_set
from outreach import services
from outreach.models import Audience, Message, MessageDelivery
from outreach.selectors import audience
from tests.smtp import html_part, text_part

pytestmark = pytest.mark.django_db


def make_message(course, **fields) -> Message:
    values = {
        "course": course,
        "subject": "Nieuws over {course}",
        "body": "Hoi {name}, ga verder: {continue_url} {x",
        "audience": Audience.ALL,
    }
    values.update(fields)
    return Message.objects.create(**values)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (Audience.ALL, {"new", "busy", "done", "idle"}),
        (Audience.NOT_STARTED, {"new"}),
        (Audience.IN_PROGRESS, {"busy", "idle"}),
        (Audience.COMPLETED, {"done"}),
        (Audience.INACTIVE, {"idle"}),
    ],
)
def test_each_audience_picks_its_learners_and_never_a_revoked_one(
    course, learners, chosen, expected
):
    found = audience(course=course, audience=chosen, inactive_days=14)
    assert {e.user.username for e in found} == expected


def test_learners_who_switched_course_news_off_or_bounced_are_left_out(course, learners):
    topics_set(user=learners["new"].user, wanted={"reminders"})
    Suppression.objects.create(email="busy@example.com", reason="bounced")
    found = audience(course=course, audience=Audience.ALL)
    assert {e.user.username for e in found} == {"done", "idle"}


def test_a_message_reaches_its_audience_once_in_each_learners_language(
    committed, course, learners, smtp_server
):
    message = make_message(course, audience=Audience.IN_PROGRESS)
    with committed():
        assert services.message_dispatch(message_id=message.pk) == 2
    with committed():
        assert services.message_dispatch(message_id=message.pk) == 0  # once per message
    assert sorted(m["To"] for m in smtp_server.messages) == ["busy@example.com", "idle@example.com"]
    dutch, english = smtp_server.to("busy@example.com")[0], smtp_server.to("idle@example.com")[0]
    assert dutch["Subject"] == f"[MCMT Academie] Nieuws over {course.title}"
    body = text_part(dutch)
    assert body.startswith("Hoi Busy, ga verder: http://testserver/")
    assert "{x" in body  # a stray brace stays as written
    # The chrome follows the learner's language; the instructor's words go as written.
    assert "Continue where you left off:" in text_part(english)
    assert "Ga verder waar je was gebleven:" in body or "Continue where" not in body
    assert "http://testserver/en/" in text_part(english)
    for mail in (dutch, english):
        assert mail["List-Unsubscribe"].strip().strip("<>").startswith("http://testserver/")
        assert "/mail/unsubscribe/" in mail["List-Unsubscribe"]
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<a href" in html_part(english)
    statuses = set(MessageDelivery.objects.values_list("status", flat=True))
    assert statuses == {"sent"}
    message.refresh_from_db()
    assert message.dispatched_at is not None


def test_continue_url_leads_to_the_learners_next_step(
    committed, course, learners, lessons, smtp_server
):
    message = make_message(course, audience=Audience.IN_PROGRESS, body="{continue_url}")
    with committed():
        services.message_dispatch(message_id=message.pk)
    busy = text_part(smtp_server.to("busy@example.com")[0])
    assert busy.splitlines()[0] == f"http://testserver{lessons[1].url}"


def test_a_scheduled_message_waits_for_its_moment(committed, course, learners, smtp_server):
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.now() + timedelta(hours=2)
    message = make_message(course, send_at=later)
    with committed():
        assert services.messages_dispatch_due() == []
    assert smtp_server.messages == []
    with committed():
        assert services.messages_dispatch_due(now=later) == [message.pk]
    assert len(smtp_server.messages) == 4


def test_a_learner_who_opted_out_after_the_dispatch_is_skipped(
    committed, course, learners, smtp_server, django_capture_on_commit_callbacks
):
    message = make_message(course, audience=Audience.NOT_STARTED)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.message_dispatch(message_id=message.pk)
    topics_set(user=learners["new"].user, wanted=set())
    for callback in queued:
        callback()
    assert smtp_server.messages == []
    assert MessageDelivery.objects.get().status == "skipped"


def test_a_sent_message_can_no_longer_be_changed(committed, course, learners, smtp_server):
    from django.core.exceptions import ValidationError

    message = make_message(course)
    with committed():
        services.message_dispatch(message_id=message.pk)
    message.refresh_from_db()
    with pytest.raises(ValidationError):
        message.full_clean()
