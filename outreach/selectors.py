"""Who a message goes to, and who is due a reminder: querysets, never loops over learners."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from courses.models import CoursePage
from delivery.preferences import exclude_unwilling
from enrollments.mail_topics import COURSE_NEWS
from enrollments.models import Enrollment, StepProgress

from .models import Audience


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
