"""Django's Redis cache, made so that Redis being away is a slower site, not an outage.

`core.caching` explains the rules (its "When Redis is away" section); this is the
mechanism. It is configured as the cache BACKEND whenever CACHE_URL points at Redis
(lms/settings/base.py). It imports no models: Django may build the cache before the apps
are ready.

While a call to Redis fails with a connection error or a time-out, the backend is "down"
for `RETRY_SECONDS` (one failed connect per process and interval, not one per cache call),
and:

- reads are misses (`get` returns the default, `has_key` False, `get_many` {}), so pages
  render from the database and sessions (`cached_db`) are read from it;
- writes do nothing, and their keys are remembered (up to `MAX_DIRTY_KEYS`); when Redis
  answers again, this process deletes those keys before anything else. A session that was
  logged out, a cache generation that was bumped by a publish, is then not served from a
  Redis that kept its old copy (a network partition rather than a restart);
- counters (rate limits, once-per-interval slots, allauth's log-in limits and their locks:
  `COUNTER_PREFIXES`) are kept in this process's memory instead, so a limit still limits:
  per process, so with N processes an address or account gets at most N times its allowance
  while Redis is away.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)

# Errors that mean "Redis is not there right now" (stopped, restarting, loading its data,
# unreachable, a read-only replica after a fail-over); anything else is a bug and raises.
UNAVAILABLE = (
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
    redis_errors.ReadOnlyError,
    ConnectionError,
    TimeoutError,
)
COUNTER_PREFIXES = ("rate:", "slot:", "allauth:rl:")
RETRY_SECONDS = 1.0
MAX_DIRTY_KEYS = 10_000
_MISSING = object()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        options = params.setdefault("OPTIONS", {})
        # A Redis that hangs must not hang every request: fail fast, then stay away a while.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._was_down = False
        self._dirty: set[str] = set()
        # Django builds a cache object per thread; LocMemCaches of one name share their store
        # and lock, so the fallback counters are one set per process.
        self._counters = LocMemCache(f"resilient-counters:{server}", {"TIMEOUT": 3600})

    # --- the circuit ---------------------------------------------------------------------

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _trip(self, error: Exception) -> None:
        with self._lock:
            first = not self._was_down
            self._was_down = True
            self._down_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error("Redis cache unreachable (%s): serving without it", error)

    def _forget_dirty(self) -> None:
        """First call after an outage: delete what this process could not write, before
        anything is read (raises while Redis is still away)."""
        with self._lock:
            dirty, self._dirty = list(self._dirty), set()
        try:
            if dirty:
                super().delete_many(dirty)
        except UNAVAILABLE:
            with self._lock:
                self._dirty.update(dirty)
            raise
        self._was_down = False
        logger.warning("Redis cache back; %d key(s) written meanwhile were dropped", len(dirty))

    def _remember(self, keys: Iterable[str]) -> None:
        with self._lock:
            for key in keys:
                if len(self._dirty) >= MAX_DIRTY_KEYS:
                    break
                self._dirty.add(key)

    @staticmethod
    def _is_counter(key: str) -> bool:
        return key.startswith(COUNTER_PREFIXES)

    def _run(
        self,
        keys: list[str],
        call: Callable[[], Any],
        *,
        counter: Callable[[], Any],
        degraded: Any,
        writes: bool,
    ) -> Any:
        if not self.is_down:
            try:
                if self._was_down:
                    self._forget_dirty()
                return call()
            except UNAVAILABLE as error:
                self._trip(error)
        if keys and all(self._is_counter(key) for key in keys):
            return counter()
        if writes:
            self._remember(keys)
        return degraded

    # --- the cache API -------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._run(
            [key],
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            counter=lambda: self._counters.get(key, default, version),
            degraded=default,
            writes=False,
        )

    def has_key(self, key, version=None):
        return self._run(
            [key],
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            counter=lambda: self._counters.has_key(key, version),
            degraded=False,
            writes=False,
        )

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._run(
            keys,
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            counter=lambda: self._counters.get_many(keys, version),
            degraded={},
            writes=False,
        )

    def set(self, key, value, timeout=_MISSING, version=None):
        timeout = self.default_timeout if timeout is _MISSING else timeout
        return self._run(
            [key],
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            counter=lambda: self._counters.set(key, value, timeout, version),
            degraded=None,
            writes=True,
        )

    def add(self, key, value, timeout=_MISSING, version=None):
        timeout = self.default_timeout if timeout is _MISSING else timeout
        return self._run(
            [key],
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            counter=lambda: self._counters.add(key, value, timeout, version),
            degraded=False,
            writes=True,
        )

    def touch(self, key, timeout=_MISSING, version=None):
        timeout = self.default_timeout if timeout is _MISSING else timeout
        return self._run(
            [key],
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            counter=lambda: self._counters.touch(key, timeout, version),
            degraded=False,
            writes=True,
        )

    def delete(self, key, version=None):
        return self._run(
            [key],
            lambda: super(ResilientRedisCache, self).delete(key, version),
            counter=lambda: self._counters.delete(key, version),
            degraded=False,
            writes=True,
        )

    def set_many(self, data, timeout=_MISSING, version=None):
        timeout = self.default_timeout if timeout is _MISSING else timeout
        keys = list(data)
        return self._run(
            keys,
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            counter=lambda: self._counters.set_many(data, timeout, version),
            degraded=keys,  # Django's convention: the keys that could not be stored
            writes=True,
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._run(
            keys,
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            counter=lambda: self._counters.delete_many(keys, version),
            degraded=None,
            writes=True,
        )

    def incr(self, key, delta=1, version=None):
        def degraded_incr():
            raise ValueError(f"Key '{key}' not found (Redis unreachable)")

        result = self._run(
            [key],
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            counter=lambda: self._counters.incr(key, delta, version),
            degraded=_MISSING,
            writes=True,
        )
        if result is _MISSING:
            degraded_incr()
        return result

    def clear(self):
        self._counters.clear()
        return self._run(
            [],
            lambda: super(ResilientRedisCache, self).clear(),
            counter=lambda: None,
            degraded=False,
            writes=False,
        )
