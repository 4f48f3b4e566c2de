"""Outreach's topic of mail a learner may refuse (delivery.topics)."""

from django.utils.translation import gettext_lazy as _

from delivery.topics import Topic, register

REMINDERS = register(
    Topic(
        key="reminders",
        label=_("Reminders"),
        help_text=_("A nudge with your next step when you have not opened a course for a while."),
        order=20,
    )
).key
