"""Delivery rows (the exactly-once state of one mail to one person), and what every mail to
many people respects: suppressed addresses, opt-outs per topic, a person's mail language."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalise_email(email: str) -> str:
    """One form per address: no surrounding spaces, lower case."""
    return (email or "").strip().lower()


class DeliveryRow(models.Model):
    """One mail to one person, sent by the engine in `services.py`.

    Each app keeps its own table of these (with real foreign keys to its message and its
    recipient, and its own unique constraint); the claim, send, mark and sweep logic is the
    engine's, once. A row is `pending` until it is marked `sent`, `failed` or `skipped`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped (unsubscribed or bounced)")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # A sender's lease on a pending row: set when a batch is claimed (short), lengthened to
    # cover one send right before that row's mail goes out, cleared when the row is marked.
    # Another sender skips the row until the lease has run out.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    # Which claim holds the row: a sender sends a row only while it still holds it.
    claim_token = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Suppression(models.Model):
    """An address that bounced or complained: no mail to many people goes there again."""

    email = models.CharField(_("e-mail address"), max_length=254, unique=True)
    reason = models.CharField(_("reason"), max_length=32)
    created_at = models.DateTimeField(_("suppressed at"), default=timezone.now)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return f"{self.email} ({self.reason})"


class OptOut(models.Model):
    """A person who does not want one topic of mail (see `topics.py`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_opt_outs"
    )
    topic = models.CharField(_("topic"), max_length=32)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mail opt-out")
        verbose_name_plural = _("mail opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="delivery_one_opt_out_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.topic}"


class MailLanguage(models.Model):
    """The language a person's mails are written in: the one they last logged in with,
    unless they chose one in their mail settings."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mail_language",
    )
    language = models.CharField(_("language"), max_length=8)
    chosen = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("mail language")
        verbose_name_plural = _("mail languages")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.language}"
