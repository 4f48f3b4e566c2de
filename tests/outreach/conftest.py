from functools import partial

import pytest

from delivery.preferences import language_record
from tests.factories import EnrollmentFactory, StepProgressFactory, UserFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block queued with on_commit at its end."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def learners(course, lessons):
    """One learner per audience: not started, in progress, completed, revoked, and one who
    stopped three weeks ago (English)."""
    from datetime import timedelta

    from django.utils import timezone

    from enrollments.models import Enrollment

    def enrol(name: str, **fields):
        user = UserFactory(username=name, email=f"{name}@example.com", first_name=name.title())
        return EnrollmentFactory(user=user, course=course, **fields)

    people = {
        "new": enrol("new"),
        "busy": enrol("busy"),
        "done": enrol("done", completed_at=timezone.now()),
        "gone": enrol("gone", status=Enrollment.Status.REVOKED),
        "idle": enrol("idle"),
    }
    StepProgressFactory(enrollment=people["busy"], page=lessons[0])
    StepProgressFactory(enrollment=people["idle"], page=lessons[0])
    Enrollment.objects.filter(pk=people["idle"].pk).update(
        last_active_at=timezone.now() - timedelta(days=21)
    )
    language_record(user=people["idle"].user, language="en")
    for enrollment in people.values():
        enrollment.refresh_from_db()
    return people
