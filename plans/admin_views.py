"""Instructors' overview of the plans in a course (Wagtail admin, "MCMT plans" in the menu).

Aggregates only: how many learners started and finished their plan, how many hours a week
they can spend, which channels they chose. Individual answers are never shown here; a
course listed in `settings.PLANS_COACHED_COURSES` shows each learner's plan on their learner
page instead (the learner panel), for academies that coach learners one by one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.admin import BreadcrumbTitleMixin, permission_menu_item
from courses.models import CoursePage
from enrollments.admin_learners import VIEW_PERMISSION

from .selectors import course_overview


class PlansOverviewView(BreadcrumbTitleMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "plans/admin/overview.html"
    page_title = _("MCMT plans")
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        courses = list(CoursePage.objects.order_by("path"))
        course_id = self.request.GET.get("course", "")
        selected = None
        if course_id.isdigit():
            selected = next((c for c in courses if c.pk == int(course_id)), None)
        selected = selected or (courses[0] if courses else None)
        context.update(
            courses=courses,
            course=selected,
            overview=course_overview(course=selected) if selected else None,
        )
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
