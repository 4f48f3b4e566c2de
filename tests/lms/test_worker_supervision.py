"""A Redis restart in the middle of a send leaves every Celery worker alive (issue 13, item 9).

With celery 5.7.0 the worker that was running a task when Redis went away logged
"Unrecoverable error: AttributeError('NoneType' object has no attribute 'hostname')" and
exited once the task was done; `lms.celery_redis.RedisTransport` fixes that. The drill runs two
real prefork workers (as in production) on PostgreSQL or SQLite and a Redis server of its
own, in .ci/run's second pass (CELERY_WORKER_TESTS=1).
"""

import os
import shutil
import signal
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

from lms.celery_redis import RedisTransport, _RedisChannel
from tests.factories import AnnouncementFactory, SubscriberFactory, build_course
from tests.redis_server import RedisServer
from tests.redis_server import wait as _wait
from tests.smtp import SmtpSink
from waitlist.models import Delivery

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 150


def test_a_torn_down_transport_gives_a_connection_error_that_kombu_ignores():
    """The unit of the fix: what celery 5.7.0's close-after-collect runs into."""
    channel = _RedisChannel.__new__(_RedisChannel)
    channel.connection = type("DetachedTransport", (), {"client": None})()
    with pytest.raises(redis.exceptions.ConnectionError):
        channel._connparams()
    assert redis.exceptions.ConnectionError in RedisTransport.connection_errors


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _start_worker(n: int, env: dict, log: Path) -> subprocess.Popen:
    """A worker as production runs it: prefork, two processes."""
    command = [sys.executable, "-m", "celery", "-A", "lms", "worker", "--concurrency", "2"]
    command += ["--loglevel", "INFO", "-n", f"drill{n}-{time.monotonic_ns()}@%h"]
    output = log.open("ab")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    not (os.environ.get("CELERY_WORKER_TESTS") == "1" and shutil.which("redis-server")),
    reason="needs CELERY_WORKER_TESTS=1 and redis-server (.ci/run)",
)
def test_redis_restarted_mid_send_leaves_every_worker_alive_and_nobody_missed(home_page):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    announcement = AnnouncementFactory(course=course)
    people = SubscriberFactory.create_batch(PEOPLE, course=course)
    Delivery.objects.bulk_create(Delivery(announcement=announcement, subscriber=p) for p in people)

    with tempfile.TemporaryDirectory() as var, SmtpSink(delay=0.02) as sink:
        server = RedisServer(var)
        server.start()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.base",
            "DEBUG": "1",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": server.url(0),
            "CACHE_URL": "locmemcache://",
            "EMAIL_URL": sink.url,
            "SITE_URL": "http://testserver",
            "VAR_DIR": var,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "WAITLIST_SWEEP_AFTER_SECONDS": "1",
            "WAITLIST_SEND_BATCH_SIZE": "25",
        }
        logs = [Path(var) / f"worker{n}.log" for n in (1, 2)]
        workers = [_start_worker(n, env, log) for n, log in enumerate(logs, 1)]

        def tail() -> str:
            return "\n".join(log.read_text()[-1500:] for log in logs)

        try:
            # Both workers up before the send (slow on a busy machine).
            _wait(lambda: all("ready." in log.read_text() for log in logs), 180, "the workers")
            app = Celery(broker=server.url(0), set_as_current=False)
            app.send_task("waitlist.tasks.send_announcement", args=[announcement.pk])
            _wait(lambda: len(sink.messages) >= 30, 120, f"the first mails; logs:\n{tail()}")
            server.kill()
            assert len(sink.messages) < PEOPLE, "the send finished before Redis died"
            time.sleep(1)
            server.start()  # empty: the queue died with Redis's memory
            time.sleep(8)  # the busy worker's task ends; with the bug, its worker exits now

            def all_sent() -> bool:
                if Delivery.objects.exclude(status=Delivery.Status.SENT).exists():
                    # What beat does every two minutes (harmless while the send runs).
                    Celery(broker=server.url(0), set_as_current=False).send_task(
                        "waitlist.tasks.requeue_stalled_announcements"
                    )
                    time.sleep(2)
                    return False
                return True

            _wait(all_sent, 180, f"every delivery to be sent; logs:\n{tail()}")
            # With the bug, the busy worker exits once its task is done: give it the time.
            time.sleep(10)
            alive = [worker.poll() is None for worker in workers]
            whole = "\n".join(log.read_text() for log in logs)
            assert "Unrecoverable error" not in whole, f"a worker gave up; logs:\n{tail()}"
            assert alive == [True, True], f"a worker exited; logs:\n{tail()}"
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.send_signal(signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
            server.kill()
        received = Counter(str(m["To"]) for m in sink.messages)

    assert set(received) == {p.email for p in people}  # nobody missing
    assert sum(n - 1 for n in received.values()) <= 1  # at most one duplicate
