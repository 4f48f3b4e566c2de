"""Orders of courses through Stripe Checkout, the Stripe events that moved them, and the
payment settings instructors edit.

These tables were created by the `enrollments` app and moved here with their data (see
migrations/0001_moved_from_enrollments.py); the new names came with 0002.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Order(models.Model):
    """A purchase of a course through Stripe Checkout. Webhooks are the only source of truth."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting payment")
        PAID = "paid", _("paid")
        FAILED = "failed", _("payment failed")
        REFUNDED = "refunded", _("refunded")
        DISPUTED = "disputed", _("disputed")
        EXPIRED = "expired", _("expired")
        # Given, not sold: an instructor invited or enrolled the learner in a paid course.
        COMPLIMENTARY = "comp", _("complimentary")

    reference = models.UUIDField(_("order reference"), unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("course"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=8, decimal_places=2)
    amount_paid = models.DecimalField(
        _("amount paid (EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    checkout_session_id = models.CharField(
        _("Stripe Checkout Session"), max_length=255, unique=True, null=True, blank=True
    )
    payment_intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    welcome_email_sent_at = models.DateTimeField(
        _("welcome e-mail sent at"), null=True, blank=True, editable=False
    )
    # Set when Stripe reported a payment that does not pay for the order (another currency,
    # less than the price minus the session's discount): the order stays unpaid until a
    # person looks (payments.services.payment_problem).
    payment_problem = models.CharField(
        _("payment problem"), max_length=255, blank=True, editable=False
    )
    # The language the learner bought in: the welcome mail is written in it.
    language = models.CharField(_("language"), max_length=8, default="nl", editable=False)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_status_display()})"


class StripeEvent(models.Model):
    """Every Stripe webhook event we accepted, stored once: replays are recognised by id."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    created = models.DateTimeField(_("created at Stripe"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    order = models.ForeignKey(
        Order,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("order"),
    )
    payload = models.JSONField(_("payload"))

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


@register_setting(icon="tag")
class PaymentSettings(BaseSiteSetting):
    """What instructors set for payments. Prices live on the course; keys in the environment."""

    early_bird_code = models.CharField(
        _("early-bird promotion code"),
        max_length=64,
        blank=True,
        help_text=_(
            "A promotion code you created in the Stripe Dashboard (Product catalogue > "
            "Coupons), for example VROEGEVOGEL. The launch announcement mentions it and "
            "learners enter it on Stripe's payment page. Leave empty for no early-bird offer."
        ),
    )

    panels = [FieldPanel("early_bird_code")]

    class Meta:
        verbose_name = _("payment settings")

    @property
    def checkout_available(self) -> bool:
        """For templates (through Wagtail's `settings` context processor): are the Stripe
        keys set, so that the course can be bought?"""
        from .stripe_api import checkout_configured

        return checkout_configured()
