"""Every write about learners: enrolments, finished steps, course completion.

Completion rule (see the README): a course is completed when every required step in its
current outline is done (every lesson, and every quiz marked required). Completion is
permanent: `completed_at` is set once and never cleared, not by undoing a step nor by lessons
added later. Lessons added after completion count in the percentage and show as "new".
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from core import mail
from courses.models import CoursePage
from courses.outline import course_outline
from delivery import preferences

from .mail_topics import COURSE_NEWS
from .models import Enrollment, StepProgress
from .selectors import is_course_complete
from .signals import (
    enrollment_access_restored,
    enrollment_access_revoked,
    enrollment_completed,
)

logger = logging.getLogger(__name__)

#: Wagtail hook through which apps above this one hold a step back from "done" until the
#: learner did what it asks (a required exercise): `fn(enrollment=, page=)` returns a list of
#: messages, empty when nothing is missing.
STEP_DONE_CHECK_HOOK = "enrollments_step_done_check"


class EnrolmentRefused(ValidationError):
    """A learner may not enrol this way (paid, unpublished or not launched course)."""


class ProgressError(ValidationError):
    """A step cannot be recorded for this enrolment (inactive, or not part of the course)."""


# --- Enrolments ----------------------------------------------------------------------------------


def enrollment_create(
    *, user, course: CoursePage, source: str = Enrollment.Source.FREE
) -> Enrollment:
    """Enrol `user` in `course`, once. Idempotent and safe against two requests racing:
    the unique constraint decides, and the loser reads the winner's row. A revoked
    enrolment is made active again, with its progress, recording the new source."""
    try:
        with transaction.atomic():
            enrollment, created = Enrollment.objects.get_or_create(
                user=user, course=course, defaults={"source": source}
            )
    except IntegrityError:  # inserted by a concurrent request between SELECT and INSERT
        enrollment, created = Enrollment.objects.get(user=user, course=course), False
    if created:
        logger.info("enrolment %s created (%s)", enrollment.pk, source)
    elif not enrollment.is_active:
        Enrollment.objects.filter(pk=enrollment.pk).update(
            status=Enrollment.Status.ACTIVE, revoked_at=None, source=source
        )
        enrollment.refresh_from_db()
        enrollment_access_restored.send(Enrollment, enrollment=enrollment, reason=source)
        logger.info("enrolment %s re-activated (%s)", enrollment.pk, source)
    return enrollment


def enrollment_free_create(*, user, course: CoursePage) -> Enrollment:
    """A learner's one-click enrolment from the landing page: free, launched courses only."""
    if not course.live or not course.is_free:
        raise EnrolmentRefused(gettext_lazy("This course cannot be joined for free."))
    if not course.is_launched():
        raise EnrolmentRefused(gettext_lazy("This course has not started yet."))
    return enrollment_create(user=user, course=course, source=Enrollment.Source.FREE)


def enrollment_revoke(*, enrollment: Enrollment, reason: str = "") -> bool:
    """Withdraw access (refund, dispute, staff). Progress and completion are kept. False
    when access was withdrawn already."""
    changed = Enrollment.objects.filter(pk=enrollment.pk, status=Enrollment.Status.ACTIVE).update(
        status=Enrollment.Status.REVOKED, revoked_at=timezone.now(), status_reason=reason[:200]
    )
    enrollment.refresh_from_db(fields=["status", "revoked_at", "status_reason"])
    if changed:
        enrollment_access_revoked.send(Enrollment, enrollment=enrollment, reason=reason)
        logger.info("enrolment %s revoked (%s)", enrollment.pk, reason or "no reason given")
    return bool(changed)


def enrollment_restore(*, enrollment: Enrollment, reason: str = "") -> bool:
    """Give access back after a revoke, with the progress the learner had. False when the
    enrolment was active already."""
    changed = Enrollment.objects.filter(pk=enrollment.pk, status=Enrollment.Status.REVOKED).update(
        status=Enrollment.Status.ACTIVE, revoked_at=None, status_reason=reason[:200]
    )
    enrollment.refresh_from_db(fields=["status", "revoked_at", "status_reason"])
    if changed:
        enrollment_access_restored.send(Enrollment, enrollment=enrollment, reason=reason)
        logger.info("enrolment %s restored (%s)", enrollment.pk, reason or "no reason given")
    return bool(changed)


#: How fresh `Enrollment.last_active_at` is kept: reminders count in days, so one UPDATE an
#: hour at most while a learner reads the same step.
ACTIVITY_RESOLUTION = timedelta(hours=1)


def enrollment_last_step_set(*, enrollment: Enrollment, page_id: int) -> None:
    """Remember the step the learner opened last, and when: one UPDATE, only when the step
    changed or the time is more than ACTIVITY_RESOLUTION old."""
    now = timezone.now()
    fresh = enrollment.last_active_at and now - enrollment.last_active_at < ACTIVITY_RESOLUTION
    if enrollment.last_step_id == page_id and fresh:
        return
    try:
        # Its own transaction so the foreign key is checked here: the page may have been
        # deleted a moment ago by an instructor, and a lost resume point beats a 500.
        with transaction.atomic():
            Enrollment.objects.filter(pk=enrollment.pk).update(
                last_step_id=page_id, last_active_at=now
            )
    except IntegrityError:
        logger.info("step %s vanished before it could be remembered", page_id)
        return
    enrollment.last_step_id = page_id
    enrollment.last_active_at = now


# --- Progress -------------------------------------------------------------------------------------


def _check_step(enrollment: Enrollment, page) -> None:
    if not enrollment.is_active:
        raise ProgressError(gettext_lazy("Your access to this course has ended."))
    if course_outline(enrollment.course).item(page.pk) is None:
        raise ProgressError(gettext_lazy("This page is not a step of the course."))


def step_record_done(*, enrollment: Enrollment, page) -> bool:
    """Record that the learner finished `page` (a lesson marked done, or a quiz passed).

    Idempotent: returns True only when the step was newly recorded. Then checks whether the
    course is now complete; if so it sets `completed_at` (once, with a conditional UPDATE)
    and queues the congratulation e-mail after the transaction commits.
    """
    _check_step(enrollment, page)
    missing = [
        message
        for fn in hooks.get_hooks(STEP_DONE_CHECK_HOOK)
        for message in fn(enrollment=enrollment, page=page) or []
    ]
    if missing:
        raise ProgressError(missing)
    with transaction.atomic():
        # Lock the enrolment so that two steps finished at the same moment are counted one
        # after the other: the second sees the first, and the course gets completed.
        completed_at = (
            Enrollment.objects.select_for_update()
            .filter(pk=enrollment.pk)
            .values_list("completed_at", flat=True)
            .first()
        )
        # Under that lock nobody else records a step of this enrolment, so "is it there?"
        # then "add it" cannot race (a double click waits for the lock above). The insert
        # still ignores a conflict rather than trusting that: no savepoints needed.
        created = not StepProgress.objects.filter(enrollment=enrollment, page_id=page.pk).exists()
        if created:
            StepProgress.objects.bulk_create(
                [StepProgress(enrollment=enrollment, page_id=page.pk)], ignore_conflicts=True
            )
        enrollment.completed_at = completed_at
        if completed_at is None:
            enrollment_evaluate_completion(enrollment=enrollment)
    return created


def step_undo(*, enrollment: Enrollment, page) -> bool:
    """Take back a "done". True if there was one. Completion stays: it is permanent."""
    if not enrollment.is_active:
        raise ProgressError(gettext_lazy("Your access to this course has ended."))
    deleted, _detail = StepProgress.objects.filter(enrollment=enrollment, page_id=page.pk).delete()
    return deleted > 0


def enrollment_evaluate_completion(*, enrollment: Enrollment) -> bool:
    """Set `completed_at` once every required step of the current outline is done, and queue
    the congratulation e-mail after commit. True when the course was completed just now."""
    if enrollment.completed_at is not None:
        return False
    outline = course_outline(enrollment.course)
    done_ids = StepProgress.objects.filter(enrollment=enrollment).values_list("page_id", flat=True)
    if not is_course_complete(outline=outline, done_ids=done_ids):
        return False
    now = timezone.now()
    updated = Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=True).update(
        completed_at=now
    )
    if not updated:  # completed a moment ago by a concurrent request, which sends the mail
        return False
    enrollment.completed_at = now
    enrollment_id, language = enrollment.pk, translation.get_language() or settings.LANGUAGE_CODE
    # In this transaction: the certificate (certificates app) is issued with the completion.
    enrollment_completed.send(Enrollment, enrollment=enrollment, language=language)

    def queue_mail() -> None:
        from .tasks import send_course_completed_email

        send_course_completed_email.delay(enrollment_id, language)

    transaction.on_commit(queue_mail)
    logger.info("enrolment %s completed", enrollment_id)
    return True


# --- E-mail ---------------------------------------------------------------------------------------


def course_completed_email_send(
    *, enrollment: Enrollment, language: str = settings.LANGUAGE_CODE
) -> bool:
    """Send the congratulation e-mail, once per enrolment (`mail.send_once`): safe to call
    twice. False when nothing was sent (not completed, no address, or sent before)."""
    user = enrollment.user
    if enrollment.completed_at is None or enrollment.completion_email_sent_at or not user.email:
        return False
    if not preferences.may_mail(user, COURSE_NEWS):  # switched off, or the address bounced
        return False
    course = enrollment.course
    with translation.override(language):
        subject = _("Congratulations: you completed %(course)s") % {"course": course.title}
        message = mail.build(
            template="course_completed",
            to=user.email,
            subject=subject,
            language=language,
            name=mail.greeting_name(user),
            context={
                "course": course,
                "enrollment": enrollment,
                "course_url": mail.absolute_url(course.get_url() or "/"),
                "dashboard_url": mail.reverse_absolute("enrollments:dashboard", language=language),
                # The course-completed page with the certificate (certificates app, by name).
                "completed_url": mail.reverse_absolute(
                    "certificates:completed", language=language, args=[course.pk]
                ),
            },
            unsubscribe_url=preferences.unsubscribe_url(user, language=language),
        )
    if not mail.send_once(enrollment, "completion_email_sent_at", message):
        return False
    logger.info("completion e-mail sent for enrolment %s", enrollment.pk)
    return True
