"""Course building in the Wagtail admin: the course in course order, at a glance.

- **Course builder** (menu "Course builder", and a button on every course page in the
  explorer): a course's modules with their lessons and quizzes in course order; per step its
  type, minutes, whether it is required or a free preview and whether it is published (or has
  unpublished changes); buttons to add a lesson or a quiz to a module, to edit each step and to
  reorder a module's steps by dragging (Wagtail's explorer in "sort menu order" mode).
- A new lesson lands before its module's quiz, not after it: the quiz closes a module.
- The explorer lists a course's modules and a module's steps in course order
  (`admin_default_ordering = "ord"` on the page models).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.admin import BreadcrumbTitleMixin

from .models import CoursePage, LessonPage, ModulePage, QuizPage
from .outline import course_outline


def editable_courses(user):
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return CoursePage.objects.filter(pk__in=pages.values("pk")).order_by("path")


# --- A new lesson goes before the module's quiz ---------------------------------------------------


@hooks.register("after_create_page")
def place_new_lesson_before_the_quiz(request, page):
    if not isinstance(page, LessonPage):
        return None
    quiz = (
        QuizPage.objects.sibling_of(page, inclusive=False)
        .filter(path__lt=page.path)
        .order_by("path")
        .first()
    )
    if quiz is not None:
        page.move(quiz, pos="left", user=request.user)
    return None


# --- The builder ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuilderStep:
    page: Page
    kind: str
    minutes: int
    required: bool
    free_preview: bool

    @property
    def status(self) -> str:
        if not self.page.live:
            return "draft"
        return "changed" if self.page.has_unpublished_changes else "live"


@dataclass(frozen=True)
class BuilderModule:
    page: ModulePage
    steps: list[BuilderStep]

    @property
    def published_minutes(self) -> int:
        return sum(step.minutes for step in self.steps if step.page.live)


def course_tree(course: CoursePage) -> list[BuilderModule]:
    """The course as authors see it: drafts included, in course order (three queries)."""
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    steps: dict[str, list[BuilderStep]] = {m.path: [] for m in modules}
    pages = [
        *LessonPage.objects.descendant_of(course).order_by("path"),
        *QuizPage.objects.descendant_of(course).order_by("path"),
    ]
    for page in sorted(pages, key=lambda p: p.path):
        bucket = steps.get(page.path[: -Page.steplen])
        if bucket is None:
            continue
        is_quiz = isinstance(page, QuizPage)
        bucket.append(
            BuilderStep(
                page=page,
                kind="quiz" if is_quiz else "lesson",
                minutes=page.estimated_minutes,
                required=page.required if is_quiz else True,
                free_preview=getattr(page, "free_preview", False),
            )
        )
    return [BuilderModule(module, steps[module.path]) for module in modules]


class CourseBuilderView(BreadcrumbTitleMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/course_builder.html"
    page_title = _("Course builder")
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        courses = editable_courses(request.user)
        chosen = kwargs.get("pk") or request.GET.get("course", "")
        if str(chosen).isdigit():
            self.course = get_object_or_404(CoursePage, pk=int(chosen))
            if not self.course.permissions_for_user(request.user).can_edit():
                raise PermissionDenied
        else:
            self.course = courses.first()
            if self.course is None:
                raise Http404
        self.courses = courses
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outline = course_outline(self.course)
        context.update(
            course=self.course,
            courses=self.courses,
            modules=course_tree(self.course),
            outline=outline,
        )
        return context


class CourseBuilderMenuItem(MenuItem):
    def is_shown(self, request):
        return editable_courses(request.user).exists()


@hooks.register("register_admin_urls")
def register_course_builder_urls():
    urls = [
        path("", CourseBuilderView.as_view(), name="index"),
        path("<int:pk>/", CourseBuilderView.as_view(), name="course"),
    ]
    return [path("course-builder/", (urls, "course_builder", "course_builder"))]


@hooks.register("register_admin_menu_item")
def register_course_builder_menu_item():
    return CourseBuilderMenuItem(
        _("Course builder"), reverse("course_builder:index"), icon_name="list-ol", order=250
    )


class CourseBuilderButton(PageMenuItem):
    label = _("Course builder")
    icon_name = "list-ol"
    priority = 5

    def is_shown(self, user):
        is_course = issubclass(self.page.specific_class or Page, CoursePage)
        return is_course and self.page.permissions_for_user(user).can_edit()

    @property
    def url(self):
        return reverse("course_builder:course", args=[self.page.pk])


def _builder_button(page, user):
    yield CourseBuilderButton(page=page)


@hooks.register("register_page_header_buttons")
def course_builder_header_button(page, user, view_name=None, next_url=None):
    yield from _builder_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def course_builder_listing_button(page, user, next_url=None):
    yield from _builder_button(page, user)
