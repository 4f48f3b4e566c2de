from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Keeping learners going: instructors' messages to their learners and reminders to
    learners who stopped, both sent by the delivery engine."""

    name = "outreach"
    verbose_name = _("Messages to learners")

    def ready(self) -> None:
        from . import channels, signals  # noqa: F401  (register channels and topics)
