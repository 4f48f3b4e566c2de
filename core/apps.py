from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared infrastructure: the cache's owner, the mail module, settings checks.

    The bottom layer: it imports no other app of the project, and every app may import it.
    """

    name = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import caching, checks  # noqa: F401  (connect invalidation; register checks)
