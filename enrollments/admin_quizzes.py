"""Wagtail admin screens: quiz results and the gradebook (registered from wagtail_hooks.py).

Under Reports:

- **Quiz results** lists every quiz the user may edit with its attempts, learners, pass rate
  (per learner) and average score; a quiz's own screen adds, per question, the share of
  correct answers and the discrimination index (`quiz_stats`), so weak questions show up.
  Shown to anyone who may edit the quiz's page, such as the "Instructors" group.
- **Gradebook**: per course, a table of learners by quizzes (best score, attempts, passed, last
  attempt), with filters and an export (XLSX, CSV; one line per learner and quiz); a row
  opens the learner page (admin_learners), whose attempts open an attempt's detail here
  (what was asked, answered and correct).
  Learners' results are personal: shown to who may see enrolments (`view_enrollment`) and
  edit the course.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from core.admin import ExportButtonsMixin
from courses.models import QuizPage

from .models import Enrollment, QuizAttempt
from .quiz_stats import (
    GradebookFilter,
    course_quizzes,
    editable_quizzes,
    gradebook_cells,
    gradebook_courses,
    gradebook_enrollments,
    gradebook_export_rows,
    quiz_stats,
    quiz_totals,
)
from .quizzes import attempt_results, grouped_by_case

# --- Quiz results -----------------------------------------------------------------------------


class QuizResultsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrollments/admin/quiz_results_index.html"
    page_title = _("Quiz results")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            {"quiz": quiz, "module": quiz.get_parent(), "stats": quiz_totals(quiz)}
            for quiz in editable_quizzes(self.request.user)
        ]
        return context


class QuizResultsDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrollments/admin/quiz_results_detail.html"
    page_title = _("Quiz results")
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        self.quiz = QuizPage.objects.filter(pk=kwargs["pk"]).first()
        if self.quiz is None or not self.quiz.permissions_for_user(request.user).can_edit():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quiz_results:index"), "label": self.page_title},
            {"url": "", "label": self.quiz.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = self.quiz
        context["stats"] = quiz_stats(self.quiz)
        context["course"] = self.quiz.course
        context["gradebook"] = (
            self.quiz.course
            and gradebook_courses(self.request.user).filter(pk=self.quiz.course.pk).exists()
        )
        return context


class QuizResultsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or editable_quizzes(user).exists()


# --- Gradebook --------------------------------------------------------------------------------


class GradebookFilterForm(forms.Form):
    course = forms.ModelChoiceField(queryset=None, label=_("Course"), empty_label=None)
    q = forms.CharField(label=_("Learner"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Enrolment"),
        required=False,
        choices=[("", _("All")), *Enrollment.Status.choices],
    )
    result = forms.ChoiceField(
        label=_("Required quizzes"),
        required=False,
        choices=[
            (GradebookFilter.ALL, _("All")),
            (GradebookFilter.PASSED, _("all passed")),
            (GradebookFilter.NOT_PASSED, _("not all passed yet")),
            (GradebookFilter.NO_ATTEMPTS, _("no attempt yet")),
        ],
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses


class GradebookView(
    ExportButtonsMixin, SpreadsheetExportMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "enrollments/admin/gradebook.html"
    page_title = _("Gradebook")
    header_icon = "table"
    per_page = 50
    export_filename = "gradebook"
    list_export = [
        "first_name",
        "last_name",
        "email",
        "enrollment_status",
        "module",
        "quiz",
        "required",
        "final_test",
        "attempts",
        "best_score",
        "passed",
        "last_attempt_at",
    ]
    export_headings = {
        "first_name": capfirst(_("first name")),
        "last_name": capfirst(_("last name")),
        "email": capfirst(_("e-mail address")),
        "enrollment_status": capfirst(_("enrolment")),
        "module": capfirst(_("module")),
        "quiz": capfirst(_("quiz")),
        "required": capfirst(_("required")),
        "final_test": capfirst(_("final test")),
        "attempts": capfirst(_("attempts")),
        "best_score": capfirst(_("best score (%)")),
        "passed": capfirst(_("passed")),
        "last_attempt_at": capfirst(_("last attempt")),
    }
    # Times in the academy's clock (TIME_ZONE), as the table shows them, not in UTC.
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_XLSX: timezone.make_naive,
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: timezone.localtime(value).strftime(
                "%Y-%m-%d %H:%M"
            ),
        },
    }

    def dispatch(self, request, *args, **kwargs):
        self.courses = gradebook_courses(request.user)
        if not self.courses.exists():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filters(self) -> GradebookFilterForm:
        data = self.request.GET.copy()
        data.setdefault("course", str(self.courses.first().pk))
        form = GradebookFilterForm(data, courses=self.courses)
        form.is_valid()
        return form

    @cached_property
    def course(self):
        return self.filters.cleaned_data.get("course") or self.courses.first()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_page_subtitle(self):
        return self.course.title

    def enrollments(self):
        data = self.filters.cleaned_data
        return gradebook_enrollments(
            course=self.course,
            search=data.get("q") or "",
            status=data.get("status") or "",
            result=data.get("result") or "",
        )

    def get(self, request, *args, **kwargs):
        if self.is_export:
            quizzes = course_quizzes(self.course)
            rows = gradebook_cells(quizzes=quizzes, enrollments=list(self.enrollments()))
            export = gradebook_export_rows(quizzes=quizzes, rows=rows)
            return self.as_spreadsheet(export, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_filename(self):
        return f"{self.export_filename}-{self.course.slug}"

    def write_csv_response(self, queryset):
        """The whole file at once, written here: a streamed one is read after the view has
        returned, when the headings would no longer be in the user's language. It starts
        with a byte-order mark, so that Excel reads the UTF-8 names right."""
        response = HttpResponse(
            "\ufeff".encode() + b"".join(self.stream_csv(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quizzes = course_quizzes(self.course)
        page = Paginator(self.enrollments(), self.per_page).get_page(self.request.GET.get("p"))
        context.update(
            course=self.course,
            filters=self.filters,
            quizzes=quizzes,
            rows=gradebook_cells(quizzes=quizzes, enrollments=list(page.object_list)),
            page_obj=page,
            query_without_page=self._query_without_page(),
        )
        return context

    def _query_without_page(self) -> str:
        params = self.request.GET.copy()
        params.pop("p", None)
        params.pop("export", None)
        return params.urlencode()


class AttemptDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One attempt as the learner took it: what was asked, answered and correct, and the
    explanations (instructors see everything, whatever the quiz's review options)."""

    template_name = "enrollments/admin/gradebook_attempt.html"
    page_title = _("Quiz attempt")
    header_icon = "help"

    def dispatch(self, request, *args, **kwargs):
        self.attempt = get_object_or_404(
            QuizAttempt.objects.select_related("quiz", "enrollment__user", "enrollment__course"),
            pk=kwargs["attempt_id"],
        )
        self.enrollment = self.attempt.enrollment
        if not gradebook_courses(request.user).filter(pk=self.enrollment.course_id).exists():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @property
    def learner_label(self) -> str:
        user = self.enrollment.user
        name = user.get_full_name()
        return f"{name} ({user.email})" if name else user.email

    def get_page_subtitle(self):
        return f"{self.attempt.quiz.title} · {self.learner_label}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("gradebook:index") + f"?course={self.enrollment.course_id}",
                "label": _("Gradebook"),
            },
            {
                "url": reverse("enrolments:inspect", args=[self.enrollment.pk]),
                "label": self.learner_label,
            },
            {"url": "", "label": self.attempt.quiz.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = attempt_results(self.attempt)  # the full review
        context.update(
            enrollment=self.enrollment,
            attempt=self.attempt,
            result_groups=grouped_by_case(results, lambda result: result),
        )
        return context


class GradebookMenuItem(MenuItem):
    def is_shown(self, request):
        return gradebook_courses(request.user).exists()


# --- Registration ------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_quiz_results_urls():
    quiz_results = [
        path("", QuizResultsIndexView.as_view(), name="index"),
        path("<int:pk>/", QuizResultsDetailView.as_view(), name="detail"),
    ]
    gradebook = [
        path("", GradebookView.as_view(), name="index"),
        path("attempt/<int:attempt_id>/", AttemptDetailView.as_view(), name="attempt"),
    ]
    return [
        path("quiz-results/", (quiz_results, "quiz_results", "quiz_results")),
        path("gradebook/", (gradebook, "gradebook", "gradebook")),
    ]


@hooks.register("register_reports_menu_item")
def register_quiz_results_menu_item():
    return QuizResultsMenuItem(
        _("Quiz results"), reverse_lazy("quiz_results:index"), icon_name="help", order=900
    )


@hooks.register("register_reports_menu_item")
def register_gradebook_menu_item():
    return GradebookMenuItem(
        _("Gradebook"), reverse_lazy("gradebook:index"), icon_name="table", order=901
    )
