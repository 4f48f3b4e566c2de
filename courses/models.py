"""Wagtail pages for the course tree: home → course → module (one MCMT pillar) → lesson."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from .blocks import LessonBodyBlock


class Pillar(models.TextChoices):
    """The MCMT model: three pillars and the limiting factor, in course order."""

    PEOPLE = "people", _("People")
    CONTENT = "content", _("Content")
    MEANS = "means", _("Means")
    TIME = "time", _("Time")


PILLAR_ORDER = [p.value for p in Pillar]


class HomePage(Page):
    """The academy's front page: lists its courses."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().specific()
        return context


class CoursePage(Page):
    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("What the course is about and who it is for. Shown at the top of the page."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    price = models.DecimalField(
        _("price (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Price including VAT, in euros. 0 makes the course free."),
    )
    launch_at = models.DateTimeField(
        _("launch date and time"),
        null=True,
        blank=True,
        help_text=_(
            "Until this moment the page invites visitors to the waitlist and the lessons are "
            "closed. At this moment the lessons open and everyone on the waitlist is told, "
            "automatically. Leave empty to launch as soon as the page is published."
        ),
    )
    what_you_will_learn = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), max_length=200))],
        verbose_name=_("what you will learn"),
        blank=True,
        help_text=_("Short outcomes, one per line, starting with a verb."),
    )
    instructor_name = models.CharField(_("instructor"), max_length=120, blank=True)
    instructor_bio = models.TextField(_("about the instructor"), blank=True)
    instructor_photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("instructor photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("what_you_will_learn"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("launch_at")]),
                HelpPanel(
                    content=_(
                        "The launch announcement to the waitlist is sent by itself when the "
                        "launch moment passes on a published course. Edit its text under "
                        "Waitlist > Announcements."
                    )
                ),
            ],
            heading=_("Price and launch"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instructor_name"),
                FieldPanel("instructor_bio"),
                FieldPanel("instructor_photo"),
            ],
            heading=_("Instructor"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def is_free(self) -> bool:
        return self.price <= 0

    def is_launched(self, now=None) -> bool:
        """Live and past its launch moment: lessons are open and the waitlist may be told."""
        if not self.live:
            return False
        return self.launch_at is None or self.launch_at <= (now or timezone.now())

    def modules(self) -> PageQuerySet:
        return ModulePage.objects.child_of(self).live().order_by("path")

    def serve(self, request, *args, **kwargs):
        from .page_cache import cacheable_request, mark_cacheable

        response = super().serve(request, *args, **kwargs)
        if cacheable_request(request) and not getattr(request, "is_preview", False):
            # Until launch the page shows the waitlist; at launch it changes by itself.
            not_launched_until = self.launch_at if not self.is_launched() else None
            mark_cacheable(response, until=not_launched_until)
        return response

    def get_context(self, request, *args, **kwargs):
        from enrollments.selectors import course_state

        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["course"] = self
        context["outline"] = outline = course_outline(self)
        context["course_state"] = course_state(course=self, user=request.user, outline=outline)
        return context


class ModulePage(Page):
    pillar = models.CharField(
        _("MCMT pillar"),
        max_length=16,
        choices=Pillar.choices,
        help_text=_("Which part of the MCMT model this module teaches."),
    )
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences; shown in the course outline.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("About how long the whole module takes, lessons and quiz together."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("pillar"), FieldPanel("estimated_minutes")]),
        FieldPanel("summary"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @cached_property
    def course(self) -> CoursePage | None:
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["course"] = course
        context["outline"] = course_outline(course) if course else None
        context["module_outline"] = context["outline"].module(self.pk) if course else None
        return context


class LessonQuerySet(PageQuerySet):
    def in_course(self, course: CoursePage) -> LessonQuerySet:
        return self.descendant_of(course).live().order_by("path")


class LessonPage(Page):
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence for the outline.")
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson content"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Anyone may read this lesson, also without enrolling. Good for lesson one."),
    )

    objects = PageManager.from_queryset(LessonQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("free_preview")]),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def course(self) -> CoursePage | None:
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        outline = course_outline(course) if course else None
        context["course"] = course
        context["outline"] = outline
        if outline:
            context["previous_item"], context["next_item"] = outline.neighbours(self.pk)
            context["current_module"] = outline.module_of(self.pk)
        return context
