"""Pieces the apps' Wagtail admin screens share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.permission_policies import ModelPermissionPolicy

EXPORT_PERSONAL_DATA = "core.export_personal_data"


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view" is ever granted, superusers included: records such as enrolments and
    orders change through their services (and Stripe's webhooks), never through a form."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class BreadcrumbTitleMixin:
    """For admin views of our own (WagtailAdminTemplateMixin): the breadcrumb ends with the
    view's title, so the header names the screen instead of a lone "Home"."""

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]


class PersonalDataExportMixin:
    """For a Wagtail IndexView whose CSV/Excel export holds personal data: the export (and
    its buttons) needs `core.export_personal_data` besides the listing's view permission."""

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not request.user.has_perm(EXPORT_PERSONAL_DATA):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self) -> bool:
        return super().show_export_buttons and self.request.user.has_perm(EXPORT_PERSONAL_DATA)
