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
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _django(env_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.base")
    import django

    django.setup()


def prepare(size: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Page, Site

    from courses.models import CoursePage, HomePage
    from waitlist.models import CONSENT_VERSION, Announcement, Delivery, Subscriber

    call_command("migrate", verbosity=0, interactive=False)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="bench-home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    course = home.add_child(
        instance=CoursePage(title="Benchcursus", slug="bench", intro="<p>x</p>")
    )
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
    _django("")
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
    from bench.harness import postgres_recreate
    from tests.smtp import SmtpSink

    results = []
    with SmtpSink(keep=False) as sink:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix="bench-announcement-") as var:
                env = {
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "lms.settings.base",
                    # As in production: with DEBUG on, Django also logs every SQL query,
                    # which taxes the bookkeeping side and not the bare one.
                    "DEBUG": "0",
                    "SECRET_KEY": "bench-" + os.urandom(24).hex(),
                    "ALLOWED_HOSTS": "localhost",
                    "VAR_DIR": var,
                    "DATABASE_URL": (
                        f"postgres://postgres@127.0.0.1:5432/{args.postgres}"
                        if args.postgres
                        else f"sqlite:///{var}/bench.sqlite3"
                    ),
                    "CACHE_URL": "locmemcache://",
                    "CELERY_BROKER_URL": "memory://",
                    "EMAIL_URL": sink.url,
                    "SITE_URL": "https://academie.example",
                    "LOG_LEVEL": "WARNING",
                }
                env.pop("REDIS_URL", None)

                def call(*argv: str, env=env) -> dict:
                    out = subprocess.run(
                        [sys.executable, __file__, "--child", *argv],
                        env=env,
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                    return json.loads(out.strip().splitlines()[-1])

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
            f"{size:>11} {_spread(bare, '.0f'):>20} {_spread(ours, '.0f'):>20} "
            f"{_spread(ratios, '.0%'):>22} "
            f"{max(r['peak_mib'] for r in runs['bare']):>14.1f} "
            f"{max(r['peak_mib'] for r in runs['ours']):>14.1f}"
        )


def _spread(values: list[float], fmt: str) -> str:
    middle = statistics.median(values)
    return f"{middle:{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
