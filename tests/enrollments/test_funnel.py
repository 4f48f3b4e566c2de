"""The course funnel: from waitlist signup to completion, counted with aggregate queries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enrollments import services
from enrollments.admin_learners import funnel_stages
from enrollments.models import Enrollment, StepProgress
from tests.factories import SubscriberFactory, UserFactory

pytestmark = pytest.mark.django_db


def counts(course, **period):
    return {
        row["stage"].label: row["stage"].count
        for row in funnel_stages(course=course, **{"since": None, "until": None, **period})
    }


def test_the_funnel_follows_people_from_the_waitlist_to_completion(course, lessons):
    confirmed = SubscriberFactory(course=course, email="a@example.nl", confirmed_at=timezone.now())
    SubscriberFactory(course=course, email="b@example.nl", confirmed_at=None)
    user = UserFactory(email=confirmed.email)
    enrollment = services.enrollment_create(user=user, course=course)
    for lesson in lessons:
        services.step_record_done(enrollment=enrollment, page=lesson)
    halfway = services.enrollment_create(user=UserFactory(), course=course)
    for lesson in lessons[: len(lessons) // 2]:
        services.step_record_done(enrollment=halfway, page=lesson)
    services.enrollment_create(user=UserFactory(), course=course)
    result = counts(course)
    assert result["Op de wachtlijst gezet"] == 2
    assert result["Adres bevestigd"] == 1
    assert result["Account gemaakt"] == 1
    assert result["Ingeschreven"] == 3
    assert result["Begonnen (één onderdeel klaar)"] == 2
    assert result["Halverwege"] == 2
    assert result["Afgerond"] == 1


def test_the_period_counts_only_what_started_in_it(course):
    services.enrollment_create(user=UserFactory(), course=course)
    tomorrow = timezone.now() + timezone.timedelta(days=1)
    assert counts(course, since=tomorrow)["Ingeschreven"] == 0
    assert counts(course, until=tomorrow)["Ingeschreven"] == 1


def test_the_funnel_screen_shows_stages_and_lessons(client, instructor, course):
    client.force_login(instructor)
    response = client.get(
        reverse("lesson_funnel:index"),
        {"course": course.pk, "since": "2026-01-01", "until": "2026-12-31"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Van wachtlijst tot certificaat" in html
    assert "Per les" in html


def test_twenty_thousand_enrolments_take_as_many_queries_as_ten(
    client, instructor, course, lessons
):
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"u{n}", email=f"u{n}@example.nl") for n in range(20_000)]
    )

    def query_count():
        client.force_login(instructor)
        with CaptureQueriesContext(connection) as ctx:
            assert (
                client.get(reverse("lesson_funnel:index"), {"course": course.pk}).status_code == 200
            )
        return len(ctx.captured_queries)

    Enrollment.objects.bulk_create(
        [Enrollment(user=u, course=course, source="free") for u in users[:10]]
    )
    query_count()  # warms the caches (permissions, outline) that a first request fills
    few = query_count()
    rows = Enrollment.objects.bulk_create(
        [Enrollment(user=u, course=course, source="free") for u in users[10:]]
    )
    StepProgress.objects.bulk_create(
        [StepProgress(enrollment=e, page_id=lessons[0].pk) for e in rows[::2]]
    )
    assert query_count() == few
    assert counts(course)["Ingeschreven"] == 20_000
