"""Wagtail pages for the course tree: home → course → module (one MCMT pillar) → lesson."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from .blocks import LessonBodyBlock
from .quiz_blocks import QuizQuestionsBlock


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


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        launch_at = cleaned.get("launch_at")
        course = self.instance
        if (
            course.pk
            and launch_at is not None
            and launch_at > timezone.now()
            and course.is_launched()
        ):
            enrolled = course.enrollments.filter(status="active").count()
            if enrolled:
                # Lessons close until the launch moment for everyone but staff: learners
                # already inside would find their course shut without a word.
                self.add_error(
                    "launch_at",
                    ngettext(
                        "%(count)d learner is already enrolled in this open course; a launch "
                        "in the future would close their lessons until then. Leave the date "
                        "in the past, or empty.",
                        "%(count)d learners are already enrolled in this open course; a "
                        "launch in the future would close their lessons until then. Leave the "
                        "date in the past, or empty.",
                        enrolled,
                    )
                    % {"count": enrolled},
                )
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
        from .page_cache import cacheable_request, mark_cacheable, page_is_shareable

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
        from enrollments.selectors import course_state

        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["course"] = self
        context["outline"] = outline = course_outline(self)
        context["course_state"] = course_state(course=self, user=request.user, outline=outline)
        return context


class InCourseMixin:
    """A page below a course: modules, lessons and quizzes. Routing fills `course` in from
    the parents it already loaded (courses/routing.py), so this query is the fallback."""

    @cached_property
    def course(self) -> CoursePage | None:
        return CoursePage.objects.ancestor_of(self).first()


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
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_context(self, request, *args, **kwargs):
        from .outline import course_outline

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        context["course"] = course
        context["outline"] = course_outline(course) if course else None
        context["module_outline"] = context["outline"].module(self.pk) if course else None
        if course:
            from enrollments.selectors import module_context

            outline = context["outline"]
            context.update(
                module_context(request=request, module=self, course=course, outline=outline)
            )
        return context


class CourseStepMixin(InCourseMixin):
    """A step of a course (lesson or quiz): knows its course, its neighbours in the outline,
    and the learner's progress around it."""

    def get_context(self, request, *args, **kwargs):
        from enrollments.selectors import step_context

        from .outline import course_outline, current_generation

        context = super().get_context(request, *args, **kwargs)
        course = self.course
        outline = course_outline(course) if course else None
        context["course"] = course
        context["cache_generation"] = current_generation()  # keys the cached lesson body
        context["outline"] = outline
        if outline:
            context["previous_item"], context["next_item"] = outline.neighbours(self.pk)
            context["current_module"] = outline.module_of(self.pk)
        if course:
            context.update(step_context(request=request, page=self, course=course, outline=outline))
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


class QuizPageForm(WagtailAdminPageForm):
    """Question rules are checked by the question blocks (deferred while saving a draft),
    so the page's own `clean()` leaves them to the form in the admin."""

    def _post_clean(self):
        self.instance._quiz_rules_in_form = True
        try:
            super()._post_clean()
        finally:
            self.instance._quiz_rules_in_form = False


class QuizPage(CourseStepMixin, RoutablePageMixin, Page):
    """A quiz at the end of (or inside) a module, scored on the server.

    GET shows the form; POST scores and stores one attempt (see `enrollments.quizzes`) and
    redirects to the attempt's result, which is rendered from the attempt's snapshot.
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
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_answers")]),
                FieldRowPanel([FieldPanel("required"), FieldPanel("estimated_minutes")]),
            ],
            heading=_("Rules"),
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

        problems = quiz_problems(self.questions)
        if problems:
            raise ValidationError({"questions": problems})

    def save(self, *args, **kwargs):
        # Touch every question so that answers without a stored id get one now, and keep it.
        for child in self.questions:
            child.value  # noqa: B018
        return super().save(*args, **kwargs)

    # --- Serving ------------------------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        from django.contrib import messages
        from django.shortcuts import redirect

        from enrollments.access import step_access
        from enrollments.selectors import learner_state_for_request

        course = self.course
        if course is None:
            raise Http404
        state = learner_state_for_request(request, course)
        access = step_access(user=request.user, page=self, course=course, state=state)
        if not access.allowed:
            messages.info(request, access.message)
            return redirect(course.get_url(request=request) or "/")
        return super().serve(request, *args, **kwargs)

    def _enrollment(self, request):
        from enrollments.selectors import learner_state_for_request

        state = learner_state_for_request(request, self.course)
        return state.enrollment if state.is_active else None

    @path("")
    def take(self, request):
        """The quiz form (GET), or one submission (POST)."""
        from django.contrib import messages
        from django.shortcuts import redirect

        from enrollments import quizzes
        from enrollments.quiz_forms import QuizForm

        is_preview = getattr(request, "is_preview", False)
        enrollment = None if is_preview else self._enrollment(request)
        standing = quizzes.quiz_standing(enrollment=enrollment, quiz=self)
        session_key = f"quiz:{self.pk}:token"
        if request.method == "POST" and not is_preview:
            form = QuizForm(request.POST, questions=[])
            token = form.data.get("token", "")
            try:
                token = uuid.UUID(str(token))
            except ValueError:
                token = uuid.uuid4()
            form.questions = quizzes.ordered_quiz_questions(self, token)
            if form.is_valid() and enrollment is None:  # staff trying the quiz: not stored
                answers = form.cleaned_data["answers"]
                score = quizzes.score_answers(form.questions, answers, pass_mark=self.pass_mark)
                return self.render(
                    request,
                    template="courses/quiz_result.html",
                    context_overrides={
                        "is_staff_preview": True,
                        "outcome": quizzes.Outcome.of_score(score),
                        "results": quizzes.preview_results(form.questions, answers),
                        "standing": standing,
                    },
                )
            if form.is_valid():
                try:
                    attempt, _created = quizzes.quiz_attempt_submit(
                        enrollment=enrollment,
                        quiz=self,
                        token=token,
                        answers=form.cleaned_data["answers"],
                    )
                except quizzes.QuizError as error:
                    messages.error(request, " ".join(error.messages))
                    return redirect(self.get_url(request=request))
                if request.session.get(session_key) == str(token):
                    del request.session[session_key]
                result = self.reverse_subpage("result", args=[attempt.token])
                return redirect(self.get_url(request=request) + result)
            status = 400
        else:
            token = request.session.get(session_key) if not is_preview else None
            if token is None:
                token = str(uuid.uuid4())
                if not is_preview:
                    request.session[session_key] = token
            form = QuizForm(
                initial={"token": token},
                questions=quizzes.ordered_quiz_questions(self, token),
            )
            status = 200
        attempts = quizzes.quiz_attempts(enrollment=enrollment, quiz=self) if enrollment else []
        response = self.render(
            request,
            context_overrides={
                "form": form,
                "standing": standing,
                "attempts": attempts,
                "enrollment": enrollment,
                "is_preview": is_preview,
            },
        )
        response.status_code = status
        return response

    @path("result/<uuid:token>/", name="result")
    def result(self, request, token):
        """One attempt's result, rendered from what was asked and answered at the time."""
        from django.shortcuts import get_object_or_404

        from enrollments import quizzes
        from enrollments.models import QuizAttempt

        enrollment = self._enrollment(request)
        attempt = get_object_or_404(
            QuizAttempt, token=token, quiz_id=self.pk, enrollment__user_id=request.user.pk
        )
        return self.render(
            request,
            template="courses/quiz_result.html",
            context_overrides={
                "attempt": attempt,
                "outcome": quizzes.Outcome.of_attempt(attempt),
                "results": quizzes.attempt_results(attempt),
                "standing": quizzes.quiz_standing(enrollment=enrollment, quiz=self),
            },
        )
