"""The Celery application: configured from Django settings, tasks found in every app.

The broker (Redis) is the one thing that truly needs Redis. A task queued while it is away
(`.delay()` after a committed write: a mail, an announcement) must not turn the request
that made the write into an error page: the write is stored, and the message waits. Every
task of this app is a `DeferringTask`: when publishing fails because the broker cannot be
reached, the message is kept in this process and a background thread publishes it once the
broker answers (oldest first, every `REDELIVER_SECONDS`, at most `MAX_DEFERRED` messages).
A process that exits before the broker returns loses what it kept; the beat sweepers then
bring back what they cover (announcements: `waitlist.tasks.dispatch_due_announcements` and
`requeue_stalled_announcements`; paid orders: `payments.tasks.reconcile_checkout_sessions`).

kombu's Redis transport, with a fix for a worker that outlives a Redis restart, is in
lms/celery_redis.py: kombu loads it from CELERY_BROKER_TRANSPORT on the first connection.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque

from celery import Celery, Task
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.base")

logger = logging.getLogger(__name__)

REDELIVER_SECONDS = 5.0
MAX_DEFERRED = 10_000
BROKER_AWAY = (OperationalError, ConnectionError, TimeoutError, OSError)


class _Deferred:
    """Messages that could not be published, and the thread that publishes them later."""

    def __init__(self) -> None:
        self.messages: deque[tuple[Celery, str, tuple, dict, dict]] = deque(maxlen=MAX_DEFERRED)
        self.lock = threading.Lock()
        self.flushing = threading.Lock()  # one publisher at a time, so none is sent twice
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None

    def keep(self, celery_app: Celery, name: str, args, kwargs, options: dict) -> None:
        with self.lock:
            if len(self.messages) == self.messages.maxlen:
                logger.error("deferred task queue full: dropping the oldest message")
            self.messages.append((celery_app, name, tuple(args or ()), dict(kwargs or {}), options))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._run, name="celery-redeliver", daemon=True
                )
                self.thread.start()

    def _run(self) -> None:
        while True:
            self.wake.wait(REDELIVER_SECONDS)
            self.wake.clear()
            if not self.flush():
                continue
            with self.lock:
                if not self.messages:
                    self.thread = None
                    return

    def flush(self) -> bool:
        """Publish what was kept; False when the broker is still away."""
        with self.flushing:
            return self._flush()

    def _flush(self) -> bool:
        while True:
            with self.lock:
                if not self.messages:
                    return True
                celery_app, name, args, kwargs, options = self.messages[0]
            try:
                celery_app.send_task(name, args=args, kwargs=kwargs, **options)
            except BROKER_AWAY:
                return False
            with self.lock:
                self.messages.popleft()  # only a flush takes messages out, one at a time
            logger.info("deferred task %s published", name)

    def __len__(self) -> int:
        return len(self.messages)


deferred = _Deferred()


class DeferringTask(Task):
    """A task whose `.delay()` / `.apply_async()` never fails because the broker is away:
    the message is kept and published later (see the module docstring)."""

    def apply_async(self, args=None, kwargs=None, **options):
        try:
            return super().apply_async(args=args, kwargs=kwargs, **options)
        except BROKER_AWAY as error:
            if self.app.conf.task_always_eager:
                raise
            logger.error("broker unreachable (%s): task %s deferred", error, self.name)
            kept = {k: v for k, v in options.items() if k in {"countdown", "eta", "queue"}}
            deferred.keep(self.app, self.name, args, kwargs, kept)
            return None


app = Celery("lms", task_cls=DeferringTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
