from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrollmentsConfig(AppConfig):
    name = "enrollments"
    verbose_name = _("Enrolments")

    def ready(self) -> None:
        from . import mail_topics  # noqa: F401  (register the course news topic)
