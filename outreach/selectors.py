"""Who a message goes to, and who is due a reminder: querysets, never loops over learners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage
from delivery.preferences import exclude_unwilling
from enrollments.mail_topics import COURSE_NEWS
from enrollments.models import Enrollment, StepProgress

from .models import Audience, MessageDelivery, Reminder


def audience(
    *, course: CoursePage, audience: str, inactive_days: int = 14, now: datetime | None = None
) -> QuerySet[Enrollment]:
    """The active enrolments of `course` in `audience`, without learners who switched course
    news off or whose address bounced.

    - not started: no step finished and none opened yet;
    - in progress: started (a step finished or opened), not completed;
    - completed: completed (completion is permanent);
    - inactive: not completed, and no step opened for `inactive_days` days.
    """
    now = now or timezone.now()
    learners = Enrollment.objects.filter(course=course, status=Enrollment.Status.ACTIVE)
    started = Q(Exists(StepProgress.objects.filter(enrollment=OuterRef("pk")))) | Q(
        last_step__isnull=False
    )
    if audience == Audience.NOT_STARTED:
        learners = learners.filter(completed_at__isnull=True).exclude(started)
    elif audience == Audience.IN_PROGRESS:
        learners = learners.filter(started, completed_at__isnull=True)
    elif audience == Audience.COMPLETED:
        learners = learners.filter(completed_at__isnull=False)
    elif audience == Audience.INACTIVE:
        cutoff = now - timedelta(days=inactive_days)
        learners = learners.filter(completed_at__isnull=True, last_active_at__lt=cutoff)
    return exclude_unwilling(learners, user_field="user", topic=COURSE_NEWS)


def audience_count(message) -> int:
    return audience(
        course=message.course, audience=message.audience, inactive_days=message.inactive_days
    ).count()


@dataclass(frozen=True)
class LearnerMail:
    """One mail to one learner, as the learner page lists it."""

    kind: str
    subject: str
    status: str
    status_label: str
    at: datetime | None
    error: str


def learner_mails(*, enrollment: Enrollment) -> list[LearnerMail]:
    """The messages and reminders sent (or pending, failed, skipped) to one enrolment, newest
    first: two queries, whatever the number of mails."""

    title = enrollment.course.title
    mails = [
        LearnerMail(
            kind=str(_("Message")),
            subject=row.message.subject.replace("{course}", title),
            status=row.status,
            status_label=row.get_status_display(),
            at=row.sent_at or row.updated_at,
            error=row.last_error,
        )
        for row in MessageDelivery.objects.filter(enrollment=enrollment).select_related("message")
    ]
    mails += [
        LearnerMail(
            kind=str(_("Reminder %(number)d") % {"number": row.number}),
            subject=str(_("Your next step in %(course)s") % {"course": title}),
            status=row.status,
            status_label=row.get_status_display(),
            at=row.sent_at or row.updated_at,
            error=row.last_error,
        )
        for row in Reminder.objects.filter(enrollment=enrollment)
    ]
    return sorted(mails, key=lambda mail: mail.at or enrollment.created_at, reverse=True)
