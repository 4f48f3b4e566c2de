"""No tables: core only carries permissions that belong to no single app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalData(models.Model):
    """Holds the permission to export personal data (orders, enrolments, waitlist
    subscribers) from the admin's listings as CSV or Excel. Seeing a listing needs only its
    view permission; taking the data out of the admin needs this one as well. The migration
    `core/0001_personal_data_export_permission` grants it to the Instructors group; an
    academy that does not want that removes it in Settings > Groups ("Other permissions")."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("export_personal_data", _("Can export personal data (orders, enrolments, waitlist)"))
        ]
        verbose_name = _("personal data")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
