"""Wagtail pages for the course tree: home → course → module (one MCMT pillar) → lesson."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from .blocks import LessonBodyBlock
from .page_cache import cacheable_request, mark_cacheable, page_is_shareable
from .quiz_blocks import QuizQuestionsBlock

#: Wagtail hook through which the learner side adds what one visitor sees of a course page,
#: a module or a step (their enrolment and progress): `fn(page=, request=, context=)`.
#: This app only holds content and never imports the apps that track people.
PAGE_CONTEXT_HOOK = "courses_page_context"
#: Wagtail hook that serves a quiz's routes (taking it, an attempt's result):
#: `fn(page=, request=, action=, **kwargs)` returns a response, or None to pass.
QUIZ_VIEW_HOOK = "courses_quiz_view"


def add_learner_context(page, request, context: dict) -> None:
    for fn in hooks.get_hooks(PAGE_CONTEXT_HOOK):
        fn(page=page, request=request, context=context)


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


#: Wagtail hook through which other apps add rules to the course form:
#: `fn(form=, cleaned_data=)` may call `form.add_error(...)`.
COURSE_FORM_CLEAN_HOOK = "courses_course_form_clean"


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        for fn in hooks.get_hooks(COURSE_FORM_CLEAN_HOOK):
            fn(form=self, cleaned_data=cleaned)
        return cleaned


class CoursePage(Page):
    base_form_class = CoursePageForm

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
    reminder_after_days = models.PositiveSmallIntegerField(
        _("remind after (days)"),
        default=7,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "Send a learner a reminder with their next step after this many days without "
            "opening a step. 0 sends no reminders."
        ),
    )
    reminder_max = models.PositiveSmallIntegerField(
        _("at most (reminders)"),
        default=2,
        validators=[MaxValueValidator(10)],
        help_text=_("Reminders per learner at most. Never after completion."),
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
            [FieldRowPanel([FieldPanel("reminder_after_days"), FieldPanel("reminder_max")])],
            heading=_("Reminders"),
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
    admin_default_ordering = "ord"  # modules in course order in the explorer

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
        response = super().serve(request, *args, **kwargs)
        if (
            cacheable_request(request)
            and not getattr(request, "is_preview", False)
            and page_is_shareable(request, self)
        ):
            # Until launch the page shows the waitlist; at launch it changes by itself.
            not_launched_until = self.launch_at if not self.is_launched() else None
            mark_cacheable(response, until=not_launched_until)
        return response

    def get_context(self, request, *args, **kwargs):
        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["course"] = self
        context["outline"] = course_outline(self)
        add_learner_context(self, request, context)
        return context


def course_of(page) -> CoursePage | None:
    """The course a page belongs to (a course page's own self).

    Free when the page came through routing, whose walk down the tree loaded its parents,
    or from the route cache, which stores a page with its course (courses/routing.py);
    otherwise one query.
    """
    if isinstance(page, CoursePage):
        return page
    known = page.__dict__.get("course")
    if isinstance(known, CoursePage):
        return known
    node = page
    while (node := getattr(node, "_cached_parent_obj", None)) is not None:
        if isinstance(node, CoursePage):
            return node
    return CoursePage.objects.ancestor_of(page).first()


class InCourseMixin:
    """A page below a course: modules, lessons and quizzes."""

    @cached_property
    def course(self) -> CoursePage | None:
        return course_of(self)


class ModulePage(InCourseMixin, Page):
    pillar = models.CharField(
        _("MCMT pillar"),
        max_length=16,
        choices=Pillar.choices,
        blank=True,
        help_text=_(
            "Which part of the MCMT model this module teaches. Leave empty for a module about "
            "the model as a whole, such as the opening or the closing module."
        ),
    )
    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences; shown in the course outline.")
    )

    class Release(models.TextChoices):
        AT_ENROLMENT = "enrolment", _("at enrolment")
        DAYS_AFTER_ENROLMENT = "days", _("a number of days after enrolment")
        AT_DATE = "date", _("at a date")

    release = models.CharField(
        _("opens"),
        max_length=16,
        choices=Release.choices,
        default=Release.AT_ENROLMENT,
        help_text=_(
            "Drip release: when an enrolled learner may open this module's lessons. Until "
            "then the outline shows the opening date. Instructors and staff see everything."
        ),
    )
    release_after_days = models.PositiveSmallIntegerField(
        _("days after enrolment"),
        default=0,
        validators=[MaxValueValidator(3650)],
        help_text=_("Used when the module opens a number of days after enrolment."),
    )
    release_at = models.DateTimeField(
        _("opening date"),
        null=True,
        blank=True,
        help_text=_("Used when the module opens at a date."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("pillar"),
        FieldPanel("summary"),
        HelpPanel(
            content=_(
                "The module's time and its number of lessons and quizzes are added up from its "
                "published lessons and quizzes: set the minutes on each of them."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("release"),
                FieldRowPanel([FieldPanel("release_after_days"), FieldPanel("release_at")]),
            ],
            heading=_("Drip release"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]
    # The explorer lists lessons and quizzes in course order (and lets them be dragged).
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def clean(self):
        super().clean()
        if self.release == self.Release.DAYS_AFTER_ENROLMENT and not self.release_after_days:
            raise ValidationError(
                {"release_after_days": _("Give the number of days after enrolment.")}
            )
        if self.release == self.Release.AT_DATE and self.release_at is None:
            raise ValidationError({"release_at": _("Give the opening date.")})

    def get_context(self, request, *args, **kwargs):
        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["course"] = course
        context["outline"] = course_outline(course) if course else None
        context["module_outline"] = context["outline"].module(self.pk) if course else None
        if course:
            add_learner_context(self, request, context)
        return context


class CourseStepMixin(InCourseMixin):
    """A step of a course (lesson or quiz): knows its course, its neighbours in the outline,
    and the learner's progress around it."""

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
        if course:
            add_learner_context(self, request, context)
        return context


class LessonQuerySet(PageQuerySet):
    def in_course(self, course: CoursePage) -> LessonQuerySet:
        return self.descendant_of(course).live().order_by("path")


class LessonPage(CourseStepMixin, Page):
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence for the outline.")
    )
    objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective"), max_length=200))],
        verbose_name=_("lesson objectives"),
        blank=True,
        help_text=_(
            "What the learner can do after this lesson, one per line; shown at the top. "
            "Completes the sentence “After this lesson you can…”."
        ),
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
        FieldPanel("objectives"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and not getattr(request, "is_preview", False):
            # Render the shared parts of the page once (core.frames); a preview shows a
            # draft, which must neither be kept nor be answered from the live page's frame.
            context["page_frame"] = ("lesson", self.pk)
        return context


class ReviewWhen(models.TextChoices):
    """When learners see a part of an attempt's review (Moodle's "review options")."""

    IMMEDIATELY = "immediately", _("immediately after each attempt")
    AFTER_PASSING = "passed", _("after passing the quiz")
    AFTER_LAST_ATTEMPT = "last_attempt", _("after the last allowed attempt")
    AFTER_PASSING_OR_LAST = "passed_or_last", _("after passing or after the last allowed attempt")
    NEVER = "never", _("never")


def quiz_pool_problems(
    *, questions, draw_count: int | None, is_final_test: bool, draw_per_module: int | None
) -> dict[str, str]:
    """Why a quiz's pool settings do not fit its questions, by field; empty when they do.
    A draft may be unfinished, so these are checked when the quiz is published."""
    problems = {}
    units = len(questions or [])
    if draw_count is not None and units and draw_count > units:
        problems["draw_count"] = gettext(
            "The pool holds %(units)d questions (a scenario counts as one): draw at most that many."
        ) % {"units": units}
    if draw_per_module and not is_final_test:
        problems["draw_per_module"] = gettext(
            "Only a final test draws questions from the module quizzes: tick “final test”, "
            "or leave this empty."
        )
    return problems


class QuizPageForm(WagtailAdminPageForm):
    """Question rules are checked by the question blocks (deferred while saving a draft),
    so the page's own `clean()` leaves them to the form in the admin, which checks the pool
    settings when it publishes."""

    def _post_clean(self):
        self.instance._quiz_rules_in_form = True
        try:
            super()._post_clean()
        finally:
            self.instance._quiz_rules_in_form = False

    def clean(self):
        cleaned = super().clean()
        if not self.is_deferred_validation:
            values = {
                name: cleaned.get(name, getattr(self.instance, name))
                for name in ("questions", "draw_count", "is_final_test", "draw_per_module")
            }
            for field, problem in quiz_pool_problems(**values).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, problem)
        return cleaned


class QuizPage(CourseStepMixin, RoutablePageMixin, Page):
    """A quiz at the end of (or inside) a module, scored on the server.

    GET shows the form; POST scores and stores one attempt and redirects to the attempt's
    result, which is rendered from the attempt's snapshot (`enrollments.quiz_views`).
    """

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence for the outline.")
    )
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of questions a learner must answer correctly to pass."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    retry_delay_minutes = models.PositiveSmallIntegerField(
        _("waiting time between attempts (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60 * 24 * 30)],
        help_text=_(
            "After an attempt, the next one opens this many minutes later; learners see when. "
            "Leave empty to let them try again at once."
        ),
    )
    # Question pools (issue #15): the course importer maps its YAML onto these three names.
    draw_count = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many of the questions below each attempt draws at random (a scenario counts "
            "as one). Leave empty to ask them all."
        ),
    )
    is_final_test = models.BooleanField(
        _("final test"),
        default=False,
        help_text=_(
            "The course's final test: besides its own questions it draws from the quizzes of "
            "every module. Put it in a closing module; tick “required” to let its pass count "
            "for completing the course."
        ),
    )
    draw_per_module = models.PositiveSmallIntegerField(
        _("questions per module"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Final test only: how many questions it draws from each module's quizzes on every "
            "attempt, besides its own."
        ),
    )
    # Review options: what a learner sees of an attempt, and from when (issue #15).
    review_score = models.CharField(
        _("the score"),
        max_length=16,
        choices=ReviewWhen.choices,
        default=ReviewWhen.IMMEDIATELY,
        help_text=_("The percentage and the number of questions answered correctly."),
    )
    review_marks = models.CharField(
        _("right or wrong per question, with the learner's own answers"),
        max_length=16,
        choices=ReviewWhen.choices,
        default=ReviewWhen.IMMEDIATELY,
    )
    review_answers = models.CharField(
        _("the correct answers and the explanations"),
        max_length=16,
        choices=ReviewWhen.choices,
        default=ReviewWhen.AFTER_PASSING_OR_LAST,
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_answers = models.BooleanField(_("shuffle answers"), default=False)
    required = models.BooleanField(
        _("required to complete the module"),
        default=True,
        help_text=_("Learners must pass this quiz to complete the module and the course."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldPanel("retry_delay_minutes"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_answers")]),
                FieldRowPanel([FieldPanel("required"), FieldPanel("estimated_minutes")]),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "A later part includes the earlier ones: who sees the correct answers "
                        "also sees right or wrong and the score. Instructors always see "
                        "everything in the gradebook."
                    )
                ),
                FieldPanel("review_score"),
                FieldPanel("review_marks"),
                FieldPanel("review_answers"),
            ],
            heading=_("What learners see after an attempt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("draw_count"),
                FieldRowPanel([FieldPanel("is_final_test"), FieldPanel("draw_per_module")]),
            ],
            heading=_("Question pool"),
        ),
        FieldPanel("questions"),
    ]
    base_form_class = QuizPageForm
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def clean(self):
        super().clean()
        if getattr(self, "_quiz_rules_in_form", False):
            return
        from .quiz_blocks import quiz_problems

        errors: dict[str, list[str]] = {}
        problems = quiz_problems(self.questions)
        if problems:
            errors["questions"] = problems
        pool_problems = quiz_pool_problems(
            questions=self.questions,
            draw_count=self.draw_count,
            is_final_test=self.is_final_test,
            draw_per_module=self.draw_per_module,
        )
        for field, problem in pool_problems.items():
            errors.setdefault(field, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Touch every question (and every question of a scenario) so that answers without a
        # stored id get one now, and keep it.
        for child in self.questions:
            if child.block_type == "scenario":
                for sub in child.value["questions"]:
                    sub.value  # noqa: B018
            child.value  # noqa: B018
        return super().save(*args, **kwargs)

    # --- Serving ------------------------------------------------------------------------------
    # Taking a quiz and its results are the learner side's (`QUIZ_VIEW_HOOK`); who may open
    # the quiz at all is decided before this runs (the before_serve_page hook).

    def _delegate(self, request, action: str, **kwargs):
        for fn in hooks.get_hooks(QUIZ_VIEW_HOOK):
            response = fn(page=self, request=request, action=action, **kwargs)
            if response is not None:
                return response
        if action == "take":
            return self.render(request)  # the questions alone, as content
        raise Http404

    @path("")
    def take(self, request):
        """The quiz form (GET), or one submission (POST)."""
        return self._delegate(request, "take")

    @path("result/<uuid:token>/", name="result")
    def result(self, request, token):
        """One attempt's result."""
        return self._delegate(request, "result", token=token)


class ImportedPage(models.Model):
    """What the last `import_course` wrote to a page: so a re-import changes a page only when
    its file changed, and never over an edit made in the admin since (see courses/importer)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    source = models.CharField(_("source file"), max_length=500)
    source_hash = models.CharField(_("hash of the source"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision made by the import"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported page")
        verbose_name_plural = _("imported pages")

    def __str__(self) -> str:
        return self.source
