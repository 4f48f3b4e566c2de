"""Wagtail admin screens: quizzes (registered from wagtail_hooks.py).

"Quiz results" lists every quiz the user may edit with its attempts, pass rate and average
score; a quiz's own screen adds, per question, the share of correct answers, counted from the
attempts' snapshots by question id. Shown to anyone who may edit the quiz's page, such as the
"Instructors" group, and to superusers.
"""

from __future__ import annotations

from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import QuizPage

from .quizzes import quiz_stats


def editable_quizzes(user):
    """The quizzes `user` may edit, in tree order."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return QuizPage.objects.filter(pk__in=pages.values("pk")).order_by("path")


class QuizResultsIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrollments/admin/quiz_results_index.html"
    page_title = _("Quiz results")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            {"quiz": quiz, "module": quiz.get_parent(), "stats": quiz_stats(quiz)}
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
        return context


class QuizResultsMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or editable_quizzes(user).exists()


@hooks.register("register_admin_urls")
def register_quiz_results_urls():
    urls = [
        path("", QuizResultsIndexView.as_view(), name="index"),
        path("<int:pk>/", QuizResultsDetailView.as_view(), name="detail"),
    ]
    return [path("quiz-results/", (urls, "quiz_results", "quiz_results"))]


@hooks.register("register_reports_menu_item")
def register_quiz_results_menu_item():
    return QuizResultsMenuItem(
        _("Quiz results"), reverse_lazy("quiz_results:index"), icon_name="help", order=900
    )
