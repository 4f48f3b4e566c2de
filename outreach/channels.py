"""Instructors' messages and reminders as channels of the delivery engine.

Each batch loads in two queries what its mails need: the learners with their mail language
(with the rows), and their finished steps and opt-outs (`prepare`), so a mail costs no query
of its own beyond the engine's one mark.
"""

from __future__ import annotations

from collections import defaultdict

from core.mail import greeting_name
from courses.models import CoursePage
from delivery import preferences
from delivery.channels import Channel, register
from delivery.models import OptOut
from enrollments.mail_topics import COURSE_NEWS
from enrollments.models import Enrollment, StepProgress

from .emails import continue_url, message_mail, next_step, reminder_mail
from .mail_topics import REMINDERS
from .models import Message, MessageDelivery, Reminder

LEARNER = ("enrollment__user__mail_language", "enrollment__course")


def _load_learner_state(rows, topic: str) -> None:
    """Per row: the learner's finished steps, and whether they refused `topic`."""
    enrollment_ids = [row.enrollment_id for row in rows]
    done = defaultdict(set)
    for enrollment_id, page_id in StepProgress.objects.filter(
        enrollment_id__in=enrollment_ids
    ).values_list("enrollment_id", "page_id"):
        done[enrollment_id].add(page_id)
    refused = set(
        OptOut.objects.filter(
            user_id__in=[row.enrollment.user_id for row in rows], topic=topic
        ).values_list("user_id", flat=True)
    )
    for row in rows:
        row.done_ids = frozenset(done[row.enrollment_id])
        row.refused = row.enrollment.user_id in refused


def _language(user) -> str:
    return preferences.language_of(user)


class MessageChannel(Channel):
    name = "outreach.message"
    model = MessageDelivery
    group_field = "message"
    select_related = LEARNER

    def group(self, group_id: int):
        return Message.objects.select_related("course").filter(pk=group_id).first()

    def prepare(self, group, rows) -> None:
        _load_learner_state(rows, COURSE_NEWS)

    def recipient(self, row) -> str:
        return row.enrollment.user.email

    def message(self, group: Message, row: MessageDelivery):
        enrollment = row.enrollment
        user = enrollment.user
        if enrollment.status != Enrollment.Status.ACTIVE or row.refused or not user.is_active:
            return None  # revoked, switched course news off, or account closed since
        if not user.email:
            return None
        language = _language(user)
        step = next_step(enrollment, row.done_ids, language=language)
        return message_mail(
            group,
            to=user.email,
            name=greeting_name(user),
            language=language,
            link=continue_url(enrollment, step, language=language),
            unsubscribe_url=preferences.unsubscribe_url(user, language=language),
        )


class ReminderChannel(Channel):
    """Grouped per course: a beat run adds the course's due reminders and sends them."""

    name = "outreach.reminder"
    model = Reminder
    group_field = "course"
    select_related = LEARNER

    def group(self, group_id: int):
        return CoursePage.objects.filter(pk=group_id).first()

    def prepare(self, group, rows) -> None:
        _load_learner_state(rows, REMINDERS)

    def recipient(self, row) -> str:
        return row.enrollment.user.email

    def message(self, group, row: Reminder):
        enrollment = row.enrollment
        user = enrollment.user
        if (
            enrollment.status != Enrollment.Status.ACTIVE
            or enrollment.completed_at is not None
            or row.refused
            or not user.is_active
            or not user.email
            or enrollment.last_active_at > row.created_at  # came back since: no nudge needed
        ):
            return None
        language = _language(user)
        step = next_step(enrollment, row.done_ids, language=language)
        if step is None:  # everything released is done: nothing to remind of yet
            return None
        return reminder_mail(
            enrollment,
            step=step,
            language=language,
            unsubscribe_url=preferences.unsubscribe_url(user, language=language),
        )


MESSAGES = register(MessageChannel())
REMINDER_MAILS = register(ReminderChannel())
