"""A task queued while the broker (Redis) is away waits in the process and is published when
the broker is back, instead of failing the request that queued it (issue 13, item 7)."""

import tempfile

import pytest
from celery import Celery

from lms.celery import DeferringTask, deferred
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.skipif(not REDIS_SERVER, reason="needs the redis-server program")


def test_a_task_queued_while_the_broker_is_away_is_published_once_it_is_back():
    with tempfile.TemporaryDirectory() as directory:
        server = RedisServer(directory)
        server.start()
        app = Celery("outage", broker=server.url(0), task_cls=DeferringTask, set_as_current=False)
        app.conf.update(
            broker_connection_timeout=1,
            task_publish_retry_policy={"max_retries": 1, "interval_start": 0},
        )

        @app.task(name="outage.mail")
        def mail(person_id):
            return person_id

        try:
            server.kill()
            assert mail.delay(7) is None  # no exception: the request that queued it answers
            assert len(deferred) == 1
            assert deferred.flush() is False  # still away: kept

            server.start()
            assert deferred.flush() is True
            assert len(deferred) == 0
            assert server.client().llen("celery") == 1  # published once
        finally:
            deferred.messages.clear()
            server.kill()
