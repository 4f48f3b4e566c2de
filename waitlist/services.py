"""Every write of the waitlist: signing up, confirming, leaving, and the launch announcement.

Exactly once per person
-----------------------
`announcement_dispatch` creates one `Delivery` row per (announcement, eligible subscriber)
(a unique constraint; re-running it adds nothing). The delivery engine
(`delivery.services.deliveries_send`, through the channel in `channel.py`) then sends each
row once: batch claims with a short lease and SKIP LOCKED, one committed mark per mail, a
sweeper for stalled sends, AT MOST ONE duplicate mail per crash. Its module docstring says
how and why.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import caching
from core.sql import CompiledRead
from courses.models import CoursePage
from delivery.services import (
    TemporaryDeliveryError,
    deliveries_requeue_stalled,
    deliveries_send,
)

from .channel import ANNOUNCEMENTS
from .emails import announcement_message, confirmation_message
from .models import CONSENT_VERSION, Announcement, Delivery, Subscriber, normalise_email

logger = logging.getLogger(__name__)


#: At most one confirmation mail per address and course in this many seconds. The signup
#: endpoint takes posts from anywhere (see views.signup), so without this anyone could
#: have many browsers sign a stranger up and flood their inbox.
CONFIRMATION_MAIL_INTERVAL = 10 * 60


__all__ = ["TemporaryDeliveryError"]  # raised by announcement_send; the tasks retry on it


# --- Signing up -------------------------------------------------------------------------------


def signup_rate_limited(*, ip: str) -> bool:
    """Count a signup attempt from `ip`; True when it is over the limit for the window."""
    return caching.hit_rate_limit(
        "waitlist-signup",
        ip,
        limit=settings.WAITLIST_SIGNUP_RATE_LIMIT,
        window=settings.WAITLIST_SIGNUP_RATE_WINDOW,
    )


def _confirmation_mail_due(subscriber: Subscriber) -> bool:
    """Take this address's confirmation-mail slot; False while an earlier one still holds it.

    In the cache (Redis in production, shared by every web process); add() is atomic, so of
    many signups at once exactly one gets the mail. The address is hashed to keep it out of
    the cache's keys.
    """
    digest = hashlib.sha256(subscriber.email_normalised.encode()).hexdigest()
    return caching.claim_slot(
        "waitlist-confirmation",
        f"{subscriber.course_id}:{digest}",
        seconds=CONFIRMATION_MAIL_INTERVAL,
    )


def signup_create(*, course: CoursePage, name: str, email: str, language: str) -> Subscriber:
    """Put someone on the waitlist (or find them there) and (re)send the confirmation.

    The same address in any letter case or with spaces around it is one person: the answer
    is the same either way and there is never a second record. A still unconfirmed person
    gets the confirmation mail again, at most once per CONFIRMATION_MAIL_INTERVAL; a
    confirmed one gets nothing new.
    """
    email = email.strip()
    normalised = normalise_email(email)
    now = timezone.now()
    try:
        with transaction.atomic():
            subscriber = Subscriber.objects.create(
                course=course,
                name=name.strip(),
                email=email,
                language=language,
                consent_at=now,
                consent_version=CONSENT_VERSION,
            )
    except IntegrityError:
        # Someone (maybe this person, a moment ago in another request) got there first.
        subscriber = Subscriber.objects.get(course=course, email_normalised=normalised)
    unconfirmed = subscriber.confirmed_at is None and subscriber.unsubscribed_at is None
    if unconfirmed and _confirmation_mail_due(subscriber):
        from .tasks import send_confirmation

        transaction.on_commit(lambda: send_confirmation.delay(subscriber.pk))
    return subscriber


def signup_confirm(*, subscriber_id: int, email_normalised: str) -> Subscriber | None:
    """Confirm a signup from its signed link. After launch, the live mail goes out at once."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update()
            .filter(pk=subscriber_id, email_normalised=email_normalised)
            .select_related("course")
            .first()
        )
        if subscriber is None:
            return None
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = timezone.now()
            subscriber.save(update_fields=["confirmed_at"])
        if subscriber.course.is_launched():
            announcement_dispatch(course=subscriber.course)
    return subscriber


def subscriber_unsubscribe(*, subscriber_id: int) -> Subscriber | None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None and subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def address_suppress(*, email: str, reason: str) -> int:
    """A bounce or complaint: never mail this address again (on any course's waitlist)."""
    return Subscriber.objects.filter(
        email_normalised=normalise_email(email), suppressed_at__isnull=True
    ).update(suppressed_at=timezone.now(), suppressed_reason=reason[:32])


def confirmation_send(*, subscriber_id: int) -> bool:
    subscriber = Subscriber.objects.select_related("course").filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.confirmed_at or subscriber.unsubscribed_at:
        return False
    if subscriber.suppressed_at:
        return False
    confirmation_message(subscriber).send()
    return True


# --- The announcement -------------------------------------------------------------------------


def announcement_for_course(*, course: CoursePage) -> Announcement:
    """The course's one announcement, created with the standard text when missing."""
    announcement, _created = Announcement.objects.get_or_create(course=course)
    return announcement


def announcement_schedule(*, course_id: int) -> None:
    """From the publish event: dispatch once the surrounding transaction has committed."""
    from .tasks import dispatch_announcement

    transaction.on_commit(lambda: dispatch_announcement.delay(course_id))


def announcement_dispatch(*, course: CoursePage, now=None) -> int:
    """If the course is live, add a pending delivery for every eligible subscriber who has
    none yet and queue the send. Safe to call any number of times. Returns rows added."""
    if not course.is_launched(now=now):
        return 0
    with transaction.atomic():
        announcement = announcement_for_course(course=course)
        missing = (
            Subscriber.objects.eligible()
            .filter(course=course)
            .exclude(deliveries__announcement=announcement)
            .values_list("pk", flat=True)
        )
        rows = [Delivery(announcement=announcement, subscriber_id=pk) for pk in missing]
        Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        if announcement.dispatched_at is None:
            Announcement.objects.filter(pk=announcement.pk).update(dispatched_at=timezone.now())
        has_pending = announcement.deliveries.filter(status=Delivery.Status.PENDING).exists()
    if has_pending:
        from .tasks import send_announcement

        transaction.on_commit(lambda: send_announcement.delay(announcement.pk))
    return len(rows)


def announcements_dispatch_due(*, now=None) -> int:
    """Beat, every minute: courses past their launch moment with people not yet served."""
    now = now or timezone.now()
    course_ids = (
        Subscriber.objects.eligible()
        .filter(course__live=True)
        .filter(Q(course__launch_at__isnull=True) | Q(course__launch_at__lte=now))
        .exclude(deliveries__isnull=False)
        .values_list("course_id", flat=True)
        .distinct()
    )
    count = 0
    for course in CoursePage.objects.filter(pk__in=list(course_ids)):
        count += announcement_dispatch(course=course, now=now)
    return count


def announcements_requeue_stalled(*, older_than: timedelta | None = None) -> list[int]:
    """The delivery engine's sweeper, for announcements only (beat runs it for every
    channel: `delivery.tasks.requeue_stalled`). Returns the announcements re-queued."""
    queued = deliveries_requeue_stalled(channels=[ANNOUNCEMENTS], stalled_after=older_than)
    return [group_id for _channel, group_id in queued]


def announcement_send(*, announcement_id: int, batch_size: int | None = None) -> dict:
    """Send every pending delivery of one announcement (the delivery engine, over one SMTP
    connection; see `delivery.services.deliveries_send` for errors and retries)."""
    return deliveries_send(channel=ANNOUNCEMENTS, group_id=announcement_id, batch_size=batch_size)


def announcement_send_test(*, announcement: Announcement, to: str, name: str, language: str):
    """An instructor's test: the real mail to their own address, no delivery recorded."""
    announcement_message(announcement, to=to, name=name, language=language).send()


# The courses an address confirmed a place on, read on every dashboard view: compiled once
# per process (core.sql), so a learner with no open place costs one cheap query.
_CONFIRMED_COURSES_READ = CompiledRead(
    lambda email: (
        Subscriber.objects.filter(email_normalised=email, confirmed_at__isnull=False)
        .order_by()
        .values_list("course_id")
    ),
    "email",
)


def waitlisted_courses_open_for(*, user, exclude: Collection[int] = ()) -> list[CoursePage]:
    """Launched courses whose waitlist `user`'s address confirmed a place on: the learner
    is offered them at once (dashboard), without hunting for the course. Courses in
    `exclude` (those the learner is already enrolled in) are left out."""
    if not user.is_authenticated or not user.email:
        return []
    rows = _CONFIRMED_COURSES_READ.rows(email=normalise_email(user.email))
    course_ids = {row[0] for row in rows} - set(exclude)
    if not course_ids:
        return []
    courses = CoursePage.objects.live().filter(pk__in=course_ids).order_by("title")
    return [course for course in courses if course.is_launched()]


def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Erase a person's data (GDPR): the signup and its delivery records."""
    subscriber.delete()
