"""Every write of the waitlist: signing up, confirming, leaving, and the launch announcement.

Exactly once per person
-----------------------
`announcement_dispatch` creates one `Delivery` row per (announcement, eligible subscriber)
(a unique constraint; re-running it adds nothing). `announcement_send` then walks the pending
rows over ONE SMTP connection, a batch at a time:

    claim a batch: one short transaction locks pending, unclaimed rows
                   (SELECT ... FOR UPDATE SKIP LOCKED) and gives them a lease (claimed_until)
    for each row:  send  ->  mark it sent with one UPDATE, committed at once

Two workers (or a task that runs twice) never send the same row: a claimed row is skipped by
everyone else until its lease runs out, and a sender stops using its batch well before that
(one send is at most five socket waits of EMAIL_TIMEOUT; see core.checks). Unpublish and
republish re-dispatch but find every row already there. A worker killed mid-way leaves its
unsent rows pending; once their lease expires the redelivered task (acks_late) or the beat
sweeper sends them.

The one gap no database can close: a crash after the SMTP server accepted a message and
before that row's UPDATE. That row is still pending and is sent again on resume. Because each
row is marked right after its own send, this is AT MOST ONE duplicate mail per crash.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, IntegrityError, transaction
from django.db import connection as db_connection
from django.db.models import Q
from django.utils import timezone

from core import caching
from core.checks import send_margin_seconds
from courses.models import CoursePage

from .emails import announcement_message, confirmation_message
from .models import CONSENT_VERSION, Announcement, Delivery, Subscriber, normalise_email

logger = logging.getLogger(__name__)


#: At most one confirmation mail per address and course in this many seconds. The signup
#: endpoint takes posts from anywhere (see views.signup), so without this anyone could
#: have many browsers sign a stranger up and flood their inbox.
CONFIRMATION_MAIL_INTERVAL = 10 * 60


class TemporaryDeliveryError(Exception):
    """The SMTP server said "try again later" (4xx) or the connection dropped."""


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
    """Beat sweeper: re-queue announcements whose pending rows have waited too long.

    A killed worker's Redis message stays invisible for the broker's visibility timeout;
    this brings the rest of the send back much sooner. Queuing a send that is in fact still
    running is harmless: the rows are locked and skipped.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.WAITLIST_SWEEP_AFTER_SECONDS)
    cutoff = timezone.now() - older_than
    ids = list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, updated_at__lt=cutoff)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=timezone.now()))
        .values_list("announcement_id", flat=True)
        .distinct()
    )
    from .tasks import send_announcement

    for announcement_id in ids:
        send_announcement.delay(announcement_id)
    return ids


def _is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def _claim_batch(
    announcement_id: int, size: int, deferred: set[int]
) -> tuple[list[Delivery], datetime]:
    """Lease up to `size` pending rows to this sender; returns them and the lease's end.
    Rows deferred earlier in this run are left for the retry, which comes with backoff."""
    now = timezone.now()
    lease_end = now + timedelta(seconds=settings.WAITLIST_CLAIM_SECONDS)
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber")
            .filter(announcement_id=announcement_id, status=Delivery.Status.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .exclude(pk__in=deferred)
            .order_by("pk")[:size]
        )
        if rows:
            Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
                claimed_until=lease_end, updated_at=now
            )
    return rows, lease_end


def _release(rows: list[Delivery]) -> None:
    """Hand unsent rows back at once instead of waiting for their lease to run out."""
    if rows:
        Delivery.objects.filter(
            pk__in=[row.pk for row in rows], status=Delivery.Status.PENDING
        ).update(claimed_until=None)


def announcement_send(*, announcement_id: int, batch_size: int | None = None) -> dict:
    """Send every pending delivery of one announcement over one SMTP connection.

    Rows are claimed a batch at a time and each is marked right after its own send (see the
    module docstring for why that makes "at most one duplicate per crash" the whole of the
    risk). A temporary SMTP error leaves the row pending with one more attempt counted (a
    refused recipient: the send carries on; a dropped connection: it stops) and raises
    TemporaryDeliveryError, so the task retries the pending rows later with backoff; a
    permanent one, or too many attempts, marks the row failed and the send carries on. So
    does any other error with one person's mail (say, a name that cannot go into a header).
    """
    batch_size = batch_size or settings.WAITLIST_SEND_BATCH_SIZE
    announcement = Announcement.objects.select_related("course").filter(pk=announcement_id).first()
    counts = {"sent": 0, "failed": 0, "skipped": 0, "temporary": 0}
    if announcement is None:
        return counts
    _relax_sqlite_sync()
    # Stop using a batch this long before its lease ends, so nobody else can claim a row
    # while this sender might still be sending it: one mail is up to five socket waits of
    # EMAIL_TIMEOUT each. The system check core.E001 makes the lease at least twice this.
    margin = timedelta(seconds=send_margin_seconds())
    connection = get_connection(fail_silently=False)
    deferred: set[int] = set()
    try:
        connection.open()
        while True:
            rows, lease_end = _claim_batch(announcement_id, batch_size, deferred)
            if not rows:
                break
            for index, delivery in enumerate(rows):
                if timezone.now() > lease_end - margin:
                    _release(rows[index:])
                    break
                try:
                    outcome = _send_one(connection, announcement, delivery)
                except TemporaryDeliveryError:
                    _release(rows[index + 1 :])
                    raise
                counts[outcome] += 1
                if outcome == "temporary":
                    deferred.add(delivery.pk)
    finally:
        connection.close()
    logger.info("announcement %s: %s", announcement_id, counts)
    if counts["temporary"]:
        raise TemporaryDeliveryError(f"{counts['temporary']} recipients deferred; retry later")
    return counts


def _relax_sqlite_sync() -> None:
    """SQLite (the demo): one commit per mail would cost one fsync each. In WAL mode,
    synchronous=NORMAL keeps every commit through a crash of this process (the case the
    exactly-once design is about); only a power cut may lose the last few marks."""
    from django.db import connection as db

    if db.vendor == "sqlite" and not db.in_atomic_block:  # may not change mid-transaction
        with db.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")


def _mark(delivery: Delivery, status: str, **fields) -> None:
    """One UPDATE, committed at once: the row's outcome, and the lease given back.

    Written as SQL because it runs once per mail: building the ORM's UPDATE cost several
    times what running it did, and was most of what the announcement spent beyond the bare
    SMTP send (bench/announcement.py). Columns and values still go through the model's
    fields, so names are quoted and values converted as the ORM would.
    """
    values = {"status": status, "claimed_until": None, "updated_at": timezone.now(), **fields}
    meta = Delivery._meta
    quote = db_connection.ops.quote_name
    assignments, params = [], []
    for name, value in values.items():
        field = meta.get_field(name)
        assignments.append(f"{quote(field.column)} = %s")
        params.append(field.get_db_prep_save(value, db_connection))
    params.append(delivery.pk)
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    # Names come from the model and values go as parameters: nothing here is user input.
    sql = f"UPDATE {table} SET {', '.join(assignments)} WHERE {pk} = %s"  # noqa: S608  # nosec B608
    with db_connection.cursor() as cursor:
        cursor.execute(sql, params)


def _send_one(connection, announcement: Announcement, delivery: Delivery) -> str:
    if not delivery.subscriber.is_eligible:  # unsubscribed or bounced since the dispatch
        _mark(delivery, Delivery.Status.SKIPPED)
        return "skipped"
    attempts = delivery.attempts + 1
    try:
        message = announcement_message(announcement, delivery.subscriber)
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        last_error = str(error)[:300]
        if _is_temporary(error) and attempts < settings.WAITLIST_MAX_ATTEMPTS:
            _mark(delivery, Delivery.Status.PENDING, attempts=attempts, last_error=last_error)
            if isinstance(error, smtplib.SMTPRecipientsRefused):
                return "temporary"  # this address only: carry on with the others
            # The connection itself is gone: the task retries the rest later, with backoff.
            raise TemporaryDeliveryError(str(error)) from error
        _mark(delivery, Delivery.Status.FAILED, attempts=attempts, last_error=last_error)
        return "failed"
    except DatabaseError:
        raise  # the database, not this person: the task fails and is retried as a whole
    except Exception as error:
        # This person's mail cannot be built or sent (BadHeaderError for a line break in the
        # name, an address the mail library refuses, ...). Trying again fails the same way,
        # and rows are claimed in id order, so raising would stop everyone after them, on
        # every retry. Fail this row and go on; the log keeps the traceback.
        logger.exception("announcement %s: delivery %s failed", announcement.pk, delivery.pk)
        last_error = f"{type(error).__name__}: {error}"[:300]
        _mark(delivery, Delivery.Status.FAILED, attempts=attempts, last_error=last_error)
        return "failed"
    # Marked right after its own send: only a crash before this UPDATE duplicates it.
    _mark(delivery, Delivery.Status.SENT, attempts=attempts, sent_at=timezone.now())
    return "sent"


def announcement_send_test(*, announcement: Announcement, to: str, name: str, language: str):
    """An instructor's test: the real mail to their own address, no delivery recorded."""
    announcement_message(announcement, to=to, name=name, language=language).send()


def subscriber_delete(*, subscriber: Subscriber) -> None:
    """Erase a person's data (GDPR): the signup and its delivery records."""
    subscriber.delete()
