"""Enrolments and learners' progress through a course's steps (lessons and quizzes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        REVOKED = "revoked", _("revoked")  # refund or dispute: access gone, progress kept

    class Source(models.TextChoices):
        FREE = "free", _("free enrolment")
        PAID = "paid", _("payment")
        STAFF = "staff", _("added by staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("access revoked at"), null=True, blank=True)
    # Why access was last revoked or restored (a refund, a dispute, an instructor's note).
    status_reason = models.CharField(_("reason"), max_length=200, blank=True)
    # Kept in the row, not in the cache, so a cache flush can never send the mail twice.
    completion_email_sent_at = models.DateTimeField(
        _("congratulation e-mail sent at"), null=True, blank=True, editable=False
    )
    # When the learner last opened a step (or enrolled): what reminders and the "inactive for
    # N days" audience look at. Kept to the hour (services.enrollment_last_step_set).
    last_active_at = models.DateTimeField(_("last active"), default=timezone.now)
    last_step = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("last step opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        permissions = [("manage_enrollment", _("Can revoke or restore access and resend mails"))]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrollment_per_course")
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(
                fields=["course", "status", "last_active_at"], name="enrol_course_activity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.course}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class StepProgress(models.Model):
    """One finished step (a lesson marked done, or a quiz passed) of one enrolment."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="progress", verbose_name=_("enrolment")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lesson or quiz"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("finished step")
        verbose_name_plural = _("finished steps")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "page"], name="one_progress_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}:{self.page_id}"


class QuizAttempt(models.Model):
    """One submitted attempt at a quiz. It keeps a snapshot of what was asked and answered,
    so later edits to the quiz never change a learner's recorded result."""

    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("enrolment"),
    )
    quiz = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    # Issued with the form; a second submit of the same form finds this row and counts once.
    token = models.UUIDField(_("submission token"), unique=True)
    questions = models.JSONField(_("questions as asked"), default=list)
    answers = models.JSONField(_("answers given"), default=dict)
    correct_count = models.PositiveSmallIntegerField(_("correct answers"), default=0)
    question_count = models.PositiveSmallIntegerField(_("questions"), default=0)
    score = models.PositiveSmallIntegerField(_("score (%)"), default=0)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=0)
    passed = models.BooleanField(_("passed"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "quiz", "number"], name="one_attempt_per_number"
            )
        ]
        indexes = [models.Index(fields=["quiz", "passed"])]

    def __str__(self) -> str:
        return f"{self.enrollment_id}:{self.quiz_id}#{self.number}"
