"""Pieces the apps' Wagtail admin screens share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from .times import EMPTY, academy_datetime

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


class ExportButtonsMixin:
    """For a Wagtail view with `SpreadsheetExportMixin` (every ModelViewSet's IndexView): the
    CSV and Excel downloads as buttons in the header, where an instructor sees them, instead
    of under the "⋯" actions menu where Wagtail puts them. Same URLs (the current filters
    included), same permission rule (`show_export_buttons`)."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.show_export_buttons:
            buttons += [
                HeaderButton(
                    "CSV",
                    url=self.csv_export_url,
                    icon_name="download",
                    attrs={"data-export": "csv", "aria-label": _("Download CSV")},
                    priority=1100,
                ),
                HeaderButton(
                    "Excel",
                    url=self.xlsx_export_url,
                    icon_name="download",
                    attrs={"data-export": "xlsx", "aria-label": _("Download Excel")},
                    priority=1110,
                ),
            ]
        return buttons

    @cached_property
    def header_more_buttons(self):
        exports = {self.csv_export_url, self.xlsx_export_url}
        return [b for b in super().header_more_buttons if getattr(b, "url", None) not in exports]


class AcademyTimeColumn(Column):
    """A date and time in the academy's zone with the zone shown ("21:37 CET"), and "—"
    when there is none (Wagtail's DateColumn says "2 hours ago" in the viewer's zone)."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        raw = context["raw_value"]
        context["value"] = academy_datetime(raw) if raw else EMPTY
        return context


def field_label(model, name: str):
    """A model field's verbose name in sentence case, as a column header (lazy)."""
    return capfirst(model._meta.get_field(name).verbose_name)


def time_column(model, name: str, label=None) -> AcademyTimeColumn:
    """A sortable AcademyTimeColumn for a model's date-time field."""
    return AcademyTimeColumn(name, label=label or field_label(model, name), sort_key=name)


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users who hold `permission` (set it in a subclass, or make
    one with `permission_menu_item`): for a ViewSet of our own, whose view checks the same
    permission, so nobody is shown a link that answers 403."""

    permission: str = ""

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


def permission_menu_item(permission: str) -> type[PermissionMenuItem]:
    """A `PermissionMenuItem` class for `permission`, as a ViewSet's `menu_item_class`
    (Wagtail instantiates that class itself, so the permission travels on the class)."""
    return type("PermissionMenuItem", (PermissionMenuItem,), {"permission": permission})


# --- Revoke or restore, with a reason ------------------------------------------------------------


class ReasonedStatusForm(forms.Form):
    """The POST of a revoke/restore form: which of the two, and why. The reason is required
    (and stripped): a revocation nobody can explain later helps neither the learner nor the
    next instructor."""

    action = forms.ChoiceField(choices=[("revoke", "revoke"), ("restore", "restore")])
    reason = forms.CharField(label=_("Reason"), max_length=200)


@dataclass(frozen=True)
class ReasonedStatusChange:
    """What differs between the screens that revoke and restore something with a reason:
    the model, who may, the two services (each takes the object and the reason and returns
    whether anything changed), what to say afterwards and where to go back to."""

    model: type[Model]
    permission: str
    revoke: Callable[[Any, str], bool]
    restore: Callable[[Any, str], bool]
    revoked_message: str
    restored_message: str
    unchanged_message: str
    back_url: Callable[[Any], str]


def reasoned_status_change(
    request: HttpRequest, pk: int, change: ReasonedStatusChange
) -> HttpResponse:
    """The view behind a revoke/restore form (POST only): checks the permission before it
    looks the object up (so nobody without it learns which ids exist), refuses an empty
    reason with "Give a reason." and changes nothing then, else calls the service and says
    what happened. Always redirects back to the object's page."""
    if request.method != "POST" or not request.user.has_perm(change.permission):
        raise PermissionDenied
    obj = get_object_or_404(change.model, pk=pk)
    form = ReasonedStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
        return redirect(change.back_url(obj))
    reason = form.cleaned_data["reason"]
    if form.cleaned_data["action"] == "revoke":
        done, text = change.revoke(obj, reason), change.revoked_message
    else:
        done, text = change.restore(obj, reason), change.restored_message
    if done:
        messages.success(request, text)
    else:
        messages.info(request, change.unchanged_message)
    return redirect(change.back_url(obj))
