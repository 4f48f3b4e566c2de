from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """The one way to send a message to many people exactly once (see services.py), and
    what every such mail respects: bounced addresses, opt-outs per topic, the recipient's
    language. It knows nothing of waitlists or learners: apps above it register channels
    (how to turn one delivery row into a mail) and topics (kinds of mail one may refuse)."""

    name = "delivery"
    verbose_name = _("Mail delivery")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (bounces, the language of a log-in)
