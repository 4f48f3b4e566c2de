"""Benchmark: selecting due reminders among 5,000 and 50,000 enrolments on PostgreSQL.

    .venv/bin/python bench/reminders.py [--sizes 5000 50000]
        [--database postgres://postgres@127.0.0.1:5432/engage_bench]

For each size, on a fresh database (dropped and created by the script), half of the
enrolments have been idle for a month (due), the rest are recent. A fresh process then runs
the beat task's service, `outreach.services.reminders_dispatch`, and reports its SQL query
count, its time, how many reminders it added and its peak memory over the memory it had
before the call (ru_maxrss). The baseline is the same run at the smaller size: the query
count must be the same and the memory flat (no Python loop over enrolments), and the plan
of the selecting statement is printed (EXPLAIN) to show the indexes it uses.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import (  # noqa: E402
    DEFAULT_DATABASE,
    bench_course,
    child_call,
    child_django,
    child_env,
    postgres_recreate_url,
)


def prepare(size: int) -> None:
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from courses.models import LessonPage, ModulePage
    from enrollments.models import Enrollment

    course = bench_course()
    module = course.add_child(
        instance=ModulePage(title="Module", slug="m", summary="x", pillar="people")
    )
    module.add_child(instance=LessonPage(title="Les", slug="l", body="[]"))
    User = get_user_model()
    users = User.objects.bulk_create(
        (User(username=f"u{n}", email=f"u{n}@example.com") for n in range(size)),
        batch_size=5000,
    )
    now = timezone.now()
    Enrollment.objects.bulk_create(
        (
            Enrollment(
                user=u,
                course=course,
                source="free",
                last_active_at=now - timedelta(days=30 if n % 2 else 1),
            )
            for n, u in enumerate(users)
        ),
        batch_size=5000,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def run() -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from courses.models import CoursePage
    from outreach import services

    course = CoursePage.objects.get()
    select = services.due_reminders(course, timezone.now()).values_list("pk", "next_number")
    sql, params = select.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)  # nosec B608
        plan = [row[0] for row in cursor.fetchall()]
    reset_queries()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        added = sum(services.reminders_dispatch().values())
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "added": added,
        "queries": len(captured),
        "seconds": seconds,
        "peak_growth_mib": (after - before) / 1024,
        "peak_mib": after / 1024,
        "plan": plan,
    }


def child(argv: list[str]) -> None:
    child_django()
    if argv[0] == "prepare":
        prepare(int(argv[1]))
        print(json.dumps({"ok": True}))
    else:
        print(json.dumps(run()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument(
        "--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        postgres_recreate_url(args.database)
        with tempfile.TemporaryDirectory(prefix="bench-reminders-") as var:
            env = child_env(var, database_url=args.database)
            child_call(__file__, "prepare", str(size), env=env)
            result = child_call(__file__, "run", env=env)
            assert result["added"] == size // 2, result
            results.append((size, result))

    print(
        f"{'enrolments':>10} {'due':>7} {'queries':>8} {'seconds':>8} {'+MiB':>6} {'peak MiB':>9}"
    )
    for size, r in results:
        print(
            f"{size:>10} {r['added']:>7} {r['queries']:>8} {r['seconds']:>8.2f} "
            f"{r['peak_growth_mib']:>6.1f} {r['peak_mib']:>9.1f}"
        )
    print("\nPlan of the selecting statement at the largest size:")
    print("\n".join(results[-1][1]["plan"]))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
