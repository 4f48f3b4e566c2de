"""Every benchmark of issue 21, one after the other, with the settings the README's figures
come from (`make bench`). Takes about half an hour; run it on an otherwise idle machine.

    .venv/bin/python bench/run_all.py [--postgres DB] [--redis-port PORT]

Without options the throughput benches run on SQLite and Django's local-memory cache, the
announcement on SQLite; with --postgres/--redis-port they run on PostgreSQL and Redis
(production's services) as well. capacity.py always runs on PostgreSQL and Redis (its own
database, the Redis of PRODLIKE_REDIS_PORT). Each bench writes its JSON figures to
test-artifacts/bench/.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="DB", default="")
    parser.add_argument("--redis-port", type=int, default=0)
    args = parser.parse_args()
    services = []
    if args.postgres:
        services += ["--postgres", args.postgres]
    if args.redis_port:
        services += ["--redis-port", str(args.redis_port)]
    runs = [
        ["pages.py", "--compare-scale", "4", *services],
        ["landing.py", *services],
        ["announcement.py", *(["--postgres", args.postgres] if args.postgres else [])],
        ["capacity.py", *(["--redis-port", str(args.redis_port)] if args.redis_port else [])],
    ]
    failed = []
    for argv in runs:
        print(f"\n===== bench/{' '.join(argv)} =====", flush=True)
        if subprocess.run([sys.executable, str(BENCH / argv[0]), *argv[1:]]).returncode:
            failed.append(argv[0])
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
