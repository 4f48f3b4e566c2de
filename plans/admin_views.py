"""Instructors' overview of the plans in a course (Wagtail admin, "MCMT plans" in the menu).

Aggregates only: how many learners started and finished their plan, how many hours a week
they can spend, which channels they chose. Individual answers are never shown here; a
course listed in `settings.PLANS_COACHED_COURSES` shows each learner's plan on their learner
page instead (the learner panel), for academies that coach learners one by one.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from core.admin import permission_menu_item
from enrollments.admin_learners import VIEW_PERMISSION, CourseReportView

from .selectors import course_overview


class PlansOverviewView(CourseReportView):
    template_name = "plans/admin/overview.html"
    page_title = _("MCMT plans")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        selected = context["course"]
        context["overview"] = course_overview(course=selected) if selected else None
        return context


class PlansOverviewViewSet(ViewSet):
    icon = "form"
    menu_label = _("MCMT plans")
    menu_item_class = permission_menu_item(VIEW_PERMISSION)
    add_to_admin_menu = True
    menu_order = 310

    def get_urlpatterns(self):
        return [path("", PlansOverviewView.as_view(), name="index")]


@hooks.register("register_admin_viewset")
def register_plans_overview():
    return PlansOverviewViewSet("plans_overview")
