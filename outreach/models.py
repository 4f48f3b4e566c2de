"""Instructors' messages to the learners of a course, and reminders to learners who stopped.

Both are sent by the delivery engine (delivery/services.py): one row per (message, enrolment)
and one per (enrolment, reminder number), each under a unique constraint, so a message
dispatched twice or a reminder run twice at once adds nothing and mails nobody twice.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from delivery.models import DeliveryRow
from delivery.services import with_progress


class Audience(models.TextChoices):
    ALL = "all", _("all active learners")
    NOT_STARTED = "not_started", _("learners who have not started")
    IN_PROGRESS = "in_progress", _("learners in progress")
    COMPLETED = "completed", _("learners who completed the course")
    INACTIVE = "inactive", _("learners inactive for a number of days")


class MessageQuerySet(models.QuerySet):
    def with_progress(self) -> MessageQuerySet:
        """Annotate sent_count, pending_count and failed_count (one query for a listing)."""
        return with_progress(self, "deliveries")


class Message(models.Model):
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="outreach_messages",
    )
    subject = models.CharField(
        _("subject"), max_length=200, help_text=_("{course} is replaced by the course title.")
    )
    body = models.TextField(
        _("message"),
        help_text=_(
            "Plain text. {name} is replaced by the learner's first name, {course} by the "
            "course title and {continue_url} by a link to the learner's next step."
        ),
    )
    audience = models.CharField(
        _("send to"), max_length=16, choices=Audience.choices, default=Audience.ALL
    )
    inactive_days = models.PositiveSmallIntegerField(
        _("inactive for (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("For “learners inactive for a number of days”: no step opened this long."),
    )
    send_at = models.DateTimeField(
        _("send at"),
        null=True,
        blank=True,
        help_text=_("Schedule the message. Leave empty and use “Send now” on the list."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    dispatched_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message to learners")
        verbose_name_plural = _("messages to learners")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["dispatched_at", "send_at"])]

    def __str__(self) -> str:
        return self.subject

    def clean(self) -> None:
        if self.pk and Message.objects.filter(pk=self.pk, dispatched_at__isnull=False).exists():
            raise ValidationError(_("This message was sent already and can no longer change."))


class MessageDelivery(DeliveryRow):
    """One message to one learner."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    enrollment = models.ForeignKey(
        "enrollments.Enrollment", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("message delivery")
        verbose_name_plural = _("message deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "enrollment"], name="outreach_one_delivery_per_learner"
            )
        ]
        indexes = [
            models.Index(fields=["message", "status"]),
            models.Index(fields=["message", "updated_at"], name="outreach_msg_progress"),
            models.Index(
                fields=["message"],
                condition=models.Q(status="pending"),
                name="outreach_msg_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.message_id}:{self.enrollment_id} {self.status}"


class Reminder(DeliveryRow):
    """Reminder number `number` to one enrolment: at most one each, whatever runs when."""

    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    enrollment = models.ForeignKey(
        "enrollments.Enrollment", on_delete=models.CASCADE, related_name="reminders"
    )
    number = models.PositiveSmallIntegerField(_("reminder number"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "number"], name="outreach_one_reminder_per_number"
            )
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["course", "updated_at"], name="outreach_rem_progress"),
            models.Index(
                fields=["course"],
                condition=models.Q(status="pending"),
                name="outreach_rem_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}#{self.number} {self.status}"
