"""The delivery engine itself: claims, the per-row take, marks, the sweeper, suppression."""

from datetime import timedelta

import pytest
from django.utils import timezone

from delivery import services
from delivery.models import Suppression
from tests.factories import AnnouncementFactory, SubscriberFactory
from waitlist.channel import ANNOUNCEMENTS
from waitlist.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(course):
    announcement = AnnouncementFactory(course=course)
    people = SubscriberFactory.create_batch(4, course=course)
    Delivery.objects.bulk_create(Delivery(announcement=announcement, subscriber=p) for p in people)
    return announcement, list(Delivery.objects.order_by("pk"))


def test_a_row_claimed_by_another_sender_is_not_sent_by_the_first(rows, smtp_server):
    """A slow sender whose batch lease ran out finds its untaken rows claimed by a second
    sender: its take fails and it sends them not."""
    announcement, deliveries = rows
    first = services._Sender(ANNOUNCEMENTS, announcement, batch_size=10)
    claimed = first.claim()
    assert [r.pk for r in claimed] == [d.pk for d in deliveries]
    # The lease runs out (a slow mail server), and a second sender claims the rows.
    Delivery.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    second = services._Sender(ANNOUNCEMENTS, announcement, batch_size=10)
    assert len(second.claim()) == 4
    sql = services._RowSql(Delivery)
    assert not sql.mark_and_take(done=None, take=claimed[0], token=first.token, lease=timedelta(60))
    assert sql.mark_and_take(done=None, take=claimed[0], token=second.token, lease=timedelta(60))


def test_a_take_lengthens_the_rows_lease_to_cover_one_whole_send(rows, settings):
    settings.EMAIL_TIMEOUT = 30
    announcement, _deliveries = rows
    sender = services._Sender(ANNOUNCEMENTS, announcement, batch_size=10)
    claimed = sender.claim()
    batch_end = Delivery.objects.get(pk=claimed[0].pk).claimed_until
    assert batch_end - timezone.now() <= timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)
    assert sender._sql.mark_and_take(
        done=None, take=claimed[0], token=sender.token, lease=sender.send_lease
    )
    lease = Delivery.objects.get(pk=claimed[0].pk).claimed_until - timezone.now()
    assert timedelta(seconds=150) < lease <= timedelta(seconds=155)  # 5 x 30 s + 5 s
    # Marking it and taking the next is one statement: the first is sent and let go.
    assert sender._sql.mark_and_take(
        done=(claimed[0], {"status": "sent", "attempts": 1, "sent_at": timezone.now()}),
        take=claimed[1],
        token=sender.token,
        lease=sender.send_lease,
    )
    first = Delivery.objects.get(pk=claimed[0].pk)
    assert (first.status, first.claimed_until, first.claim_token) == ("sent", None, None)
    assert Delivery.objects.get(pk=claimed[1].pk).claimed_until > batch_end


def test_a_suppressed_address_is_skipped_by_every_channel(rows, smtp_server):
    announcement, deliveries = rows
    Suppression.objects.create(email=deliveries[0].subscriber.email.upper(), reason="bounced")
    Suppression.objects.filter(reason="bounced").update(email=deliveries[0].subscriber.email)
    counts = services.deliveries_send(channel=ANNOUNCEMENTS.name, group_id=announcement.pk)
    assert counts == {"sent": 3, "failed": 0, "skipped": 1, "temporary": 0}
    assert Delivery.objects.get(pk=deliveries[0].pk).status == "skipped"


def test_the_sweeper_requeues_a_send_whose_rows_stopped_moving_and_nothing_else(
    rows, smtp_server, settings
):
    announcement, _deliveries = rows
    # Moving a moment ago: a live sender may be at work; leave it.
    assert services.deliveries_requeue_stalled(channels=[ANNOUNCEMENTS]) == []
    assert smtp_server.messages == []
    # Leased rows are someone's: not re-queued even when old.
    old = timezone.now() - timedelta(seconds=settings.DELIVERY_STALLED_AFTER_SECONDS + 1)
    Delivery.objects.update(updated_at=old, claimed_until=timezone.now() + timedelta(seconds=30))
    assert services.deliveries_requeue_stalled(channels=[ANNOUNCEMENTS]) == []
    # Stalled: no row moved for DELIVERY_STALLED_AFTER_SECONDS, none leased any more.
    Delivery.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    queued = services.deliveries_requeue_stalled(channels=[ANNOUNCEMENTS])
    assert queued == [(ANNOUNCEMENTS.name, announcement.pk)]
    assert len(smtp_server.messages) == 4  # the eager task sent them


def test_anymail_bounce_suppresses_the_address_for_learner_mail_too(learner):
    from anymail.signals import AnymailTrackingEvent, tracking

    from delivery.preferences import may_mail

    assert may_mail(learner, "course_news")
    event = AnymailTrackingEvent(event_type="complained", recipient=learner.email.upper())
    tracking.send(sender=object, event=event, esp_name="Test")
    assert Suppression.objects.get().reason == "complained"
    assert not may_mail(learner, "course_news")
