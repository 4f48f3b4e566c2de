"""Launch day on the production-like stack (scripts/prodlike: two gunicorn nodes behind
HAProxy, two Celery workers, beat, PostgreSQL, Redis; PRODLIKE_* variables configure it).

For a bounded time, LEARNERS simulated learners each open a lesson and mark it done, lesson
after lesson, while prospects keep signing up for the waitlist. Reports requests per
second, p50/p95/p99 latency and errors (target: 0), then checks in the database that every
signup and every progress mark the clients saw succeed is stored exactly once.

    .venv/bin/python bench/launch_day.py [--seconds 60] [--learners 200]

It starts and stops the stack itself, and sends traffic only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack import Stack  # noqa: E402

# scripts/prodlike as configured by PRODLIKE_* (two nodes behind HAProxy by default).
# One client address stands for thousands of prospects here: lift the per-IP signup limit.
STACK = Stack.from_env(extra_env={"WAITLIST_SIGNUP_RATE_LIMIT": "1000000"})
PORT = STACK.port
STACK_ENV = STACK.script_env()

SETUP = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from courses.models import CoursePage, LessonPage
from enrollments.services import enrollment_create
course = CoursePage.objects.get(slug="sociale-media-zakelijk")
from plans.selectors import lesson_exercises
# Lessons whose "done" needs no answer first (a required exercise would refuse it with 400).
lessons = [
    (p.pk, p.url)
    for p in LessonPage.objects.in_course(course)
    if not any(e.required for e in lesson_exercises(p))
]
User = get_user_model()
sessions = []
for n in range({learners}):
    user, _ = User.objects.get_or_create(
        username=f"launch{{n}}", defaults={{"email": f"launch{{n}}@example.com"}}
    )
    enrollment_create(user=user, course=course)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions.append([user.pk, store.session_key])
print(json.dumps({{"lessons": lessons, "sessions": sessions}}))
"""

CHECK = """
import json
from enrollments.models import StepProgress
from waitlist.models import Subscriber
marks = list(StepProgress.objects.filter(enrollment__user__username__startswith="launch")
             .values_list("enrollment__user_id", "page_id"))
emails = list(Subscriber.objects.filter(email__startswith="prospect-")
              .values_list("email_normalised", flat=True))
print(json.dumps({"marks": marks, "emails": emails}))
"""


def django(code: str) -> dict:
    return STACK.django(code)


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors = Counter()
        self.marks: set[tuple[int, int]] = set()
        self.signups: set[str] = set()

    def record(self, started: float, ok: bool, what: str) -> None:
        with self.lock:
            self.latencies.append((time.perf_counter() - started) * 1000)
            if not ok:
                self.errors[what] += 1


def learner(user_id: int, session: str, lessons, deadline: float, stats: Stats, offset: int):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    cookies = {"sessionid": session}
    index = offset % len(lessons)
    while time.perf_counter() < deadline:
        page_id, url = lessons[index]
        started = time.perf_counter()
        try:
            cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
            conn.request("GET", url, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = conn.getresponse()
            body = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    cookies[name] = rest.split(";")[0]
            ok = response.status == 200
            stats.record(started, ok, "lesson" if ok else f"lesson {response.status}")
            if not ok:  # no page, no form token: a person would reload, not post
                index = (index + 1) % len(lessons)
                continue
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            started = time.perf_counter()
            cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
            conn.request(
                "POST",
                f"/learn/steps/{page_id}/done/",
                body=b"",
                headers={
                    "Cookie": cookie,
                    "Host": "127.0.0.1",
                    "X-CSRFToken": token.group(1).decode() if token else "",
                    "Accept": "application/json",
                    "Referer": f"http://127.0.0.1:{PORT}{url}",
                    "Content-Length": "0",
                },
            )
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
            stats.record(started, ok, "mark done" if ok else f"mark done {response.status}")
            if ok:
                with stats.lock:
                    stats.marks.add((user_id, page_id))
        except (OSError, http.client.HTTPException):
            stats.record(started, False, "connection")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        index = (index + 1) % len(lessons)
    conn.close()


def prospect(deadline: float, stats: Stats) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    while time.perf_counter() < deadline:
        email = f"prospect-{uuid.uuid4().hex[:12]}@example.com"
        body = f"name=Prospect&email={email}&consent=on&website=".encode()
        started = time.perf_counter()
        try:
            conn.request(
                "POST",
                "/waitlist/sociale-media-zakelijk/",
                body=body,
                headers={
                    "Host": "127.0.0.1",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            response = conn.getresponse()
            response.read()
            ok = response.status in (302, 303)
            stats.record(started, ok, "signup")
            if ok:
                with stats.lock:
                    stats.signups.add(email)
        except (OSError, http.client.HTTPException):
            stats.record(started, False, "connection")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        time.sleep(0.05)
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--prospects", type=int, default=4)
    args = parser.parse_args()

    subprocess.run(["bash", "scripts/prodlike", "start"], cwd=ROOT, env=STACK_ENV, check=True)
    try:
        data = django(SETUP.format(learners=args.learners))
        lessons, sessions = data["lessons"], data["sessions"]
        stats = Stats()
        deadline = time.perf_counter() + args.seconds
        threads = [
            threading.Thread(target=learner, args=(uid, key, lessons, deadline, stats, n))
            for n, (uid, key) in enumerate(sessions)
        ] + [
            threading.Thread(target=prospect, args=(deadline, stats)) for _ in range(args.prospects)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        stored = django(CHECK)
    finally:
        subprocess.run(["bash", "scripts/prodlike", "stop"], cwd=ROOT, env=STACK_ENV)

    latencies = sorted(stats.latencies)
    quantiles = statistics.quantiles(latencies, n=100)
    stored_marks = [tuple(m) for m in stored["marks"]]
    stored_emails = stored["emails"]
    errors = sum(stats.errors.values())
    print(f"{args.learners} learners + {args.prospects} signup streams for {elapsed:.0f} s")
    print(
        f"requests: {len(latencies)}  ({len(latencies) / elapsed:.0f} req/s)   "
        f"p50 {quantiles[49]:.0f} ms  p95 {quantiles[94]:.0f} ms  p99 {quantiles[98]:.0f} ms   "
        f"errors: {errors} {dict(stats.errors) if errors else ''}"
    )
    marks_ok = set(stored_marks) == stats.marks and len(stored_marks) == len(set(stored_marks))
    signups_ok = set(stored_emails) == stats.signups and len(stored_emails) == len(
        set(stored_emails)
    )
    print(
        f"progress marks: {len(stats.marks)} acknowledged, {len(stored_marks)} stored, "
        f"each exactly once: {marks_ok}"
    )
    print(
        f"signups: {len(stats.signups)} acknowledged, {len(stored_emails)} stored, "
        f"each exactly once: {signups_ok}"
    )
    return 0 if errors == 0 and marks_ok and signups_ok else 1


if __name__ == "__main__":
    sys.exit(main())
