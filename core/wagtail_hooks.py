"""Permissions of core in the admin's group editor, the academy's admin stylesheet, and the
admin API's image and document viewsets that core/wagtail_apps.py defers."""

from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .wagtail_apps import register_admin_api_viewsets


@hooks.register("register_permissions")
def register_personal_data_permission():
    # Shown under "Other permissions" when editing a group, so an academy can revoke it.
    return Permission.objects.filter(
        content_type__app_label="core", codename="export_personal_data"
    )


@hooks.register("insert_global_admin_css")
def academy_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


# After Wagtail's own hooks (order 0), which registered placeholders (core/wagtail_apps.py).
hooks.register("construct_admin_api", register_admin_api_viewsets, order=1)
