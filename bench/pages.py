"""Requests per second of the course's pages, as shares of a minimal Django view and of the
project's own bare view, measured side by side in one run.

    .venv/bin/python bench/pages.py [--rounds 5] [--seconds 5] [--course-scale 4]
                                    [--only lesson dashboard] [--postgres bench --redis-port 6393]

A throw-away deployment (a temporary SQLite database seeded by seed_demo, DEBUG=0,
Django's local-memory cache; or PostgreSQL and Redis with --postgres/--redis-port) runs
under gunicorn with 2 sync workers (bench/gunicorn.conf.py), next to a minimal Django
project under the same configuration (bench/minimal/). wrk loads each page in turn with 16
connections, round after round (bench/harness.py). Pages:

  lesson      the demo learner's lesson three (enrolled, two lessons done), logged in
  dashboard   the learner's dashboard (/learn/), logged in
  landing     the course landing page, anonymous (served from the anonymous page cache)
  preview     the free-preview lesson, anonymous

It prints requests per second (median and range over the rounds), each page's share of both
denominators, latencies, errors, SQL queries per request and wrk's CPU use, and writes
everything to test-artifacts/bench/pages[-x4].json. With --course-scale 4 every module holds
four times as many steps (copies of its lessons and quizzes): the lesson page should lose
little of its rate.

Targets (issue 21), as shares of the minimal Django view: lesson >= 20 % with <= 2 queries
(and within 10 % of that when the course is 4x larger), dashboard >= 15 %, landing >= 80 %,
the project's bare view >= 85 %. --strict exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import project
from bench.harness import (
    BARE,
    MINIMAL,
    Deployment,
    Target,
    add_common_arguments,
    measure,
    print_report,
    share,
    summarise,
    write_artifact,
)
from bench.stack import rss_mib

PAGES = {
    "lesson": "lesson page (learner)",
    "dashboard": "dashboard (learner)",
    "landing": "landing page (anonymous)",
    "preview": "free-preview lesson (anonymous)",
    "landing_en": "landing page, English (anonymous)",
}
DEFAULT_PAGES = ["lesson", "dashboard", "landing", "preview"]
LOGGED_IN = {"lesson", "dashboard"}

# Shares of the minimal Django view (issue 21), and the lesson page's queries.
TARGETS = {"lesson": 0.20, "dashboard": 0.15, "landing": 0.80, BARE: 0.85}
LESSON_MAX_QUERIES = 2


def run(args) -> int:
    chosen = args.only or DEFAULT_PAGES
    scale = args.course_scale
    name = args.artifact + ("" if scale == 1 else f"-x{scale}")
    with Deployment.create(
        seed=True, keep=args.keep, postgres=args.postgres, redis_port=args.redis_port
    ) as deployment:
        if scale > 1:
            grown = deployment.json_script(project.enlarge_script(scale))
            print(f"course enlarged {scale}x: {grown['steps']} steps ({grown['created']} copied)")
        urls = deployment.json_script(project.pages_script())
        urls["landing_en"] = "/en" + urls["landing"]
        deployment.clear_cache()
        cookie = deployment.session_cookie(project.LEARNER)
        learner_paths = {PAGES[k]: urls[k] for k in chosen if k in LOGGED_IN}
        anonymous_paths = {PAGES[k]: urls[k] for k in chosen if k not in LOGGED_IN}
        queries = {}
        if learner_paths:
            queries.update(deployment.query_counts(learner_paths, email=project.LEARNER))
        if anonymous_paths:
            queries.update(deployment.query_counts(anonymous_paths))
        queries.update({MINIMAL: 0, BARE: 0})
        workers = args.workers
        with (
            deployment.serve(workers=workers) as site,
            deployment.serve(app="minimal", workers=workers) as minimal,
        ):
            targets = [
                Target(MINIMAL, minimal, "/bench/bare/"),
                Target(BARE, site, "/bench/bare/"),
            ] + [Target(PAGES[k], site, urls[k], cookie if k in LOGGED_IN else "") for k in chosen]
            print(
                f"{urls['lessons']} lessons; gunicorn {workers} sync workers per server; "
                f"wrk {args.connections} connections; {args.rounds} rounds x {args.seconds} s",
                flush=True,
            )
            runs = measure(
                targets, rounds=args.rounds, seconds=args.seconds, connections=args.connections
            )
            rss = max(rss_mib(pid) for pid in site.workers)
    rows = summarise(runs, queries=queries)
    database = "PostgreSQL" if args.postgres else "SQLite"
    cache = f"Redis :{args.redis_port}" if args.redis_port else "local-memory cache"
    print_report(rows, title=f"{name}: {database}, {cache}, course x{scale}")
    print(f"\nproject worker RSS after load: {rss:.0f} MiB (largest worker)")

    verdicts = []
    for key, target in TARGETS.items():
        label = PAGES.get(key, key)
        if label not in runs:
            continue
        value = share(rows, label)
        met = value is not None and value >= target
        verdicts.append(met)
        print(f"target: {label} >= {target:.0%} of the {MINIMAL}: {value:.1%} ", end="")
        print("met" if met else "MISSED")
    if PAGES["lesson"] in queries:
        met = queries[PAGES["lesson"]] <= LESSON_MAX_QUERIES
        verdicts.append(met)
        print(
            f"target: lesson page <= {LESSON_MAX_QUERIES} queries: {queries[PAGES['lesson']]} "
            + ("met" if met else "MISSED")
        )
    out = write_artifact(
        name,
        {
            "settings": vars(args),
            "database": database,
            "cache": cache,
            "course_scale": scale,
            "lessons": urls["lessons"],
            "urls": urls,
            "worker_rss_mib": rss,
            "pages": rows,
        },
    )
    print(f"figures written to {out}")
    errors = sum(row["errors"] for row in rows)
    if errors:
        print(f"{errors} requests failed: the figures are not valid")
        return 1
    return 1 if args.strict and not all(verdicts) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_arguments(parser)
    parser.add_argument("--only", nargs="+", choices=list(PAGES), help="pages to measure")
    parser.add_argument(
        "--course-scale", type=int, default=1, help="make the course this many times larger"
    )
    parser.add_argument("--artifact", default="pages", help="name of the JSON file written")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
