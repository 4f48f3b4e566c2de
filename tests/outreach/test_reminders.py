"""Reminders to learners who stopped: due by the course's settings, one per number."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CoursePage
from delivery.preferences import topics_set
from enrollments.models import Enrollment
from outreach import services
from outreach.models import Reminder
from tests.concurrency import errors_in, run_at_once
from tests.factories import EnrollmentFactory, UserFactory, build_course
from tests.smtp import text_part

pytestmark = pytest.mark.django_db


def idle_since(enrollment, days: int) -> None:
    Enrollment.objects.filter(pk=enrollment.pk).update(
        last_active_at=timezone.now() - timedelta(days=days)
    )


def test_a_learner_idle_for_a_week_gets_a_reminder_naming_the_next_step(
    committed, course, learners, lessons, smtp_server
):
    with committed():
        added = services.reminders_dispatch()
    assert added == {course.pk: 1}  # only "idle" (21 days); the others are recent
    [mail] = smtp_server.messages
    assert mail["To"] == "idle@example.com"
    assert mail["Subject"] == f"[MCMT Academie] Your next step in {course.title}"  # English
    body = text_part(mail)
    assert lessons[1].title in body
    assert f"http://testserver/en{lessons[1].url}" in body  # a deep link, in English
    assert "/mail/unsubscribe/" in mail["List-Unsubscribe"]
    reminder = Reminder.objects.get()
    assert (reminder.number, reminder.status) == (1, "sent")


def test_reminders_follow_the_course_settings_and_stop_at_the_maximum(
    committed, course, learners, smtp_server
):
    CoursePage.objects.filter(pk=course.pk).update(reminder_after_days=3, reminder_max=2)
    idle = learners["idle"]
    now = timezone.now()
    with committed():
        services.reminders_dispatch(now=now)
        services.reminders_dispatch(now=now + timedelta(days=1))  # too soon after the first
    assert Reminder.objects.filter(enrollment=idle).count() == 1
    with committed():
        services.reminders_dispatch(now=now + timedelta(days=4))
        services.reminders_dispatch(now=now + timedelta(days=8))
        services.reminders_dispatch(now=now + timedelta(days=12))
    assert list(
        Reminder.objects.filter(enrollment=idle).order_by("number").values_list("number", flat=True)
    ) == [1, 2]
    assert len(smtp_server.to("idle@example.com")) == 2


def test_no_reminder_after_completion_to_a_revoked_enrolment_or_after_opting_out(
    committed, course, learners, smtp_server
):
    for name in ("done", "gone", "new"):
        idle_since(learners[name], 30)
    topics_set(user=learners["new"].user, wanted={"course_news"})  # reminders off
    with committed():
        services.reminders_dispatch()
    assert {m["To"] for m in smtp_server.messages} == {"idle@example.com"}


def test_no_reminders_when_the_course_switches_them_off(committed, course, learners, smtp_server):
    CoursePage.objects.filter(pk=course.pk).update(reminder_after_days=0)
    with committed():
        assert services.reminders_dispatch() == {}
    assert smtp_server.messages == []


def test_a_learner_who_came_back_before_the_send_is_not_nudged(
    course, learners, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.reminders_dispatch()
    Enrollment.objects.filter(pk=learners["idle"].pk).update(last_active_at=timezone.now())
    for callback in queued:
        callback()
    assert smtp_server.messages == []
    assert Reminder.objects.get().status == "skipped"


def test_selecting_due_reminders_costs_the_same_queries_for_5_or_500_learners(home_page):
    course = build_course(home_page, modules=1, lessons_per_module=2)
    long_ago = timezone.now() - timedelta(days=30)

    def add(count: int) -> None:
        users = [
            UserFactory.build(username=f"u{n}-{count}", email=f"u{n}-{count}@example.com")
            for n in range(count)
        ]
        from django.contrib.auth import get_user_model

        created = get_user_model().objects.bulk_create(users)
        Enrollment.objects.bulk_create(
            Enrollment(user=u, course=course, source="free", last_active_at=long_ago)
            for u in created
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            services.reminders_dispatch()
        return len(captured)

    add(5)
    small = queries()
    assert Reminder.objects.count() == 5
    add(500)
    large = queries()
    assert Reminder.objects.count() == 505
    assert small == large  # one INSERT ... SELECT per course, however many learners


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_beat_running_the_reminder_task_twice_at_once_sends_each_reminder_once(
    home_page, smtp_server
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks and real concurrency)")
    course = build_course(home_page, modules=1, lessons_per_module=2)
    people = [
        EnrollmentFactory(
            course=course, user=UserFactory(username=f"r{n}", email=f"r{n}@example.com")
        )
        for n in range(30)
    ]
    for enrollment in people:
        idle_since(enrollment, 10)
    smtp_server.delay = 0.005

    def beat() -> None:
        try:
            from outreach.tasks import dispatch_reminders

            dispatch_reminders()
        finally:
            connections.close_all()

    results = run_at_once(beat, beat, beat)
    assert errors_in(results) == []
    threads = [threading.Thread(target=beat) for _ in range(2)]  # and again, later: nothing new
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    recipients = [m["To"] for m in smtp_server.messages]
    assert sorted(recipients) == sorted(f"r{n}@example.com" for n in range(30))
    assert Reminder.objects.count() == 30
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
