"""Permissions of core in the admin's group editor."""

from django.contrib.auth.models import Permission
from wagtail import hooks


@hooks.register("register_permissions")
def register_personal_data_permission():
    # Shown under "Other permissions" when editing a group, so an academy can revoke it.
    return Permission.objects.filter(
        content_type__app_label="core", codename="export_personal_data"
    )
