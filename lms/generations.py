"""Generation counters: a number in the cache that is part of every key of a family of cached
entries, so bumping it makes the whole family stale at once without finding its keys."""

from __future__ import annotations

import time

from django.core.cache import cache


def _fresh() -> int:
    # A counter the cache lost (evicted, flushed, Redis restarted) must never restart at a
    # number it had before: entries stored under that number would come back to life. The
    # clock in nanoseconds is past any count reached by bumping an earlier reading of it.
    return time.time_ns()


def generation_read(key: str) -> int:
    return cache.get_or_set(key, _fresh, None)


def generation_bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # missing: start afresh rather than at a number used before
        cache.set(key, _fresh(), None)
