"""Fault drills on the production-like stack, under the launch-day load of bench/launch_day.py.

1. A gunicorn worker is killed (SIGKILL) while learners are active.
2. PostgreSQL is restarted while learners are active.
3. Redis (cache, sessions' fast path, rate limits, broker) is restarted and comes back empty
   while learners are active.
4. Redis is stopped for 10 seconds, then started again (empty). Here not even the requests
   around the fault may fail: a failing cache is a miss and the broker's messages wait
   (issue 13, item 7), so the drill counts any failed request as a failure.

Requests in flight at the moment of the fault may fail; the platform must recover by itself
(requests succeed again afterwards), and every write a client saw succeed must be stored
exactly once: nothing lost, nothing doubled.

    .venv/bin/python bench/faults.py [--seconds 30] [--learners 40] [--drill redis-stop ...]

It restarts this machine's own PostgreSQL (pg_ctlcluster) and Redis, so run it on a
development or CI machine only. Traffic goes to 127.0.0.1 only. PRODLIKE_REDIS_PORT (and
the other PRODLIKE_* variables of scripts/prodlike) point the stack and the Redis drills at
a Redis server of one's own.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.launch_day import CHECK, ROOT, SETUP, STACK, STACK_ENV, Stats, django, learner

RUN = STACK.run_dir


def kill_a_web_worker() -> str:
    victim = STACK.web_workers()[0]
    os.kill(victim, signal.SIGKILL)
    return f"killed gunicorn worker {victim}"


def restart_postgres() -> str:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True
    )
    return f"restarted PostgreSQL {version}"


def restart_redis(*, down_seconds: float = 1) -> str:
    """Stop Redis without saving and start it as this machine starts it: it comes back empty."""
    port = str(STACK.redis_port)
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", port, "shutdown", "nosave"], check=False)
    time.sleep(down_seconds)
    if (RUN / "redis.pid").exists():  # the stack's own Redis (scripts/prodlike started it)
        where = ["--pidfile", str(RUN / "redis.pid"), "--dir", str(RUN),
                 "--logfile", str(RUN / "logs" / "redis.log")]  # fmt: skip
    else:  # the machine's Redis, as .ci/run starts it
        where = ["--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]
    subprocess.run(
        ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", port,
         "--save", "", "--appendonly", "no", *where],
        check=True,
    )  # fmt: skip
    return f"restarted Redis :{port} (empty)"


REDIS_DOWN_SECONDS = 10


def stop_redis_for_a_while() -> str:
    """Redis away for REDIS_DOWN_SECONDS under load, then back (empty)."""
    restart_redis(down_seconds=REDIS_DOWN_SECONDS)
    return f"stopped Redis :{STACK.redis_port} for {REDIS_DOWN_SECONDS} s"


# Each drill starts from no progress, so the marks it checks are its own, not re-marks of
# lessons an earlier drill already stored.
RESET = """
from enrollments.models import StepProgress
StepProgress.objects.filter(enrollment__user__username__startswith="launch").delete()
print("{}")
"""


def drill(
    name: str, fault, *, seconds: float, learners: list, lessons: list, strict: bool = False
) -> bool:
    django(RESET)
    stats = Stats()
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=learner, args=(uid, key, lessons, deadline, stats, n))
        for n, (uid, key) in enumerate(learners)
    ]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 3)
    before_fault = len(stats.latencies)
    what = fault()
    for thread in threads:
        thread.join()
    with stats.lock:
        total = len(stats.latencies)
    # Recovered: five more seconds of one learner's requests, all of them answered.
    probe = Stats()
    probe_deadline = time.perf_counter() + 5
    uid, key = learners[0]
    learner(uid, key, lessons, probe_deadline, probe, 0)
    tail_errors = sum(probe.errors.values())
    stored = {tuple(m) for m in django(CHECK)["marks"]}
    lost = stats.marks - stored
    print(
        f"[{name}] {what} after {before_fault} requests; {total} requests in all, "
        f"{sum(stats.errors.values())} failed around the fault {dict(stats.errors)}; "
        f"afterwards {len(probe.latencies)} requests with {tail_errors} errors"
    )
    print(
        f"[{name}] progress marks acknowledged: {len(stats.marks)}, lost: {len(lost)}, "
        f"stored once each (unique constraint): {len(stored) == len(set(stored))}"
    )
    recovered = not lost and tail_errors == 0 and len(probe.latencies) > 0
    return recovered and (not strict or sum(stats.errors.values()) == 0)


DRILLS = {
    "web-worker": ("web worker killed", kill_a_web_worker),
    "postgres": ("PostgreSQL restarted", restart_postgres),
    "redis-restart": ("Redis restarted", restart_redis),
    "redis-stop": (f"Redis stopped for {REDIS_DOWN_SECONDS} s", stop_redis_for_a_while),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--drill", action="append", choices=sorted(DRILLS), help="(repeatable)")
    args = parser.parse_args()
    subprocess.run(["bash", "scripts/prodlike", "start"], cwd=ROOT, env=STACK_ENV, check=True)
    try:
        data = django(SETUP.format(learners=args.learners))
        results = [
            drill(
                DRILLS[key][0],
                DRILLS[key][1],
                seconds=args.seconds,
                learners=data["sessions"],
                lessons=data["lessons"],
                strict=key == "redis-stop",
            )
            for key in args.drill or list(DRILLS)
        ]
    finally:
        subprocess.run(["bash", "scripts/prodlike", "stop"], cwd=ROOT, env=STACK_ENV)
    print("all drills recovered with nothing lost" if all(results) else "A DRILL FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
