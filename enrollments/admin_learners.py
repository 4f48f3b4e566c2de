"""Wagtail admin screens: learners (registered from wagtail_hooks.py).

Under "Learners" in the admin menu:

- **Enrolments**: every enrolment with the learner's progress, filterable by course, status
  and completion, exported as CSV or Excel. Read-only as a form, superusers too: every
  change to an enrolment goes through `services.py`.
- **The learner page** (an enrolment's own screen): who, which course, status with dates and
  reason, progress per pillar and module, each step done or not with its date, the quiz
  attempts, and actions: revoke or restore access with a reason (`manage_enrollment`).
  Other apps add panels to it through the `LEARNER_PANELS_HOOK` (orders and the welcome
  mail, the plan, the certificate, mails sent), so this app imports none of them.
- **Lesson funnel**: per step of a course, how many enrolled learners finished it, one bar
  per step.

The "Instructors" group sees both through the `view_enrollment` permission (migration
0004_instructors_learner_permissions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.coreutils import multigetattr
from wagtail.permissions import register_permission_policy

from core.admin import (
    BreadcrumbTitleMixin,
    ExportButtonsMixin,
    PersonalDataExportMixin,
    ReadOnlyPermissionPolicy,
    ReasonedStatusChange,
    permission_menu_item,
    reasoned_status_change,
    time_column,
)
from courses.models import CoursePage
from courses.outline import course_outline

from . import services
from .models import Enrollment, StepProgress
from .selectors import (
    LearnerProgress,
    course_funnel,
    enrolment_funnel,
    learner_progress,
    learner_record,
    percent,
)

VIEW_PERMISSION = "enrollments.view_enrollment"
MANAGE_PERMISSION = "enrollments.manage_enrollment"

#: Wagtail hook for panels on the learner page: `fn(enrollment=, request=)` returns None or
#: a dict with "title", "template" and "context" (rendered inside the page).
LEARNER_PANELS_HOOK = "enrollments_learner_panels"

register_permission_policy(Enrollment, ReadOnlyPermissionPolicy(Enrollment))


# --- Enrolments ---------------------------------------------------------------------------------


def enrollment_progress(enrollment: Enrollment) -> LearnerProgress:
    """Progress over the course's current outline (progress rows are prefetched)."""
    cached = getattr(enrollment, "_learner_progress", None)
    if cached is None:
        cached = learner_progress(
            outline=course_outline(enrollment.course),
            done_ids={p.page_id for p in enrollment.progress.all()},
            completed_at=enrollment.completed_at,
        )
        enrollment._learner_progress = cached
    return cached


def progress_label(enrollment: Enrollment) -> str:
    progress = enrollment_progress(enrollment)
    return f"{progress.percent} % ({progress.done}/{progress.total})"


def learner_label(enrollment: Enrollment) -> str:
    """Name and address: instructors know their learners by name."""
    name = enrollment.user.get_full_name()
    return f"{name} ({enrollment.user.email})" if name else enrollment.user.email


def inspect_url(enrollment: Enrollment) -> str:
    return reverse("enrolments:inspect", args=[enrollment.pk])


def last_step_title(enrollment: Enrollment) -> str:
    return enrollment.last_step.title if enrollment.last_step_id else ""


COMPUTED_EXPORT_FIELDS = {
    "progress_percent": lambda e: enrollment_progress(e).percent,
    "steps_done": lambda e: enrollment_progress(e).done,
    "steps_total": lambda e: enrollment_progress(e).total,
    "last_step_title": last_step_title,
}


class EnrollmentFilterSet(WagtailFilterSet):
    course = ModelChoiceFilter(label=_("course"), queryset=CoursePage.objects.order_by("title"))
    status = ChoiceFilter(
        label=_("status"), choices=Enrollment.Status.choices, empty_label=_("All")
    )
    completed = ChoiceFilter(
        label=_("completed"),
        choices=[("yes", _("completed")), ("no", _("not completed"))],
        empty_label=_("All"),
        method="filter_completed",
    )

    class Meta:
        model = Enrollment
        fields = ["course", "status", "completed"]

    def filter_completed(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(completed_at__isnull=False)
        if value == "no":
            return queryset.filter(completed_at__isnull=True)
        return queryset


class EnrollmentIndexView(ExportButtonsMixin, PersonalDataExportMixin, IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user", "course", "last_step")
            .prefetch_related(
                Prefetch("progress", queryset=StepProgress.objects.only("enrollment_id", "page_id"))
            )
        )

    def to_row_dict(self, item):
        return {
            field: (
                COMPUTED_EXPORT_FIELDS[field](item)
                if field in COMPUTED_EXPORT_FIELDS
                else multigetattr(item, field)
            )
            for field in self.list_export
        }


class LearnerPageView(InspectView):
    """An enrolment's own screen: the learner's story in the course."""

    template_name = "enrollments/admin/learner_page.html"
    page_title = _("Learner")

    def get_page_subtitle(self):
        return learner_label(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrollment = self.object
        panels = []
        for fn in hooks.get_hooks(LEARNER_PANELS_HOOK):
            panel = fn(enrollment=enrollment, request=self.request)
            if panel:
                panels.append(panel)
        context.update(
            record=learner_record(enrollment=enrollment),
            panels=panels,
            can_manage=self.request.user.has_perm(MANAGE_PERMISSION),
        )
        return context


ACCESS_CHANGE = ReasonedStatusChange(
    model=Enrollment,
    permission=MANAGE_PERMISSION,
    revoke=lambda enrollment, reason: services.enrollment_revoke(
        enrollment=enrollment, reason=reason
    ),
    restore=lambda enrollment, reason: services.enrollment_restore(
        enrollment=enrollment, reason=reason
    ),
    revoked_message=_("Access revoked. The learner's progress is kept."),
    restored_message=_("Access restored, with the progress the learner had."),
    unchanged_message=_("Nothing changed: the access was already like that."),
    back_url=inspect_url,
)


def change_access(request, pk: int):
    """POST: revoke or restore an enrolment's access, with a reason (required, as for a
    certificate: the learner page shows it to the next instructor)."""
    return reasoned_status_change(request, pk, ACCESS_CHANGE)


class EnrollmentViewSet(ModelViewSet):
    model = Enrollment
    icon = "group"
    menu_label = _("Enrolments")
    index_view_class = EnrollmentIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LearnerPageView
    ordering = ["-created_at"]
    form_fields = ["status"]  # required by ModelViewSet; editing is never permitted
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    filterset_class = EnrollmentFilterSet
    list_per_page = 50
    # The learner links to the enrolment's details (read-only: there is no edit view).
    list_display = [
        TitleColumn(
            "learner", accessor=learner_label, label=capfirst(_("learner")), get_url=inspect_url
        ),
        Column("course", label=capfirst(_("course"))),
        Column("status", accessor="get_status_display", label=capfirst(_("status"))),
        Column("progress", accessor=progress_label, label=capfirst(_("progress"))),
        time_column(Enrollment, "created_at", label=capfirst(_("enrolled at"))),
        time_column(Enrollment, "completed_at", label=capfirst(_("completed at"))),
        Column(
            "last_step",
            accessor=COMPUTED_EXPORT_FIELDS["last_step_title"],
            label=capfirst(_("last step opened")),
        ),
    ]
    list_export = [
        "user.email",
        "user.first_name",
        "user.last_name",
        "course.title",
        "get_status_display",
        "get_source_display",
        "created_at",
        "progress_percent",
        "steps_done",
        "steps_total",
        "completed_at",
        "revoked_at",
        "last_step_title",
    ]
    export_headings = {
        "user.email": _("e-mail address"),
        "user.first_name": _("first name"),
        "user.last_name": _("last name"),
        "course.title": _("course"),
        "get_status_display": _("status"),
        "get_source_display": _("source"),
        "progress_percent": _("progress (%)"),
        "steps_done": _("steps done"),
        "steps_total": _("steps required"),
        "last_step_title": _("last step opened"),
    }
    export_filename = "enrolments"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/access/", change_access, name="access"),
        ]


# --- Funnel: from waitlist to certificate, and per lesson ------------------------------------

#: Wagtail hook for stages of the course funnel: `fn(course=, since=, until=)` returns a list
#: of `FunnelStage`. The waitlist adds the stages before enrolling, certificates the last one.
FUNNEL_STAGES_HOOK = "enrollments_funnel_stages"


@dataclass(frozen=True)
class FunnelStage:
    order: int
    label: str
    count: int
    detail: str = ""


@hooks.register(FUNNEL_STAGES_HOOK)
def enrolment_stages(*, course, since, until) -> list[FunnelStage]:
    counts = enrolment_funnel(course=course, since=since, until=until)
    detail = _("free %(free)d · paid %(paid)d · added by staff %(staff)d") % counts
    return [
        FunnelStage(50, _("Enrolled"), counts["enrolled"], detail),
        FunnelStage(60, _("Started (one step done)"), counts["started"]),
        FunnelStage(70, _("Halfway"), counts["halfway"]),
        FunnelStage(80, _("Completed"), counts["completed"]),
    ]


def funnel_stages(*, course, since, until) -> list[dict]:
    """Every app's stages in order, each with its share of the stage before it."""
    stages = sorted(
        (
            stage
            for fn in hooks.get_hooks(FUNNEL_STAGES_HOOK)
            for stage in fn(course=course, since=since, until=until)
        ),
        key=lambda stage: stage.order,
    )
    rows, previous = [], None
    for stage in stages:
        share = percent(stage.count, previous) if previous else None
        rows.append({"stage": stage, "share": share})
        previous = stage.count
    return rows


class FunnelPeriodForm(forms.Form):
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    until = forms.DateField(
        label=_("Up to and including"), required=False, widget=forms.DateInput({"type": "date"})
    )


def _local_midnight(day):
    """The start of `day` in the academy's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


class CourseReportView(BreadcrumbTitleMixin, WagtailAdminTemplateMixin, TemplateView):
    """An instructor's report on one course at a time (the funnel here, the plans overview in
    `plans`): it needs `view_enrollment`, and puts `courses` (in tree order) and the chosen
    `course` in the context: the one `?course=<id>` names, else the first (None when there
    are no courses)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        courses = list(CoursePage.objects.order_by("path"))
        selected = None
        course_id = self.request.GET.get("course", "")
        if course_id.isdigit():
            selected = next((c for c in courses if c.pk == int(course_id)), None)
        context.update(courses=courses, course=selected or (courses[0] if courses else None))
        return context


class LessonFunnelView(CourseReportView):
    template_name = "enrollments/admin/funnel.html"
    page_title = _("Funnel")
    header_icon = "list-ol"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selected = context["course"]
        period = FunnelPeriodForm(self.request.GET or None)
        since = until = None
        if period.is_valid():
            first, last = period.cleaned_data["since"], period.cleaned_data["until"]
            since = _local_midnight(first) if first else None
            until = _local_midnight(last + timedelta(days=1)) if last else None
        context.update(
            period=period,
            stages=funnel_stages(course=selected, since=since, until=until) if selected else [],
            funnel=course_funnel(course=selected) if selected else None,
        )
        return context


class LessonFunnelViewSet(ViewSet):
    icon = "list-ol"
    menu_label = _("Funnel")
    menu_item_class = permission_menu_item(VIEW_PERMISSION)

    def get_urlpatterns(self):
        return [path("", LessonFunnelView.as_view(), name="index")]


class LearnersViewSetGroup(ViewSetGroup):
    menu_label = _("Learners")
    menu_icon = "group"
    menu_order = 300
    items = (EnrollmentViewSet("enrolments"), LessonFunnelViewSet("lesson_funnel"))


@hooks.register("register_admin_viewset")
def register_learner_viewsets():
    return LearnersViewSetGroup()
