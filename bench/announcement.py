"""Benchmark: the launch announcement to N confirmed subscribers, into a local SMTP sink.

    .venv/bin/python bench/announcement.py [--sizes 2000 10000] [--repeat 3] [--postgres DB]

For each size, on a fresh database (a temporary SQLite file, or with --postgres the
PostgreSQL database DB, dropped and re-created), two senders in separate processes:
  bare  Django's SMTP connection sending the same rendered mails (no bookkeeping): the
        denominator
  ours  waitlist.services.announcement_send: row lock + send + mark per mail, one connection
They run in turn (bare, ours, bare, ours, ...), `--repeat` times each, the deliveries reset
in between. Prints the median mails/s of each with the range over the runs, ours as a share
of bare (the median of the per-pair ratios, with their range), and each process's peak
memory (ru_maxrss). Targets (issue 21): ours >= 90 % of bare on PostgreSQL, < 150 MiB, and
memory flat from 2,000 to 10,000.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import (  # noqa: E402
    bench_course,
    child_call,
    child_django,
    child_env,
    postgres_recreate,
    spread,
)


def prepare(size: int) -> None:
    from django.utils import timezone

    from waitlist.models import CONSENT_VERSION, Announcement, Delivery, Subscriber

    course = bench_course()
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                course=course,
                name=f"Deelnemer {n}",
                email=f"deelnemer{n}@example.com",
                email_normalised=f"deelnemer{n}@example.com",
                language="nl" if n % 3 else "en",
                consent_at=now,
                consent_version=CONSENT_VERSION,
                confirmed_at=now,
            )
            for n in range(size)
        ),
        batch_size=1000,
    )
    announcement = Announcement.objects.create(course=course)
    Delivery.objects.bulk_create(
        (
            Delivery(announcement=announcement, subscriber_id=pk)
            for pk in Subscriber.objects.values_list("pk", flat=True).iterator()
        ),
        batch_size=1000,
    )


def run(mode: str) -> dict:
    from django.core.mail import get_connection

    from waitlist.emails import announcement_message
    from waitlist.models import Announcement, Delivery
    from waitlist.services import announcement_send

    announcement = Announcement.objects.select_related("course").get()
    start = time.perf_counter()
    if mode == "ours":
        counts = announcement_send(announcement_id=announcement.pk)
        sent = counts["sent"]
    else:
        deliveries = (
            Delivery.objects.filter(announcement=announcement)
            .select_related("subscriber")
            .order_by("pk")
            .iterator(chunk_size=500)
        )
        connection = get_connection()
        connection.open()
        sent = 0
        for delivery in deliveries:
            sent += connection.send_messages(
                [announcement_message(announcement, delivery.subscriber)]
            )
        connection.close()
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"mode": mode, "sent": sent, "seconds": seconds, "peak_mib": peak_kib / 1024}


def reset() -> None:
    """Every delivery pending again, as before the first send."""
    from waitlist.models import Delivery

    Delivery.objects.update(
        status=Delivery.Status.PENDING, claimed_until=None, sent_at=None, attempts=0
    )


def child(argv: list[str]) -> None:
    child_django()
    if argv[0] == "prepare":
        prepare(int(argv[1]))
        print(json.dumps({"ok": True}))
    elif argv[0] == "reset":
        reset()
        print(json.dumps({"ok": True}))
    else:
        print(json.dumps(run(argv[0])))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each sender, interleaved")
    parser.add_argument(
        "--postgres", metavar="DB", default="", help="PostgreSQL database to (re)create and use"
    )
    args = parser.parse_args()
    from tests.smtp import SmtpSink

    results = []
    with SmtpSink(keep=False) as sink:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix="bench-announcement-") as var:
                database_url = (
                    f"postgres://postgres@127.0.0.1:5432/{args.postgres}"
                    if args.postgres
                    else f"sqlite:///{var}/bench.sqlite3"
                )
                env = child_env(var, database_url=database_url, email_url=sink.url)

                def call(*argv: str, env=env) -> dict:
                    return child_call(__file__, *argv, env=env)

                if args.postgres:
                    postgres_recreate(args.postgres)
                call("prepare", str(size))
                runs: dict[str, list[dict]] = {"bare": [], "ours": []}
                for _ in range(args.repeat):
                    before = sink.count
                    call("reset")
                    runs["bare"].append(call("bare"))
                    runs["ours"].append(call("ours"))
                    assert runs["ours"][-1]["sent"] == runs["bare"][-1]["sent"] == size, runs
                    assert sink.count - before == 2 * size
                results.append((size, runs))

    database = f"PostgreSQL ({args.postgres})" if args.postgres else "SQLite"
    print(f"\n{database}; {args.repeat} interleaved runs of each sender; median (range)")
    print(
        f"{'subscribers':>11} {'bare mails/s':>20} {'ours mails/s':>20} {'ours / bare':>22} "
        f"{'bare peak MiB':>14} {'ours peak MiB':>14}"
    )
    for size, runs in results:
        bare = [size / r["seconds"] for r in runs["bare"]]
        ours = [size / r["seconds"] for r in runs["ours"]]
        ratios = [o / b for o, b in zip(ours, bare, strict=True)]
        print(
            f"{size:>11} {spread(bare, '.0f'):>20} {spread(ours, '.0f'):>20} "
            f"{spread(ratios, '.0%'):>22} "
            f"{max(r['peak_mib'] for r in runs['bare']):>14.1f} "
            f"{max(r['peak_mib'] for r in runs['ours']):>14.1f}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
