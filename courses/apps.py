from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from lms import auth_backends  # noqa: F401  (connects its cache invalidation)

        from . import signals  # noqa: F401
