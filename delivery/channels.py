"""Channels: how the engine (services.py) turns one delivery row of an app into a mail.

An app that sends one message to many people keeps its own rows (a subclass of
`models.DeliveryRow` with a foreign key to its message, the "group") and registers a
`Channel` for them when it loads. The engine claims, sends, marks and sweeps the rows; the
channel only says which message a group is and what one person's mail looks like.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import models

from .models import DeliveryRow


class Channel:
    #: Unique name, used in task arguments: "<app>.<what>".
    name: str = ""
    #: The app's concrete DeliveryRow model.
    model: type[DeliveryRow]
    #: Name of the foreign key on `model` that groups rows into one send (the message).
    group_field: str = ""
    #: Relations loaded with each claimed batch (what `message` needs of a row).
    select_related: tuple[str, ...] = ()

    def group(self, group_id: int) -> models.Model | None:
        """The message the rows of `group_id` belong to (None: gone, send nothing)."""
        raise NotImplementedError

    def prepare(self, group, rows: list[DeliveryRow]) -> None:
        """Load in bulk what the batch's mails need (one query per batch, not per mail)."""

    def recipient(self, row: DeliveryRow) -> str:
        """The row's e-mail address (checked against suppressed addresses)."""
        raise NotImplementedError

    def message(self, group, row: DeliveryRow) -> EmailMessage | None:
        """The mail for this row, or None to skip the row (no longer eligible)."""
        raise NotImplementedError

    @property
    def group_attname(self) -> str:
        return self.model._meta.get_field(self.group_field).attname


_channels: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    _channels[channel.name] = channel
    return channel


def get(name: str) -> Channel:
    return _channels[name]


def all_channels() -> list[Channel]:
    return list(_channels.values())
