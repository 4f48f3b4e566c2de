"""The anonymous pages (course landing page in Dutch and English, the free-preview lesson)
as shares of a minimal Django view and of the project's bare view, in one run.

This is where the launch announcement sends the whole waitlist. The landing page is served
from the anonymous page cache (courses/page_cache.py), so after the first request it should
cost about as much as the project's bare view. Target (issue 21): >= 80 % of the minimal
Django view. Same harness, options and output as bench/pages.py (this is
`bench/pages.py --only landing landing_en preview`, writing test-artifacts/bench/landing.json).

    .venv/bin/python bench/landing.py [--rounds 5] [--seconds 5]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import pages


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--only" not in argv:
        argv += ["--only", "landing", "landing_en", "preview"]
    return pages.main([*argv, "--artifact", "landing"])


if __name__ == "__main__":
    raise SystemExit(main())
