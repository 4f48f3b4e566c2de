"""The launch announcement as a channel of the delivery engine: which announcement a group
is, and each subscriber's mail (skipped when they left or bounced since the dispatch)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.functions import Lower

from delivery.channels import Channel, register

from .emails import announcement_message
from .models import Announcement, Delivery


class AnnouncementChannel(Channel):
    name = "waitlist.announcement"
    model = Delivery
    group_field = "announcement"
    select_related = ("subscriber",)

    def group(self, group_id: int):
        return Announcement.objects.select_related("course").filter(pk=group_id).first()

    def prepare(self, group, rows: list[Delivery]) -> None:
        """Which subscribers have an account already: their start link goes through log-in
        instead of sign-up (one query per batch)."""
        addresses = {row.subscriber.email_normalised for row in rows}
        known = set(
            get_user_model()
            .objects.annotate(address=Lower("email"))
            .filter(address__in=addresses)
            .values_list("address", flat=True)
        )
        for row in rows:
            row.subscriber.has_account = row.subscriber.email_normalised in known

    def recipient(self, row: Delivery) -> str:
        return row.subscriber.email

    def message(self, group: Announcement, row: Delivery):
        if not row.subscriber.is_eligible:  # unsubscribed or bounced since the dispatch
            return None
        return announcement_message(group, row.subscriber)


ANNOUNCEMENTS = register(AnnouncementChannel())
