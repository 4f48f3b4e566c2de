"""Every user of the delivery engine survives a SIGKILLed worker: the launch announcement,
an instructor's message and reminders. And the crash drill of issue #13: with the default
settings, sending resumes within 90 s of the kill.

Runs in .ci/run's PostgreSQL pass (CELERY_WORKER_TESTS=1, REDIS_URL set): a real worker
subprocess on the test database, its own Redis broker database and a slow SMTP sink.
"""

import signal
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.contrib.auth import get_user_model
from django.utils import timezone

from enrollments.models import Enrollment
from outreach.models import Message, MessageDelivery, Reminder
from tests.factories import AnnouncementFactory, SubscriberFactory, build_course
from tests.smtp import SmtpSink
from tests.waitlist.test_celery_worker import (
    broker_url,
    pytestmark,  # noqa: F401  (same markers and skip rule)
    start_worker,
    stop,
    wait,
    worker_env,
)
from waitlist.models import Delivery

PEOPLE = 120


@pytest.fixture
def broker():
    url = broker_url()
    redis.Redis.from_url(url).flushdb()
    yield url
    redis.Redis.from_url(url).flushdb()


def learners(course, count: int) -> list[Enrollment]:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"l{n}", email=f"learner{n}@example.com", first_name=f"L{n}")
        for n in range(count)
    )
    long_ago = timezone.now() - timedelta(days=30)
    Enrollment.objects.bulk_create(
        Enrollment(user=u, course=course, source="free", last_active_at=long_ago) for u in users
    )
    return list(Enrollment.objects.filter(course=course).select_related("user"))


def announcement_send(course) -> tuple[str, int, type, set[str]]:
    announcement = AnnouncementFactory(course=course)
    people = SubscriberFactory.create_batch(PEOPLE, course=course)
    Delivery.objects.bulk_create(Delivery(announcement=announcement, subscriber=p) for p in people)
    return "waitlist.announcement", announcement.pk, Delivery, {p.email for p in people}


def message_send(course) -> tuple[str, int, type, set[str]]:
    enrolments = learners(course, PEOPLE)
    message = Message.objects.create(
        course=course, subject="Nieuws", body="Hoi {name}: {continue_url}", audience="all"
    )
    MessageDelivery.objects.bulk_create(
        MessageDelivery(message=message, enrollment=e) for e in enrolments
    )
    return "outreach.message", message.pk, MessageDelivery, {e.user.email for e in enrolments}


def reminder_send(course) -> tuple[str, int, type, set[str]]:
    enrolments = learners(course, PEOPLE)
    Reminder.objects.bulk_create(
        Reminder(course=course, enrollment=e, number=1) for e in enrolments
    )
    return "outreach.reminder", course.pk, Reminder, {e.user.email for e in enrolments}


def received(sink) -> Counter:
    return Counter(str(m["To"]) for m in sink.messages)


@pytest.mark.parametrize("make_send", [announcement_send, message_send, reminder_send])
def test_a_killed_worker_loses_no_mail_and_doubles_at_most_one(home_page, broker, make_send):
    course = build_course(home_page, modules=1, lessons_per_module=2)
    channel, group_id, model, everyone = make_send(course)

    with SmtpSink(delay=0.02) as sink, tempfile.TemporaryDirectory() as var:
        env = worker_env(broker=broker, sink=sink, var=var)
        log = Path(var) / "worker.log"
        app = Celery(broker=broker, set_as_current=False)
        worker = start_worker(env, log)
        try:
            app.send_task("delivery.tasks.send_deliveries", args=[channel, group_id])
            wait(
                lambda: len(sink.messages) >= 30, 60, f"the first mails; {log.read_text()[-2000:]}"
            )
            worker.send_signal(signal.SIGKILL)  # mid-send, without any chance to clean up
            worker.wait(timeout=10)
            assert len(sink.messages) < len(everyone), "finished before the kill: raise PEOPLE"
            worker = start_worker(env, log)
            sweeps = [0.0]

            def all_done() -> bool:
                if time.monotonic() - sweeps[-1] > 2:  # beat's sweeper, on its schedule
                    app.send_task("delivery.tasks.requeue_stalled")
                    sweeps.append(time.monotonic())
                return not model.objects.exclude(status="sent").exists()

            wait(all_done, 60, f"every row to be sent; log: {log.read_text()[-2000:]}")
        finally:
            stop(worker)
        counts = received(sink)

    assert set(counts) == everyone  # nobody lost
    assert sum(n - 1 for n in counts.values()) <= 1, counts.most_common(3)  # one crash


def test_crash_drill_with_default_settings_resumes_within_90_seconds(home_page, broker):
    """Issue #13 item 10: SIGKILL the sending worker mid-send with every lease and sweep
    setting at its default; a replacement worker (supervision) and beat's sweeper every
    DELIVERY_SWEEP_SECONDS bring the send back within 90 s, nobody is missed, and at most
    one person gets the mail twice."""
    from django.conf import settings

    course = build_course(home_page, modules=1, lessons_per_module=2)
    channel, group_id, model, everyone = message_send(course)
    tick = settings.CELERY_BEAT_SCHEDULE["delivery-requeue-stalled"]["schedule"].total_seconds()

    with SmtpSink(delay=0.02) as sink, tempfile.TemporaryDirectory() as var:
        env = worker_env(broker=broker, sink=sink, var=var)
        for name in ("DELIVERY_STALLED_AFTER_SECONDS", "DELIVERY_LEASE_SECONDS", "EMAIL_TIMEOUT"):
            env.pop(name)  # the defaults
        log = Path(var) / "worker.log"
        app = Celery(broker=broker, set_as_current=False)
        worker = start_worker(env, log)
        try:
            app.send_task("delivery.tasks.send_deliveries", args=[channel, group_id])
            wait(
                lambda: len(sink.messages) >= 30, 60, f"the first mails; {log.read_text()[-2000:]}"
            )
            worker.send_signal(signal.SIGKILL)
            killed_at = time.monotonic()
            worker.wait(timeout=10)
            at_kill = len(sink.messages)
            worker = start_worker(env, log)
            next_sweep = [killed_at + tick]

            def beat() -> None:
                if time.monotonic() >= next_sweep[0]:
                    app.send_task("delivery.tasks.requeue_stalled")
                    next_sweep[0] += tick

            def resumed() -> bool:
                beat()
                return len(sink.messages) > at_kill + 1

            wait(resumed, 120, f"the send to resume; log: {log.read_text()[-2000:]}")
            resumed_after = time.monotonic() - killed_at

            def all_done() -> bool:
                beat()
                return not model.objects.exclude(status="sent").exists()

            # The row in flight at the kill keeps its send lease (5 x EMAIL_TIMEOUT + 5 s).
            wait(all_done, 300, f"every row to be sent; log: {log.read_text()[-2000:]}")
        finally:
            stop(worker)
        counts = received(sink)

    assert resumed_after <= 90, f"sending resumed {resumed_after:.0f} s after the kill"
    assert set(counts) == everyone
    assert sum(n - 1 for n in counts.values()) <= 1, counts.most_common(3)
