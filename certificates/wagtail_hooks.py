"""Wagtail admin: the certificates list (filters, search, verification link), revoke and
restore with a reason, a panel on the learner page and the "certified" funnel stage.

Certificates are read-only as a form, superusers too: every change goes through
`services.py`. Revoking or restoring takes the enrolment's manage permission (the same
people who revoke or restore access); the list needs `view_certificate` (instructors get it
by migration 0002).
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.admin import (
    PersonalDataExportMixin,
    ReadOnlyPermissionPolicy,
    ReasonedStatusChange,
    reasoned_status_change,
)
from courses.models import CoursePage
from enrollments.admin_learners import (
    FUNNEL_STAGES_HOOK,
    LEARNER_PANELS_HOOK,
    MANAGE_PERMISSION,
    FunnelStage,
)

from . import services
from .models import Certificate
from .pdf import verification_url

register_permission_policy(Certificate, ReadOnlyPermissionPolicy(Certificate))


def status_label(certificate: Certificate) -> str:
    return str(_("valid") if certificate.is_valid else _("revoked"))


def inspect_url(certificate: Certificate) -> str:
    return reverse("certificate_admin:inspect", args=[certificate.pk])


class CertificateFilterSet(WagtailFilterSet):
    course = ModelChoiceFilter(
        label=_("course"),
        field_name="enrollment__course",
        queryset=CoursePage.objects.order_by("title"),
    )
    status = ChoiceFilter(
        label=_("status"),
        choices=[("valid", _("valid")), ("revoked", _("revoked"))],
        empty_label=_("All"),
        method="filter_status",
    )
    issued_at = DateFromToRangeFilter(label=_("issued at"), widget=DateRangePickerWidget)

    class Meta:
        model = Certificate
        fields = ["course", "status", "issued_at"]

    def filter_status(self, queryset, name, value):
        if value == "valid":
            return queryset.filter(revoked_at__isnull=True)
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


class CertificateIndexView(PersonalDataExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("enrollment__user")


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            certificate=self.object,
            verification_url=verification_url(self.object),
            can_manage=self.request.user.has_perm(MANAGE_PERMISSION),
        )
        return context


STATUS_CHANGE = ReasonedStatusChange(
    model=Certificate,
    permission=MANAGE_PERMISSION,
    revoke=lambda certificate, reason: services.certificate_revoke(
        certificate=certificate, reason=reason
    ),
    restore=lambda certificate, reason: services.certificate_restore(
        certificate=certificate, reason=reason
    ),
    revoked_message=_("Certificate revoked. The verification page now says so."),
    restored_message=_("Certificate valid again."),
    unchanged_message=_("Nothing changed: the certificate was already like that."),
    back_url=inspect_url,
)


def change_status(request, pk: int):
    """POST: an instructor revokes or restores a certificate, with a reason."""
    return reasoned_status_change(request, pk, STATUS_CHANGE)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    inspect_view_class = CertificateInspectView
    copy_view_enabled = False
    ordering = ["-issued_at"]
    form_fields = ["revoked_reason"]  # required by ModelViewSet; editing is never permitted
    search_fields = ["learner_name", "code", "course_title", "enrollment__user__email"]
    filterset_class = CertificateFilterSet
    list_per_page = 50
    list_display = [
        TitleColumn(
            "learner_name",
            label=capfirst(_("name on the certificate")),
            get_url=inspect_url,
        ),
        Column("course_title", label=capfirst(_("course"))),
        Column("code", label=capfirst(_("verification code"))),
        DateColumn("issued_at", label=capfirst(_("issued at"))),
        Column("status", accessor=status_label, label=capfirst(_("status"))),
        DateColumn("revoked_at", label=capfirst(_("revoked at"))),
    ]
    list_export = [
        "learner_name",
        "enrollment.user.email",
        "course_title",
        "code",
        "issued_at",
        "version",
        "reissued_at",
        "revoked_at",
        "revoked_reason",
    ]
    export_headings = {"enrollment.user.email": _("e-mail address")}
    export_filename = "certificates"

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/status/", change_status, name="status")]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificate_admin")


@hooks.register(LEARNER_PANELS_HOOK)
def learner_certificate_panel(*, enrollment, request):
    certificate = Certificate.objects.filter(enrollment=enrollment).first()
    if certificate is None:
        return None
    return {
        "title": _("Certificate"),
        "template": "certificates/admin/learner_panel.html",
        "context": {
            "certificate": certificate,
            "inspect_url": inspect_url(certificate),
            "verification_url": verification_url(certificate),
        },
    }


@hooks.register(FUNNEL_STAGES_HOOK)
def certified_stage(*, course, since, until) -> list[FunnelStage]:
    """Of the learners who enrolled in the period, how many hold a valid certificate: one
    COUNT query."""
    certificates = Certificate.objects.filter(enrollment__course=course, revoked_at__isnull=True)
    if since is not None:
        certificates = certificates.filter(enrollment__created_at__gte=since)
    if until is not None:
        certificates = certificates.filter(enrollment__created_at__lt=until)
    return [FunnelStage(90, _("Certified"), certificates.count())]
