"""Outreach's registrations: its topic of mail (reminders)."""

from . import mail_topics  # noqa: F401
