"""The launch waitlist: subscribers, the course's one launch announcement, and one delivery
row per (announcement, subscriber) that the delivery engine sends exactly once
(delivery/services.py)."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delivery.models import DeliveryRow
from delivery.services import with_progress

#: Bump when the consent wording in forms.PRIVACY_TEXT changes; stored with every signup.
CONSENT_VERSION = "2026-11-v1"

# The standard announcement, used while the instructor leaves subject or message empty.
# Translated when each mail is built, so every subscriber gets it in their own language.
DEFAULT_SUBJECT = _("{course} is now open!")
DEFAULT_BODY = _(
    "Hi {name},\n\n"
    "You were on the waitlist, and the wait is over: the course is open from now on.\n\n"
    "Start right away with the first lesson:\n{start_url}\n\n"
    "Enjoy, and good luck!\nMCMT Academie"
)


def validate_no_control_characters(value: str) -> None:
    """A name goes into mail headers ({name} in the announcement's subject), where a line
    break is refused (BadHeaderError); tabs and other control characters have no place in a
    name either."""
    if any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in value):
        raise ValidationError(
            _("The name may not contain line breaks, tabs or other control characters."),
            code="control_characters",
        )


def normalise_email(email: str) -> str:
    """One form per address: no surrounding spaces, lower case."""
    return (email or "").strip().lower()


class SubscriberQuerySet(models.QuerySet):
    def eligible(self) -> SubscriberQuerySet:
        """Confirmed, not unsubscribed, not suppressed: may get the announcement."""
        return self.filter(
            confirmed_at__isnull=False, unsubscribed_at__isnull=True, suppressed_at__isnull=True
        )


class Subscriber(models.Model):
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="waitlist_subscribers",
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_no_control_characters])
    email = models.EmailField(_("e-mail address"), max_length=254)
    email_normalised = models.CharField(max_length=254, editable=False)
    language = models.CharField(_("language"), max_length=8, default="nl")
    consent_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("consent wording version"), max_length=32)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    suppressed_at = models.DateTimeField(_("suppressed at"), null=True, blank=True)
    suppressed_reason = models.CharField(_("suppression reason"), max_length=32, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("waitlist subscriber")
        verbose_name_plural = _("waitlist subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "email_normalised"], name="waitlist_one_signup_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs) -> None:
        self.email_normalised = normalise_email(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_normalised"}
        super().save(*args, **kwargs)

    @property
    def is_eligible(self) -> bool:
        return (
            self.confirmed_at is not None
            and self.unsubscribed_at is None
            and self.suppressed_at is None
        )


class AnnouncementQuerySet(models.QuerySet):
    def with_progress(self) -> AnnouncementQuerySet:
        """Annotate sent_count, pending_count and failed_count (one query for a listing)."""
        return with_progress(self, "deliveries")


class Announcement(models.Model):
    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="waitlist_announcement",
    )
    # Empty means "the standard text" (DEFAULT_SUBJECT/DEFAULT_BODY), so it can be sent in
    # each subscriber's language; what an instructor writes goes out as written.
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        default="",
        help_text=_(
            "{course} is replaced by the course title. Leave empty for the standard subject, "
            "sent in each subscriber's own language."
        ),
    )
    body = models.TextField(
        _("message"),
        blank=True,
        default="",
        help_text=_(
            "Plain text. {name} is replaced by the subscriber's name, {start_url} by a link to "
            "the first lesson (through sign-up), {course_url} by the link to the course page "
            "and {course} by its title. Leave empty for the standard message, sent in each "
            "subscriber's own language."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    dispatched_at = models.DateTimeField(_("first dispatched at"), null=True, blank=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("launch announcement")
        verbose_name_plural = _("launch announcements")

    def __str__(self) -> str:
        return str(self.course.title)

    def subject_text(self) -> str:
        """The instructor's subject, or the standard one in the active language."""
        return self.subject or str(DEFAULT_SUBJECT)

    def body_text(self) -> str:
        """The instructor's message, or the standard one in the active language."""
        return self.body or str(DEFAULT_BODY)


class Delivery(DeliveryRow):
    """One announcement to one subscriber; sent by the delivery engine (delivery.services)."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "subscriber"], name="waitlist_one_delivery_per_person"
            )
        ]
        indexes = [models.Index(fields=["announcement", "status"])]

    def __str__(self) -> str:
        return f"{self.announcement_id}:{self.subscriber_id} {self.status}"
