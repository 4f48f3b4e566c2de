"""Requests per second of the course's pages, as shares of a minimal Django view and of the
project's own bare view, measured side by side in one run.

    .venv/bin/python bench/pages.py [--rounds 5] [--seconds 5] [--compare-scale 4]
        [--course-scale 4] [--only lesson dashboard] [--postgres bench --redis-port 6393]

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
denominators, latencies, errors, SQL queries and (with --redis-port) Redis commands per
request, wrk's and the web workers' CPU use and the largest worker's memory (RSS, the
target's measure, with its PSS and USS beside it: bench/stack.py), and writes
everything to test-artifacts/bench/pages[-x4].json. With --course-scale 4 every module holds
four times as many steps (copies of its lessons and quizzes). --compare-scale 4 serves a
second copy of the site with the 4x course beside the first and measures its lesson page in
the same rounds, so the two lesson pages are compared like for like (with --postgres DB the
copy uses the database DB_x4 and Redis databases 4 and 5).

Targets (issue 21), as shares of the minimal Django view: lesson >= 20 % with <= 2 queries
(and >= 90 % of that rate when the course is 4x larger), dashboard >= 15 %, landing >= 80 %,
the project's bare view >= 85 %; the largest web worker's RSS <= 130 MiB. --strict exits 1
when one is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from contextlib import ExitStack
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
    redis_commands_per_request,
    share,
    summarise,
    write_artifact,
)
from bench.stack import rss_mib, shared_memory_mib

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
# The lesson page keeps this share of its rate when the course is 4x larger.
LARGER_COURSE_MIN = 0.90
# The largest web worker's RSS after the load, MiB.
WORKER_RSS_MAX = 130


def prepare(deployment: Deployment, scale: int, chosen: list[str]) -> tuple[dict, str, dict]:
    """Enlarge the course `scale` times, find the pages, log the learner in, count queries."""
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
    return urls, cookie, queries


def run(args) -> int:
    chosen = args.only or DEFAULT_PAGES
    scale = args.course_scale
    name = args.artifact + ("" if scale == 1 else f"-x{scale}")
    workers = args.workers
    larger = f"{PAGES['lesson']}, course x{args.compare_scale}"
    with ExitStack() as stack:
        deployment = stack.enter_context(
            Deployment.create(
                seed=True, keep=args.keep, postgres=args.postgres, redis_port=args.redis_port
            )
        )
        urls, cookie, queries = prepare(deployment, scale, chosen)
        queries.update({MINIMAL: 0, BARE: 0})
        site = stack.enter_context(deployment.serve(workers=workers))
        minimal = stack.enter_context(deployment.serve(app="minimal", workers=workers))
        targets = [
            Target(MINIMAL, minimal, "/bench/bare/"),
            Target(BARE, site, "/bench/bare/"),
        ] + [Target(PAGES[k], site, urls[k], cookie if k in LOGGED_IN else "") for k in chosen]
        if args.compare_scale:
            # The same site with a larger course, served beside it: its lesson page is
            # measured in the same rounds, so the two are compared like for like.
            other = stack.enter_context(
                Deployment.create(
                    seed=True,
                    keep=args.keep,
                    postgres=f"{args.postgres}_x{args.compare_scale}" if args.postgres else "",
                    redis_port=args.redis_port,
                    redis_dbs=(4, 5),
                )
            )
            other_urls, other_cookie, other_queries = prepare(other, args.compare_scale, ["lesson"])
            queries[larger] = other_queries[PAGES["lesson"]]
            other_site = stack.enter_context(other.serve(workers=workers))
            targets.append(Target(larger, other_site, other_urls["lesson"], other_cookie))
        print(
            f"{urls['lessons']} lessons; gunicorn {workers} sync workers per server; "
            f"wrk {args.connections} connections; {args.rounds} rounds x {args.seconds} s",
            flush=True,
        )
        runs = measure(
            targets, rounds=args.rounds, seconds=args.seconds, connections=args.connections
        )
        largest = max(site.workers, key=rss_mib)
        rss = rss_mib(largest)
        shared = shared_memory_mib(largest)
        redis = {}
        if args.redis_port:
            # Round trips to the cache per request (issue 21: none for a request that needs
            # no cached data); Celery is eager here, so the cache is all that talks to Redis.
            redis = redis_commands_per_request(
                args.redis_port, [t for t in targets if t.label != MINIMAL]
            )
    rows = summarise(runs, queries=queries, redis=redis)
    database = "PostgreSQL" if args.postgres else "SQLite"
    cache = f"Redis :{args.redis_port}" if args.redis_port else "local-memory cache"
    print_report(rows, title=f"{name}: {database}, {cache}, course x{scale}")
    print(
        f"\nproject worker RSS after load: {rss:.0f} MiB (largest worker; the target's measure)"
        f"; its PSS {shared['pss']:.0f} MiB, USS {shared['uss']:.0f} MiB"
    )

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
    if larger in runs and PAGES["lesson"] in runs:
        ratios = [
            big.rps / small.rps
            for big, small in zip(runs[larger], runs[PAGES["lesson"]], strict=True)
            if small.rps
        ]
        value = statistics.median(ratios)
        met = value >= LARGER_COURSE_MIN
        verdicts.append(met)
        print(
            f"target: lesson page with the course x{args.compare_scale} >= "
            f"{LARGER_COURSE_MIN:.0%} of its rate with the demo course: {value:.1%} "
            f"({min(ratios):.1%}-{max(ratios):.1%}) " + ("met" if met else "MISSED")
        )
    met = rss <= WORKER_RSS_MAX
    verdicts.append(met)
    print(
        f"target: web worker RSS <= {WORKER_RSS_MAX} MiB: {rss:.0f} MiB "
        + ("met" if met else "MISSED")
    )
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
            "worker_pss_mib": shared["pss"],
            "worker_uss_mib": shared["uss"],
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
    parser.add_argument(
        "--compare-scale",
        type=int,
        default=0,
        metavar="N",
        help="also serve a copy of the site with a course N times larger and measure its "
        "lesson page in the same rounds",
    )
    parser.add_argument("--artifact", default="pages", help="name of the JSON file written")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
