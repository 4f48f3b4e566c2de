"""Requests per second of a logged-in learner's pages, against a bare Django view.

    .venv/bin/python bench/pages.py [--seconds 6] [--concurrency 4] [--workers 2] [--threads 2]

A throw-away deployment (temporary SQLite database seeded by seed_demo, DEBUG=0) runs under
gunicorn. The demo learner is enrolled and has finished the first two lessons; the bench
opens lesson three (the one "continue" leads to) and the dashboard with the learner's
session cookie, and the bare view /bench/bare/ through the same middleware. It prints
requests per second, the ratio to the bare view, latencies and SQL queries per page, and
writes the figures to test-artifacts/bench/pages.json.

Targets: the lesson page answers at least 15 % of the bare view's rate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import ROOT, Deployment, print_table

LEARNER = "leerling@mcmt.example"
LESSON_TARGET_RATIO = 0.15
LESSON_TARGET_QUERIES = 6

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from django.urls import reverse
from courses.models import CoursePage, LessonPage
from enrollments import services
course = CoursePage.objects.live().first()
learner = get_user_model().objects.get(email__iexact={LEARNER!r})
enrollment = services.enrollment_create(user=learner, course=course)
lessons = list(LessonPage.objects.in_course(course))
for lesson in lessons[:2]:
    services.step_record_done(enrollment=enrollment, page=lesson)
print(json.dumps({{
    "course": course.url,
    "lesson": lessons[2].url,
    "dashboard": reverse("enrollments:dashboard"),
    "lessons": len(lessons),
}}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary deployment")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    with Deployment.create(seed=True, keep=args.keep) as deployment:
        urls = json.loads(deployment.script(SETUP).strip().splitlines()[-1])
        cookie = deployment.session_cookie(LEARNER)
        pages = [("lesson (learner)", urls["lesson"]), ("dashboard", urls["dashboard"])]
        queries = deployment.query_counts([path for _label, path in pages], email=LEARNER)
        load = {"seconds": args.seconds, "concurrency": args.concurrency}
        with deployment.serve(workers=args.workers, threads=args.threads) as server:
            for _label, path in pages:  # a redirect would mean the session is not logged in
                status, _body = server.get(path, cookies=cookie)
                if status != 200:
                    raise SystemExit(f"{path} answered {status} for the learner")
            bare = server.load("/bench/bare/", label="bare Django view", **load)
            results = [
                server.load(path, label=label, cookies=cookie, **load) for label, path in pages
            ]
            bare_after = server.load("/bench/bare/", label="bare (again)", **load)

    baseline = bare if bare.rps >= bare_after.rps else bare_after
    print(
        f"\n{urls['lessons']} lessons; gunicorn {args.workers} workers x {args.threads} threads;"
        f" {args.concurrency} client threads x {args.seconds:.0f} s each\n"
    )
    print_table([bare, bare_after, *results], baseline=baseline, queries=queries)
    lesson = results[0]
    ratio = lesson.rps / baseline.rps if baseline.rps else 0.0
    lesson_queries = queries[urls["lesson"]]
    ok_ratio = ratio >= LESSON_TARGET_RATIO
    ok_queries = lesson_queries <= LESSON_TARGET_QUERIES
    print(
        f"\nlesson page: {ratio:.1%} of the bare view (target ≥ {LESSON_TARGET_RATIO:.0%}: "
        f"{'met' if ok_ratio else 'MISSED'}), {lesson_queries} queries "
        f"(target ≤ {LESSON_TARGET_QUERIES}: {'met' if ok_queries else 'MISSED'})"
    )
    out = ROOT / "test-artifacts" / "bench" / "pages.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "settings": vars(args),
                "baseline": baseline.as_dict(),
                "pages": [r.as_dict(baseline) for r in [bare, bare_after, *results]],
                "queries": queries,
                "targets": {
                    "lesson_ratio": [ratio, LESSON_TARGET_RATIO, ok_ratio],
                    "lesson_queries": [lesson_queries, LESSON_TARGET_QUERIES, ok_queries],
                },
            },
            indent=2,
        )
    )
    print(f"figures written to {out.relative_to(ROOT)}")
    if args.strict and not (ok_ratio and ok_queries):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
