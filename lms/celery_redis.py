"""kombu's Redis transport with the fix that keeps a Celery worker alive through a Redis
restart (`RedisTransport`), named by CELERY_BROKER_TRANSPORT when the broker is Redis.

A module of its own so that only a process that connects to a Redis broker imports kombu's
Redis transport (and redis-py with it): kombu loads the transport from the setting's string
on the first connection. Web workers on the demo's filesystem broker or the benches' memory
broker never do, and one with a Redis broker only once it publishes a task (issue 21).
"""

from __future__ import annotations

from kombu.transport import redis as kombu_redis
from redis import exceptions as redis_errors


class _RedisChannel(kombu_redis.Channel):
    def _connparams(self, asynchronous=False):
        if self.connection.client is None:
            # The transport was already torn down: say so with an error that kombu's
            # ignore_errors() expects, instead of an AttributeError that kills the worker.
            raise redis_errors.ConnectionError("broker connection already closed")
        return super()._connparams(asynchronous=asynchronous)


class RedisTransport(kombu_redis.Transport):
    """kombu's Redis transport, with one fix for a worker that exits after a Redis restart.

    Celery 5.7.0 (kombu 5.7.0, redis-py 8.1.0), on losing the broker while a task runs,
    first `collect()`s the connection (which detaches the transport from it) and then
    `close()`s it (`Consumer.on_connection_error_after_connected`, from celery PRs #10242 and
    #10570 for GH-9705). Closing restores the unacknowledged message, which needs a new
    Redis client, which reads the detached transport's `client` (None) in `_connparams`:
    AttributeError, which `ignore_errors` does not ignore, so the worker logs "Unrecoverable
    error" and exits once its task is done. Here that case raises a connection error, which
    is ignored: the worker reconnects and goes on. The message it could not restore stays
    in Redis's unacked set if Redis kept it (restored after the visibility timeout; every
    task is safe to run twice) and is gone with Redis's memory otherwise (the beat sweepers
    bring announcements back). No release of celery or kombu fixes it yet (5.7.0 is the
    latest on PyPI); drop this class when one does (tests/lms/test_worker_supervision.py).
    """

    Channel = _RedisChannel
