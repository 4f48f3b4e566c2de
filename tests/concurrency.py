"""One way to make things happen at the same moment in tests: each call in its own thread,
all released together by a barrier, each thread closing its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def run_at_once(*calls: Callable[[], Any], timeout: float = 30) -> list[Any]:
    """Run `calls` in parallel threads that start together; return their results in order.

    A call that raised gives its exception as its result, so a test can assert that there
    was none (`assert not any(isinstance(r, BaseException) for r in results)`).
    """
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            results[index] = call()
        except BaseException as error:  # handed to the test as the result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if any(thread.is_alive() for thread in threads):
        raise TimeoutError("a concurrent call did not finish in time")
    return results


def errors_in(results: list[Any]) -> list[BaseException]:
    return [r for r in results if isinstance(r, BaseException)]
