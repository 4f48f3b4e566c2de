from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WaitlistConfig(AppConfig):
    name = "waitlist"
    verbose_name = _("Waitlist")

    def ready(self) -> None:
        from . import channel, signals  # noqa: F401  (the announcement channel)
