"""Capacity: how many concurrent, realistic learners the production-like stack serves with a
p95 latency under 500 ms and no errors, on this machine.

    .venv/bin/python bench/capacity.py [--steps 250 500 750 1000 1250 1500 2000]
        [--seconds 60] [--warmup 15] [--nodes 1] [--workers 4] [--threads 2]
        [--port 8765] [--db lms_capacity] [--redis-port 6379]

The stack is scripts/prodlike: gunicorn under the production configuration
(deploy/gunicorn.conf.py, 4 workers x 2 threads by default; access log and max_requests
as in production), Celery workers and beat, PostgreSQL and Redis; `--nodes 2` puts two
gunicorn masters behind HAProxy instead. The load generator runs on the same machine.

A learner, with 2.5-7.5 s of think time (uniform) before each action: opens the dashboard,
then lesson after lesson opens the lesson and marks it done (a POST with the page's CSRF
token, as the page's button sends it), and every --lessons-per-visit lessons opens the
dashboard again. Each learner is a logged-in user with their own session and one kept-alive
connection, reopened when it sat idle longer than the servers keep it (as a browser does).
Learners arrive spread over the first think time.

For each step (number of learners) the progress of all bench learners is reset, the learners
run for --warmup + --seconds, and latencies count from the end of the warm-up; errors
(an answer other than 200, a timeout, a broken connection) count over the whole step. After
the step, the database must hold every progress mark a learner saw acknowledged, once.

A step holds when p95 < --p95-ms (500), there were no errors and no acknowledged mark is
missing. Stepping stops at the first step that does not hold (--keep-going runs them all);
--refine N then halves the gap between the last step that held and the first that did not
until it is at most N learners. Prints, per step, req/s, p50/p95/p99, errors, marks, the
web workers' and the generator's CPU and the generator's event-loop lag (a generator that
cannot keep up shows lag; its CPU is reported so that it is never the hidden bottleneck),
then the largest number that held. Figures go to test-artifacts/bench/capacity.json.

The generator is asyncio with a minimal HTTP/1.1 client: wrk cannot script a learner who
reads a token from one page and posts it, and httpx costs about three times the CPU per
request. 1,500 learners make about 300 requests per second; the generator needs a few
per cent of a core for that (reported).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import project
from bench.harness import write_artifact
from bench.stack import Stack, machine_cpu, rss_mib

HOST = "127.0.0.1"
PREFIX = "capacity"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# A kept-alive connection idle for longer than this is reopened before the next request:
# gunicorn closes idle connections after `keepalive` = 5 s (deploy/gunicorn.conf.py), and so
# does HAProxy (timeout http-keep-alive 5s in scripts/prodlike).
IDLE_REUSE_SECONDS = 4.0


# --- A minimal HTTP/1.1 client -------------------------------------------------------------------


class ClosedBeforeAnswer(ConnectionError):
    """The server closed a kept-alive connection before sending any byte of the answer."""


class Browser:
    """One learner's browser: a cookie jar and one kept-alive connection."""

    def __init__(self, port: int, cookies: dict[str, str]) -> None:
        self.port = port
        self.cookies = dict(cookies)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0
        self.reopened = 0  # connections reopened after the server closed an idle one

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def _open(self) -> None:
        self.close()
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> tuple[int, bytes]:
        fresh = False
        if self.writer is None or time.monotonic() - self.last_used > IDLE_REUSE_SECONDS:
            await self._open()
            fresh = True
        try:
            status, answer_headers, content = await self._exchange(method, path, headers, body)
        except (ClosedBeforeAnswer, ConnectionResetError, BrokenPipeError):
            if fresh:
                raise
            # The server closed the idle connection as we sent (a worker restarting after
            # max_requests does): nothing was answered, so send again, as browsers do.
            self.reopened += 1
            await self._open()
            status, answer_headers, content = await self._exchange(method, path, headers, body)
        self.last_used = time.monotonic()
        for name, value in answer_headers:
            if name == "set-cookie":
                cookie, _, _rest = value.partition(";")
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
            elif name == "connection" and value.lower() == "close":
                self.close()
        return status, content

    async def _exchange(self, method, path, headers, body) -> tuple[int, list, bytes]:
        assert self.reader is not None and self.writer is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ClosedBeforeAnswer
        status = int(status_line.split(b" ", 2)[1])
        answer_headers = []
        length = None
        chunked = False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            answer_headers.append((name, value))
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        if chunked:
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            content = b"".join(parts)
        elif length is not None:
            content = await self.reader.readexactly(length)
        else:
            content = await self.reader.read()
            self.close()
        return status, answer_headers, content


# --- Learners ------------------------------------------------------------------------------------


@dataclass
class StepStats:
    learners: int
    measure_from: float
    measure_until: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    acknowledged: set[tuple[int, int]] = field(default_factory=set)
    attempted: int = 0
    reopened: int = 0
    lag_ms: list[float] = field(default_factory=list)

    def all_latencies(self) -> list[float]:
        return [v for values in self.latencies.values() for v in values]


async def visit(browser: Browser, stats: StepStats, kind: str, method: str, path: str, **kw):
    started = time.monotonic()
    try:
        status, content = await asyncio.wait_for(browser.request(method, path, **kw), 30)
    except TimeoutError:
        browser.close()
        stats.errors[f"{kind}: timeout"] += 1
        return 0, b""
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
        browser.close()
        stats.errors[f"{kind}: {type(error).__name__}"] += 1
        return 0, b""
    if stats.measure_from <= started < stats.measure_until:
        stats.latencies.setdefault(kind, []).append((time.monotonic() - started) * 1000)
    if status != 200:
        stats.errors[f"{kind}: {status}"] += 1
    return status, content


async def learner(number: int, user_id: int, session: str, data: dict, stats: StepStats, args):
    rng = random.Random(f"{number}-{stats.learners}")
    browser = Browser(args.port, {"sessionid": session})
    lessons = data["lessons"]
    index = number % len(lessons)
    end = stats.measure_until

    async def think() -> bool:
        pause = rng.uniform(args.think[0], args.think[1])
        left = end - time.monotonic()
        await asyncio.sleep(max(0.0, min(pause, left)))
        return time.monotonic() < end

    try:
        # Arrivals spread over one think time, not all at the first instant.
        await asyncio.sleep(rng.uniform(0, args.think[1]))
        while time.monotonic() < end:
            await visit(browser, stats, "dashboard", "GET", data["dashboard"])
            for _ in range(args.lessons_per_visit):
                if not await think():
                    return
                page_id, url, done_url = lessons[index % len(lessons)]
                index += 1
                status, content = await visit(browser, stats, "lesson", "GET", url)
                if status != 200 or not await think():
                    continue
                token = TOKEN.search(content)
                stats.attempted += 1
                status, content = await visit(
                    browser,
                    stats,
                    "mark done",
                    "POST",
                    done_url,
                    headers={
                        "X-CSRFToken": token.group(1).decode() if token else "",
                        "Accept": "application/json",
                        "Referer": f"http://{HOST}:{args.port}{url}",
                    },
                )
                if status == 200 and json.loads(content).get("done") is True:
                    stats.acknowledged.add((user_id, page_id))
            if not await think():
                return
    finally:
        stats.reopened += browser.reopened
        browser.close()


async def lag_monitor(stats: StepStats, until: float) -> None:
    """How late the event loop wakes up: a generator short of CPU shows it here first."""
    interval = 0.05
    while time.monotonic() < until:
        before = time.monotonic()
        await asyncio.sleep(interval)
        stats.lag_ms.append(max(0.0, (time.monotonic() - before - interval) * 1000))


async def run_learners(count: int, data: dict, args) -> StepStats:
    now = time.monotonic()
    stats = StepStats(count, now + args.warmup, now + args.warmup + args.seconds)
    sessions = data["sessions"][:count]
    await asyncio.gather(
        lag_monitor(stats, stats.measure_until),
        *(
            learner(n, user_id, session, data, stats, args)
            for n, (user_id, session) in enumerate(sessions)
        ),
    )
    return stats


# --- Steps ---------------------------------------------------------------------------------------


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100)[q - 1]


def run_step(stack: Stack, count: int, data: dict, args) -> dict:
    stack.django(project.reset_script(PREFIX))
    workers = stack.web_workers()
    web_before = stack.web_cpu_seconds()
    busy_before, total_before = machine_cpu()
    gen_before = time.process_time()
    wall_before = time.monotonic()
    stats = asyncio.run(run_learners(count, data, args))
    wall = time.monotonic() - wall_before
    generator_cpu = (time.process_time() - gen_before) / wall
    busy_after, total_after = machine_cpu()
    web_cpu = (stack.web_cpu_seconds() - web_before) / wall
    workers_after = stack.web_workers()
    stored = [tuple(mark) for mark in stack.django(project.marks_script(PREFIX))["marks"]]
    stored_set = set(stored)
    lost = stats.acknowledged - stored_set
    latencies = stats.all_latencies()
    errors = sum(stats.errors.values())
    p95 = percentile(latencies, 95)
    result = {
        "learners": count,
        "requests": len(latencies),
        "rps": len(latencies) / args.seconds,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": p95,
        "p99_ms": percentile(latencies, 99),
        "p95_ms_by_kind": {k: percentile(v, 95) for k, v in sorted(stats.latencies.items())},
        "errors": errors,
        "error_kinds": dict(stats.errors),
        "marks_attempted": stats.attempted,
        "marks_acknowledged": len(stats.acknowledged),
        "marks_stored": len(stored),
        "marks_lost": len(lost),
        "marks_duplicated": len(stored) - len(stored_set),
        "connections_reopened": stats.reopened,
        "machine_cpu": (busy_after - busy_before) / max(1, total_after - total_before),
        "web_cpu": web_cpu,
        "web_workers_restarted": len(set(workers_after) - set(workers)),
        "web_worker_rss_mib_max": max((rss_mib(pid) for pid in workers_after), default=0.0),
        "generator_cpu": generator_cpu,
        "generator_lag_p99_ms": percentile(stats.lag_ms, 99),
        "generator_lag_max_ms": max(stats.lag_ms, default=0.0),
    }
    result["holds"] = bool(
        latencies
        and p95 < args.p95_ms
        and errors == 0
        and not lost
        and result["marks_duplicated"] == 0
    )
    return result


HEADER = (
    f"{'learners':>8} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} "
    f"{'marks ack/stored/lost':>22} {'machine':>7} {'web':>5} {'gen':>5} {'lag p99':>7}  holds"
)


def print_step(row: dict) -> None:
    marks = f"{row['marks_acknowledged']}/{row['marks_stored']}/{row['marks_lost']}"
    print(
        f"{row['learners']:>8} {row['rps']:>6.0f} {row['p50_ms']:>7.0f} {row['p95_ms']:>7.0f} "
        f"{row['p99_ms']:>7.0f} {row['errors']:>6} {marks:>22} {row['machine_cpu']:>7.0%} "
        f"{row['web_cpu']:>5.0%} {row['generator_cpu']:>5.0%} "
        f"{row['generator_lag_p99_ms']:>5.0f}ms  {'yes' if row['holds'] else 'NO'}",
        flush=True,
    )
    if row["error_kinds"]:
        print(f"{'':>8} errors: {row['error_kinds']}")
    if row["generator_cpu"] > 0.5 or row["generator_lag_p99_ms"] > 50:
        print(f"{'':>8} warning: the generator itself was busy; this step may understate capacity")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--steps", type=int, nargs="+", default=[250, 500, 750, 1000, 1250, 1500, 2000]
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="measured part of a step")
    parser.add_argument("--warmup", type=float, default=15.0, help="unmeasured start of a step")
    parser.add_argument("--think", type=float, nargs=2, default=[2.5, 7.5], metavar=("MIN", "MAX"))
    parser.add_argument("--lessons-per-visit", type=int, default=4)
    parser.add_argument("--p95-ms", type=float, default=500.0)
    parser.add_argument("--keep-going", action="store_true", help="run every step")
    parser.add_argument("--refine", type=int, default=0, metavar="N", help="bisect to N learners")
    parser.add_argument("--nodes", type=int, default=1, help="gunicorn masters (2: behind HAProxy)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per node")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=None, help="[PRODLIKE_PORT or 8765]")
    parser.add_argument("--smtp-port", type=int, default=None, help="[PRODLIKE_SMTP_PORT]")
    parser.add_argument("--db", default="lms_capacity", help="PostgreSQL database (re-created)")
    parser.add_argument("--redis-port", type=int, default=None, help="[PRODLIKE_REDIS_PORT]")
    args = parser.parse_args(argv)

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    stack = Stack.from_env(
        nodes=args.nodes,
        workers=args.workers,
        threads=args.threads,
        port=args.port,
        smtp_port=args.smtp_port,
        db=args.db,
        redis_port=args.redis_port,
        run_dir=Path(Stack.from_env().run_dir).with_name("capacity"),
    )
    args.port = stack.port
    steps = sorted(set(args.steps))
    print(
        f"stack: {stack.nodes} node(s) x {stack.workers} workers x {stack.threads} threads "
        f"(deploy/gunicorn.conf.py), PostgreSQL {stack.db}, Redis :{stack.redis_port}, "
        f"{stack.base_url}; think {args.think[0]}-{args.think[1]} s; steps of "
        f"{args.warmup:.0f} s warm-up + {args.seconds:.0f} s measured",
        flush=True,
    )
    rows: list[dict] = []
    with stack.running():
        started = time.monotonic()
        most = max(steps)
        if args.refine:
            most = max(most, 1)
        data = stack.django(project.learners_script(most, prefix=PREFIX))
        print(f"{most} learners enrolled and logged in ({time.monotonic() - started:.0f} s)")
        print(HEADER, flush=True)

        def step(count: int) -> dict:
            if count > len(data["sessions"]):
                data.update(stack.django(project.learners_script(count, prefix=PREFIX)))
            row = run_step(stack, count, data, args)
            rows.append(row)
            print_step(row)
            time.sleep(3)  # let queues drain between steps
            return row

        held = [0]
        failed = []
        for count in steps:
            row = step(count)
            if row["holds"]:
                held.append(count)
            else:
                failed.append(count)
                if not args.keep_going:
                    break
        if args.refine and failed:
            low, high = max(c for c in held if c < min(failed)), min(failed)
            while high - low > args.refine:
                middle = (low + high) // 2
                if step(middle)["holds"]:
                    low = middle
                    held.append(middle)
                else:
                    high = middle
                    failed.append(middle)
    best = max((c for c in held if not failed or c < min(failed)), default=0)
    verdict = (
        f"largest number of learners holding p95 < {args.p95_ms:.0f} ms with 0 errors and every "
        f"acknowledged mark stored once: {best}"
        if best
        else "no step held"
    )
    print(verdict)
    out = write_artifact(
        "capacity",
        {
            "settings": {k: v for k, v in vars(args).items()},
            "stack": {
                "nodes": stack.nodes,
                "workers": stack.workers,
                "threads": stack.threads,
                "gunicorn": "deploy/gunicorn.conf.py",
            },
            "steps": rows,
            "largest_holding": best,
        },
    )
    print(f"figures written to {out}")
    return 0 if best else 1


if __name__ == "__main__":
    raise SystemExit(main())
