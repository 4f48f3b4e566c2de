"""Benchmark: an instructor's message to N learners on PostgreSQL, into a local SMTP sink.

    .venv/bin/python bench/messages.py [--sizes 2000 10000] [--repeat 2]
        [--database postgres://postgres@127.0.0.1:5432/engage_bench]

For each size, on a fresh PostgreSQL database (dropped and created by the script), the
senders run in separate processes, in turn, `--repeat` times each (the rows reset in
between); the best run of each counts, since a shared machine swings single runs:

  bare  Django's SMTP connection sending the same mails, rendered the same way (the
        channel's own `message()`, the learners loaded a batch at a time): the baseline
  ours  the delivery engine (`delivery.services.deliveries_send`): claims, a take and a
        committed mark per mail, one SMTP connection
  two   two engine processes on the same message at once (two workers)

The SMTP sink is a minimal asyncio server in a process of its own that only counts mails,
so the senders, not the sink, are measured. Prints mails/s, ours as % of bare, two workers
as a multiple of one, and each sender's peak memory (ru_maxrss). Targets: ours >= 90 % of
bare, < 150 MiB and flat from 2,000 to 10,000, two workers >= 1.6 x one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
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
    child_django,
    child_env,
    child_result,
    child_start,
    postgres_recreate_url,
)

# --- A sink that only counts ---------------------------------------------------------------------


def _sink(port_out, count) -> None:
    """SMTP enough for smtplib: greet, answer every command, swallow DATA up to "."."""

    class Session(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.data, self.buffer = transport, False, b""
            transport.write(b"220 sink ESMTP\r\n")

        def data_received(self, chunk):
            self.buffer += chunk
            while True:
                if self.data:
                    end = self.buffer.find(b"\r\n.\r\n")
                    if end < 0:
                        self.buffer = self.buffer[-4:]
                        return
                    self.buffer = self.buffer[end + 5 :]
                    self.data = False
                    with count.get_lock():
                        count.value += 1
                    self.transport.write(b"250 OK\r\n")
                    continue
                end = self.buffer.find(b"\r\n")
                if end < 0:
                    return
                line, self.buffer = self.buffer[:end].upper(), self.buffer[end + 2 :]
                if line.startswith(b"EHLO"):
                    self.transport.write(b"250-sink\r\n250 8BITMIME\r\n")
                elif line.startswith(b"DATA"):
                    self.data = True
                    self.transport.write(b"354 go on\r\n")
                elif line.startswith(b"QUIT"):
                    self.transport.write(b"221 bye\r\n")
                    self.transport.close()
                    return
                else:
                    self.transport.write(b"250 OK\r\n")

    async def serve():
        server = await asyncio.get_running_loop().create_server(Session, "127.0.0.1", 0)
        port_out.put(server.sockets[0].getsockname()[1])
        await server.serve_forever()

    asyncio.run(serve())


# --- Children ------------------------------------------------------------------------------------


def prepare(size: int) -> int:
    from django.contrib.auth import get_user_model

    from courses.models import LessonPage, ModulePage
    from delivery.models import MailLanguage
    from enrollments.models import Enrollment
    from outreach.models import Message, MessageDelivery

    course = bench_course()
    for m in range(2):
        module = course.add_child(
            instance=ModulePage(title=f"Module {m}", slug=f"m{m}", summary="x", pillar="people")
        )
        for n in range(3):
            module.add_child(instance=LessonPage(title=f"Les {m}.{n}", slug=f"l{m}{n}", body="[]"))
    User = get_user_model()
    users = User.objects.bulk_create(
        (
            User(username=f"u{n}", email=f"deelnemer{n}@example.com", first_name=f"Deelnemer{n}")
            for n in range(size)
        ),
        batch_size=2000,
    )
    MailLanguage.objects.bulk_create(
        (MailLanguage(user=u, language="en") for u in users[::3]), batch_size=2000
    )
    Enrollment.objects.bulk_create(
        (Enrollment(user=u, course=course, source="free") for u in users), batch_size=2000
    )
    message = Message.objects.create(
        course=course,
        subject="Nieuws over {course}",
        body="Hoi {name},\n\nEr is een nieuwe les. Ga verder: {continue_url}\n\nGroet!",
    )
    MessageDelivery.objects.bulk_create(
        (
            MessageDelivery(message=message, enrollment_id=pk)
            for pk in Enrollment.objects.values_list("pk", flat=True).iterator()
        ),
        batch_size=2000,
    )
    return message.pk


def reset() -> None:
    from outreach.models import MessageDelivery

    MessageDelivery.objects.update(
        status="pending", claimed_until=None, claim_token=None, sent_at=None, attempts=0
    )


def run(mode: str, message_id: int, start_at: float = 0.0) -> dict:
    from django.core.mail import get_connection

    from delivery.services import deliveries_send
    from outreach.channels import MESSAGES
    from outreach.models import Message, MessageDelivery

    # Two senders start together, once both have loaded Django (their start-up is not timed).
    time.sleep(max(0.0, start_at - time.time()))
    began = time.time()
    start = time.perf_counter()
    if mode == "ours":
        sent = deliveries_send(channel=MESSAGES.name, group_id=message_id)["sent"]
    else:
        message = Message.objects.select_related("course").get(pk=message_id)
        connection = get_connection()
        connection.open()
        sent, last = 0, 0
        while True:
            rows = list(
                MessageDelivery.objects.filter(message=message, pk__gt=last)
                .select_related(*MESSAGES.select_related)
                .order_by("pk")[:200]
            )
            if not rows:
                break
            MESSAGES.prepare(message, rows)
            for row in rows:
                sent += connection.send_messages([MESSAGES.message(message, row)])
            last = rows[-1].pk
        connection.close()
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "mode": mode,
        "sent": sent,
        "seconds": seconds,
        "began": began,
        "ended": began + seconds,
        "peak_mib": peak_kib / 1024,
    }


def child(argv: list[str]) -> None:
    child_django()
    if argv[0] == "prepare":
        print(json.dumps({"message": prepare(int(argv[1]))}))
    elif argv[0] == "reset":
        reset()
        print(json.dumps({"ok": True}))
    else:
        start_at = float(argv[2]) if len(argv) > 2 else 0.0
        print(json.dumps(run(argv[0], int(argv[1]), start_at)))


# --- The run -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each sender (best counts)")
    parser.add_argument(
        "--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    args = parser.parse_args()

    count = multiprocessing.Value("l", 0)
    ports = multiprocessing.Queue()
    sink = multiprocessing.Process(target=_sink, args=(ports, count), daemon=True)
    sink.start()
    port = ports.get(timeout=10)
    results = []
    try:
        for size in args.sizes:
            postgres_recreate_url(args.database)
            with tempfile.TemporaryDirectory(prefix="bench-messages-") as var:
                env = child_env(
                    var, database_url=args.database, email_url=f"smtp://127.0.0.1:{port}"
                )

                def start(*argv: str, env=env):
                    return child_start(__file__, *argv, env=env)

                message_id = str(child_result(start("prepare", str(size)))["message"])
                runs: dict[str, list[dict]] = {"bare": [], "ours": [], "two": []}
                for _ in range(args.repeat):
                    for mode in ("bare", "ours", "two"):
                        child_result(start("reset"))
                        before = count.value
                        if mode == "two":
                            start_at = str(time.time() + 15)  # both loaded by then
                            pair = [start("ours", message_id, start_at) for _ in range(2)]
                            done = [child_result(p) for p in pair]
                            seconds = max(d["ended"] for d in done) - min(d["began"] for d in done)
                            sent = sum(d["sent"] for d in done)
                            peak = max(d["peak_mib"] for d in done)
                            result = {"sent": sent, "seconds": seconds, "peak_mib": peak}
                        else:
                            result = child_result(start(mode, message_id))
                        assert result["sent"] == size, (mode, result)
                        assert count.value - before == size, (mode, count.value - before)
                        runs[mode].append(result)
                best = {m: min(r, key=lambda x: x["seconds"]) for m, r in runs.items()}
                results.append((size, best))
    finally:
        sink.terminate()

    print(
        f"{'learners':>9} {'bare/s':>8} {'ours/s':>8} {'ratio':>6} {'two/s':>8} {'2 vs 1':>7} "
        f"{'bare MiB':>9} {'ours MiB':>9}"
    )
    for size, best in results:
        bare, ours, two = (size / best[m]["seconds"] for m in ("bare", "ours", "two"))
        print(
            f"{size:>9} {bare:>8.0f} {ours:>8.0f} {ours / bare:>6.0%} {two:>8.0f} "
            f"{two / ours:>6.2f}x {best['bare']['peak_mib']:>9.1f} {best['ours']['peak_mib']:>9.1f}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
    else:
        main()
