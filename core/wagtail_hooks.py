"""Permissions of core in the admin's group editor, and the academy's admin stylesheet."""

from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("register_permissions")
def register_personal_data_permission():
    # Shown under "Other permissions" when editing a group, so an academy can revoke it.
    return Permission.objects.filter(
        content_type__app_label="core", codename="export_personal_data"
    )


@hooks.register("insert_global_admin_css")
def academy_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
