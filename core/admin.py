"""Pieces the apps' Wagtail admin screens share."""

from __future__ import annotations

from wagtail.permission_policies import ModelPermissionPolicy


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
