"""The waitlist in the Wagtail admin: subscribers (search, filters, CSV, delete), the launch
announcement (edit, progress, send yourself a test) and counts on the dashboard."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin import ExportButtonsMixin, PersonalDataExportMixin, field_label, time_column
from enrollments.admin_learners import FUNNEL_STAGES_HOOK, FunnelStage
from enrollments.views import DASHBOARD_OFFERS_HOOK

from . import services
from .models import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    Announcement,
    AnnouncementQuerySet,
    Delivery,
    Subscriber,
)
from .selectors import waitlist_funnel

#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Names come from a public form: `=HYPERLINK(...)` must stay text when the CSV is
    opened in Excel. A leading single quote makes it text, as OWASP advises."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


class SubscriberFilterSet(WagtailFilterSet):
    confirmed = django_filters.BooleanFilter(
        label=gettext_lazy("Confirmed"),
        field_name="confirmed_at",
        lookup_expr="isnull",
        exclude=True,
    )
    unsubscribed = django_filters.BooleanFilter(
        label=gettext_lazy("Unsubscribed"),
        field_name="unsubscribed_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = Subscriber
        fields = ["course", "language"]


class SubscriberIndexView(ExportButtonsMixin, PersonalDataExportMixin, IndexView):
    def preprocess_field_value(self, field: str, value: object, export_format: str) -> object:
        value = super().preprocess_field_value(field, value, export_format)
        # XLSX needs nothing: Wagtail already stores formula-like text there as text.
        if export_format == self.FORMAT_CSV:
            value = neutralise_formula(value)
        return value


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    index_view_class = SubscriberIndexView
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    add_to_admin_menu = False
    search_fields = ["name", "email"]
    search_backend_name = None  # plain QuerySet search: no index to keep in step
    filterset_class = SubscriberFilterSet
    list_display = [
        "name",
        "email",
        "course",
        "language",
        time_column(Subscriber, "created_at"),
        time_column(Subscriber, "confirmed_at"),
        time_column(Subscriber, "unsubscribed_at"),
        "suppressed_reason",
    ]
    list_export = [
        "name",
        "email",
        "course",
        "language",
        "created_at",
        "consent_at",
        "consent_version",
        "confirmed_at",
        "unsubscribed_at",
        "suppressed_at",
        "suppressed_reason",
    ]
    export_filename = "waitlist"
    ordering = "-created_at"
    # Instructors may correct a name or unsubscribe someone; signing up is for the person.
    form_fields = ["name", "unsubscribed_at"]
    copy_view_enabled = False
    inspect_view_enabled = True


class SendTestColumn(Column):
    cell_template_name = "waitlist/admin/send_test_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["url"] = reverse("waitlist_admin_send_test", args=[instance.pk])
        return context


class AnnouncementIndexView(IndexView):
    def get_base_queryset(self) -> AnnouncementQuerySet:
        # The progress columns read these annotations. A ModelViewSet does not hand a
        # `queryset` attribute on to its views, so the listing's query is set here.
        return super().get_base_queryset().select_related("course").with_progress()


class AnnouncementViewSet(ModelViewSet):
    model = Announcement
    index_view_class = AnnouncementIndexView
    icon = "mail"
    menu_label = gettext_lazy("Announcements")
    add_to_admin_menu = False
    # The standard text as placeholder: an empty field sends it, in each subscriber's
    # language, and the instructor sees what that says (in their own).
    panels = [
        FieldPanel("course"),
        FieldPanel("subject", widget=forms.TextInput(attrs={"placeholder": DEFAULT_SUBJECT})),
        FieldPanel("body", widget=forms.Textarea(attrs={"placeholder": DEFAULT_BODY, "rows": 12})),
    ]
    copy_view_enabled = False
    list_display = [
        "course",
        # An empty subject sends the standard one: show that (in the admin's language).
        Column(
            "subject",
            accessor="subject_text",
            label=field_label(Announcement, "subject"),
            sort_key="subject",
        ),
        Column("sent_count", label=gettext_lazy("Sent")),
        Column("pending_count", label=gettext_lazy("Pending")),
        Column("failed_count", label=gettext_lazy("Failed")),
        time_column(Announcement, "dispatched_at"),
        SendTestColumn("send_test", label=gettext_lazy("Test")),
    ]


class WaitlistGroup(ViewSetGroup):
    menu_label = gettext_lazy("Waitlist")
    menu_icon = "group"
    menu_order = 250
    items = (
        SubscriberViewSet("waitlist_subscribers"),
        AnnouncementViewSet("waitlist_announcements"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return WaitlistGroup()


@require_POST
@permission_required("waitlist.change_announcement", raise_exception=True)
def send_test(request, pk: int):
    announcement = get_object_or_404(Announcement.objects.select_related("course"), pk=pk)
    user = request.user
    if not user.email:
        messages.error(request, _("Your account has no e-mail address to send the test to."))
    else:
        services.announcement_send_test(
            announcement=announcement,
            to=user.email,
            name=user.get_full_name() or user.get_username(),
            language=getattr(request, "LANGUAGE_CODE", "nl"),
        )
        messages.success(request, _("Test sent to %(email)s.") % {"email": user.email})
    return redirect("waitlist_announcements:index")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "waitlist/announcement/<int:pk>/send-test/", send_test, name="waitlist_admin_send_test"
        ),
    ]


class WaitlistSummaryItem(SummaryItem):
    order = 400
    template_name = "waitlist/admin/summary_item.html"

    def get_context_data(self, parent_context):
        counts = {
            "confirmed": Subscriber.objects.eligible().count(),
            "unconfirmed": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
            "pending": Delivery.objects.filter(status=Delivery.Status.PENDING).count(),
            "url": reverse("waitlist_subscribers:index"),
        }
        return counts

    def is_shown(self):
        return self.request.user.has_perm("waitlist.view_subscriber")


@hooks.register(DASHBOARD_OFFERS_HOOK)
def waitlisted_courses(*, user, enrolled=frozenset()):
    """From waitlist to learner: courses this learner's address confirmed a place on, now
    open, offered on their dashboard (enrol or buy there)."""
    return services.waitlisted_courses_open_for(user=user, exclude=enrolled)


@hooks.register("construct_homepage_summary_items")
def add_waitlist_summary(request, items):
    items.append(WaitlistSummaryItem(request))


# --- The course funnel's first stages -----------------------------------------------------------


@hooks.register(FUNNEL_STAGES_HOOK)
def waitlist_stages(*, course, since, until) -> list[FunnelStage]:
    counts = waitlist_funnel(course=course, since=since, until=until)
    return [
        FunnelStage(10, _("Joined the waitlist"), counts["signups"]),
        FunnelStage(20, _("Confirmed their address"), counts["confirmed"]),
        FunnelStage(30, _("Told of the launch"), counts["announced"]),
        FunnelStage(40, _("Made an account"), counts["accounts"]),
    ]
