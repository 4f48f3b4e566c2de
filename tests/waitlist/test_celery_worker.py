"""A real Celery worker on Redis, killed in the middle of the launch announcement.

Runs in .ci/run's PostgreSQL pass (CELERY_WORKER_TESTS=1, REDIS_URL set). The worker is a
subprocess on the same test database, with its own Redis broker database and a slow SMTP sink.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection

from tests.factories import AnnouncementFactory, SubscriberFactory, build_course
from tests.smtp import SmtpSink
from waitlist.models import Delivery

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not (os.environ.get("CELERY_WORKER_TESTS") == "1" and os.environ.get("REDIS_URL")),
        reason="needs CELERY_WORKER_TESTS=1 and REDIS_URL (.ci/run sets them)",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 120


def database_url() -> str:
    s = connection.settings_dict
    engine = {"postgresql": "postgres", "sqlite": "sqlite"}[connection.vendor]
    if engine == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def broker_url() -> str:
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    return f"{base}/{12 + worker % 4}"


@pytest.fixture
def broker():
    import redis

    url = broker_url()
    redis.Redis.from_url(url).flushdb()
    yield url
    redis.Redis.from_url(url).flushdb()


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "-n",
            f"waitlist-test-{time.monotonic_ns()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_killed_worker_resumes_and_everyone_gets_the_announcement_once(home_page, broker):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    announcement = AnnouncementFactory(course=course)
    people = SubscriberFactory.create_batch(PEOPLE, course=course)
    Delivery.objects.bulk_create(Delivery(announcement=announcement, subscriber=p) for p in people)

    with SmtpSink(delay=0.02) as sink, tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.base",
            "DEBUG": "1",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "CACHE_URL": "locmemcache://",
            "EMAIL_URL": sink.url,
            "SITE_URL": "http://testserver",
            "VAR_DIR": var,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "WAITLIST_SWEEP_AFTER_SECONDS": "1",
            "WAITLIST_SEND_BATCH_SIZE": "25",
            # A killed worker's claimed rows wait for their lease; keep it short here.
            "WAITLIST_CLAIM_SECONDS": "6",
            "EMAIL_TIMEOUT": "2",
        }
        log = Path(var) / "worker.log"
        app = Celery(broker=broker)
        worker = start_worker(env, log)
        try:
            app.send_task("waitlist.tasks.send_announcement", args=[announcement.pk])
            wait(lambda: len(sink.messages) >= 30, 30, "the first mails")
            worker.send_signal(signal.SIGKILL)  # mid-send, without any chance to clean up
            worker.wait(timeout=10)
            sent_before_kill = len(sink.messages)
            assert sent_before_kill < PEOPLE, "the send finished before the kill: raise PEOPLE"

            # The killed task's message stays invisible on Redis for the visibility timeout;
            # the beat sweeper brings the rest back (its threshold is 1 s here), once the
            # killed worker's lease on its batch has run out.
            worker = start_worker(env, log)
            time.sleep(6.5)  # the killed worker's lease on its batch runs out
            app.send_task("waitlist.tasks.requeue_stalled_announcements")

            def all_sent() -> bool:
                return not Delivery.objects.exclude(status=Delivery.Status.SENT).exists()

            wait(all_sent, 40, f"every delivery to be sent; log: {log.read_text()[-2000:]}")
        finally:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
        received = Counter(str(m["To"]) for m in sink.messages)

    assert set(received) == {p.email for p in people}  # everyone got it
    duplicates = sum(n - 1 for n in received.values())
    # Documented bound: at most one duplicate per crash (the row sent but not yet committed).
    assert duplicates <= 1, received.most_common(3)
