"""Every write of outreach: sending an instructor's message (now, or when scheduled), the
instructor's test, and the reminders beat adds.

Sending itself is the delivery engine's (`delivery.services`): these functions create the
delivery rows, once, and queue the engine after commit.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.mail import greeting_name
from courses.models import CoursePage
from delivery import preferences
from delivery.models import DeliveryRow
from delivery.services import deliveries_queue
from enrollments.models import Enrollment

from .channels import MESSAGES, REMINDER_MAILS
from .emails import message_mail
from .mail_topics import REMINDERS
from .models import Message, MessageDelivery, Reminder
from .selectors import audience

logger = logging.getLogger(__name__)

INSERT_CHUNK = 2000


# --- Instructors' messages ---------------------------------------------------------------------


def message_dispatch(*, message_id: int, now: datetime | None = None) -> int:
    """Fix the message's audience as it is now (one delivery row per learner) and queue the
    send. Once per message: a second call, or a scheduled run racing "Send now", adds
    nothing. Returns the number of learners it goes to."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            Message.objects.select_for_update().select_related("course").filter(pk=message_id)
        ).first()
        if message is None or message.dispatched_at is not None:
            return 0
        learners = audience(
            course=message.course,
            audience=message.audience,
            inactive_days=message.inactive_days,
            now=now,
        ).values_list("pk", flat=True)
        count = 0
        chunk: list[MessageDelivery] = []
        for enrollment_id in learners.iterator(chunk_size=INSERT_CHUNK):
            chunk.append(MessageDelivery(message=message, enrollment_id=enrollment_id))
            if len(chunk) == INSERT_CHUNK:
                count += _insert(chunk)
                chunk = []
        count += _insert(chunk)
        Message.objects.filter(pk=message.pk).update(
            dispatched_at=now, send_at=message.send_at or now
        )
        deliveries_queue(channel=MESSAGES.name, group_id=message.pk)
    logger.info("message %s dispatched to %s learners", message_id, count)
    return count


def _insert(rows: list[MessageDelivery]) -> int:
    MessageDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def messages_dispatch_due(*, now: datetime | None = None) -> list[int]:
    """Beat, every minute: scheduled messages whose moment has come."""
    now = now or timezone.now()
    due = list(
        Message.objects.filter(dispatched_at__isnull=True, send_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    for message_id in due:
        message_dispatch(message_id=message_id, now=now)
    return due


def message_send_test(*, message: Message, user, language: str) -> None:
    """The instructor's test: the real mail to their own address, no delivery recorded;
    {continue_url} leads to the course."""
    course_url = message.course.get_url() or "/"
    from core.mail import absolute_url

    message_mail(
        message,
        to=user.email,
        name=greeting_name(user) or user.get_username(),
        language=language,
        link=absolute_url(course_url),
    ).send()


# --- Reminders ---------------------------------------------------------------------------------


def reminders_dispatch(*, now: datetime | None = None) -> dict[int, int]:
    """Beat: add every due reminder and queue its course's send. Returns rows added per
    course.

    Due: an active, uncompleted enrolment of a course with reminders on, whose learner has
    opened no step for the course's `reminder_after_days` (nor had a reminder in that time),
    with fewer than `reminder_max` reminders so far, and who did not switch reminders off.
    The next number is one more than the last; (enrolment, number) is unique, so two runs at
    once add each reminder once. Per course ONE statement, INSERT ... SELECT, on indexed
    columns: the database does the work, in constant memory here, however many learners.
    """
    now = now or timezone.now()
    added = {}
    courses = CoursePage.objects.live().filter(reminder_after_days__gt=0, reminder_max__gt=0)
    for course in courses.only("pk", "reminder_after_days", "reminder_max"):
        count = _reminders_insert(course, now)
        added[course.pk] = count
        if (
            count
            or Reminder.objects.filter(course=course, status=DeliveryRow.Status.PENDING).exists()
        ):
            transaction.on_commit(
                lambda course_id=course.pk: _queue(REMINDER_MAILS.name, course_id)
            )
    return added


def _queue(channel: str, group_id: int) -> None:
    from delivery.tasks import send_deliveries

    send_deliveries.delay(channel, group_id)


def due_reminders(course: CoursePage, now: datetime):
    """The enrolments of `course` due a reminder now, annotated with its `next_number`."""
    cutoff = now - timedelta(days=course.reminder_after_days)
    last = Reminder.objects.filter(enrollment=OuterRef("pk")).order_by("-number")
    due = (
        Enrollment.objects.filter(
            course=course,
            status=Enrollment.Status.ACTIVE,
            completed_at__isnull=True,
            last_active_at__lt=cutoff,
        )
        .annotate(
            sent=Coalesce(Subquery(last.values("number")[:1]), Value(0)),
            last_sent_at=Subquery(last.values("created_at")[:1]),
        )
        .filter(sent__lt=course.reminder_max)
        .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=cutoff))
    )
    due = preferences.exclude_unwilling(due, user_field="user", topic=REMINDERS)
    return due.annotate(next_number=F("sent") + Value(1, output_field=IntegerField()))


def _reminders_insert(course: CoursePage, now: datetime) -> int:
    select = due_reminders(course, now).annotate(
        r_course=Value(course.pk, output_field=IntegerField()),
        r_status=Value(DeliveryRow.Status.PENDING),
        r_attempts=Value(0, output_field=IntegerField()),
        r_error=Value(""),
        r_created=Value(now),
        r_updated=Value(now),
    )
    columns = ["pk", "next_number", "r_course", "r_status", "r_attempts", "r_error"]
    columns += ["r_created", "r_updated"]
    sql, params = select.values_list(*columns).query.sql_with_params()
    meta = Reminder._meta
    quote = connection.ops.quote_name
    targets = ["enrollment", "number", "course", "status", "attempts", "last_error"]
    targets += ["created_at", "updated_at"]
    names = ", ".join(quote(meta.get_field(name).column) for name in targets)
    # Table and column names come from the model; every value is a query parameter.
    insert = (
        f"INSERT INTO {quote(meta.db_table)} ({names}) {sql} "  # nosec B608
        "ON CONFLICT DO NOTHING"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(insert, params)
        return max(cursor.rowcount, 0)
