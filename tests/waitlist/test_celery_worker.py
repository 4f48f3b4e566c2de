"""A real Celery worker on Redis during the launch announcement: the worker killed mid-send,
and Redis itself restarted mid-send.

Runs in .ci/run's PostgreSQL pass (CELERY_WORKER_TESTS=1, REDIS_URL set). The worker is a
subprocess on the same test database, with its own Redis broker database (or, for the
restart, a Redis server of its own) and a slow SMTP sink.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from celery import Celery
from django.db import connection

from tests.factories import AnnouncementFactory, CoursePageFactory, SubscriberFactory, build_course
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


def worker_env(*, broker: str, sink: SmtpSink, var: str) -> dict:
    return {
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
        "DELIVERY_STALLED_AFTER_SECONDS": "1",
        "DELIVERY_BATCH_SIZE": "25",
        # A killed worker's claimed rows wait for their lease; keep it short here. The row it
        # was sending waits 5 x EMAIL_TIMEOUT + 5 s.
        "DELIVERY_LEASE_SECONDS": "6",
        "EMAIL_TIMEOUT": "2",
    }


def stop(worker: subprocess.Popen) -> None:
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()


def test_killed_worker_resumes_and_everyone_gets_the_announcement_once(home_page, broker):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    announcement = AnnouncementFactory(course=course)
    people = SubscriberFactory.create_batch(PEOPLE, course=course)
    Delivery.objects.bulk_create(Delivery(announcement=announcement, subscriber=p) for p in people)

    with SmtpSink(delay=0.02) as sink, tempfile.TemporaryDirectory() as var:
        env = worker_env(broker=broker, sink=sink, var=var)
        log = Path(var) / "worker.log"
        app = Celery(broker=broker, set_as_current=False)
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
            # killed worker's lease on its batch has run out, and the row it was sending
            # once that row's longer lease has.
            worker = start_worker(env, log)
            time.sleep(6.5)  # the killed worker's lease on its batch runs out
            app.send_task("waitlist.tasks.requeue_stalled_announcements")
            sweeps = [time.monotonic()]

            def all_sent() -> bool:
                if time.monotonic() - sweeps[-1] > 2:  # beat's sweeper, on its schedule
                    app.send_task("delivery.tasks.requeue_stalled")
                    sweeps.append(time.monotonic())
                return not Delivery.objects.exclude(status=Delivery.Status.SENT).exists()

            wait(all_sent, 40, f"every delivery to be sent; log: {log.read_text()[-2000:]}")
        finally:
            stop(worker)
        received = Counter(str(m["To"]) for m in sink.messages)

    assert set(received) == {p.email for p in people}  # everyone got it
    duplicates = sum(n - 1 for n in received.values())
    # Documented bound: at most one duplicate per crash (the row sent but not yet committed).
    assert duplicates <= 1, received.most_common(3)


class RedisServer:
    """A Redis server of this test's own, configured like the machine's (nothing kept on
    disk), so restarting it loses whatever was queued and disturbs no other test."""

    def __init__(self, directory: str):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", self.directory],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port)
        wait(lambda: _pings(client), 10, "the test's Redis server")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()  # a crash: no chance to save or say goodbye
        self.process.wait(timeout=10)


def _pings(client) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs the redis-server program")
def test_redis_restarted_mid_send_loses_no_announcement_and_doubles_none(home_page):
    """Redis dies and comes back empty while the worker sends announcement A and announcement
    B waits in the queue behind it. A's send goes on (it needs the database and SMTP, not
    Redis); B's queued message dies with Redis's memory, and the beat sweeper (run here as beat
    would) brings B back from its pending delivery rows. Nobody gets a mail twice."""
    first = build_course(home_page, modules=1, lessons_per_module=1)
    second = CoursePageFactory(parent=home_page, slug="tweede")
    sends = {}
    for course, size in ((first, PEOPLE), (second, 20)):
        announcement = AnnouncementFactory(course=course)
        people = SubscriberFactory.create_batch(size, course=course)
        Delivery.objects.bulk_create(
            Delivery(announcement=announcement, subscriber=p) for p in people
        )
        sends[announcement.pk] = people

    with (
        tempfile.TemporaryDirectory() as var,
        SmtpSink(delay=0.02) as sink,
    ):
        redis_server = RedisServer(var)
        redis_server.start()
        env = worker_env(broker=redis_server.url, sink=sink, var=var)
        log = Path(var) / "worker.log"
        app = Celery(broker=redis_server.url, set_as_current=False)
        worker = start_worker(env, log)
        try:
            for announcement_id in sends:  # one worker, one task at a time: B waits for A
                app.send_task("waitlist.tasks.send_announcement", args=[announcement_id])
            wait(lambda: len(sink.messages) >= 30, 30, "the first mails")
            redis_server.kill()
            assert len(sink.messages) < PEOPLE, "A finished before Redis died: raise PEOPLE"
            time.sleep(0.5)
            redis_server.start()
            assert redis.Redis(port=redis_server.port).dbsize() == 0  # the queue is gone
            first_id, second_id = sends

            def sent(announcement_id) -> int:
                return Delivery.objects.filter(
                    announcement_id=announcement_id, status=Delivery.Status.SENT
                ).count()

            wait(
                lambda: sent(first_id) == PEOPLE, 40, f"A to finish; log: {log.read_text()[-2000:]}"
            )
            time.sleep(1.5)  # B's message is lost; B is only pending rows now
            assert sent(second_id) == 0
            app = Celery(
                broker=redis_server.url, set_as_current=False
            )  # what beat does on its schedule
            app.send_task("waitlist.tasks.requeue_stalled_announcements")
            wait(lambda: sent(second_id) == 20, 40, f"B to be sent; log: {log.read_text()[-2000:]}")
        finally:
            stop(worker)
            redis_server.kill()
        received = Counter(str(m["To"]) for m in sink.messages)

    everyone = {p.email for people in sends.values() for p in people}
    assert set(received) == everyone
    assert received.most_common(1)[0][1] == 1  # nobody twice
