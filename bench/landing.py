"""The anonymous course landing page against a bare Django view, in the same run.

This is where the launch announcement sends the whole waitlist. It is served from the
anonymous page cache (courses/page_cache.py), so after the first request it should cost
about as much as a bare view. Target: at least 50 % of the bare view's rate.

    .venv/bin/python bench/landing.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import Deployment, print_table

LANDING = "/sociale-media-zakelijk/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    with Deployment.create(seed=True) as deployment, deployment.serve() as server:
        status, body = server.get(LANDING)
        assert status == 200 and b"Sociale media succesvol" in body, status
        bare = server.load("/bench/bare/", label="bare Django view", seconds=args.seconds)
        landing = server.load(LANDING, label="landing page (anonymous)", seconds=args.seconds)
        english = server.load("/en" + LANDING, label="landing page, English", seconds=args.seconds)
    results = [bare, landing, english]
    print_table(results, baseline=bare)
    ratio = landing.rps / bare.rps
    print(f"\nlanding page at {ratio:.0%} of the bare view (target: 50 % or better)")
    return 0 if all(r.errors == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
