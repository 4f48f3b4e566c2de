"""Before/after for a restructuring: the learner's lesson page of two checkouts, in-process.

The HTTP benches (`pages.py`) changed with the code they measure, so an older checkout cannot
be measured by today's harness. This script can measure any checkout of the project that has
`seed_demo`: it seeds the demo course into a fresh SQLite database, logs the demo learner in
with Django's test client and renders their first lesson page N times, alternating with a
**bare view** (a view returning "ok", mounted in front of the checkout's own URLs, so behind
its full middleware) in the same process. It prints the lesson page's median time, the bare
view's, the ratio of their rates and the page's size (the course text itself may differ
between the checkouts; the query budgets are checked by the tests, not here).

    .venv/bin/python bench/lesson_ab.py --repo /path/to/old/checkout --repo . [--requests 400]

Each checkout runs in its own process with its own virtualenv's Python when it has one
(`<repo>/.venv/bin/python`), under DEBUG off and the local-memory cache. Rounds alternate
between the checkouts; the figures are medians over rounds with their range. In-process
timing leaves out the server and the network: it compares what the code does per request.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, os, sys, time, statistics
sys.path.insert(0, os.getcwd())
urls = os.path.join(os.environ["AB_DIR"], "ab_urls.py")
with open(urls, "w") as f:
    f.write(
        "from django.http import HttpResponse\n"
        "from django.urls import path\n"
        "from lms.urls import urlpatterns as project\n"
        "def bare(request):\n    return HttpResponse('ok')\n"
        "urlpatterns = [path('ab-bare/', bare), *project]\n"
    )
sys.path.insert(0, os.environ["AB_DIR"])
import django
django.setup()
from django.conf import settings
settings.ROOT_URLCONF = "ab_urls"
from django.contrib.auth import get_user_model
from django.test import Client
from courses.models import LessonPage

learner = get_user_model().objects.get(email=os.environ["AB_LEARNER"])
client = Client()
client.force_login(learner)
lesson = LessonPage.objects.live().get(slug=os.environ["AB_SLUG"])
url = lesson.url
for _ in range(30):  # warm caches and code paths
    assert client.get(url).status_code == 200
    assert client.get("/ab-bare/").status_code == 200
response = client.get(url)
assert response.status_code == 200 and response.wsgi_request.user == learner, response
n = int(os.environ["AB_REQUESTS"])
page, bare = [], []
for _ in range(n):
    t = time.perf_counter(); client.get(url); page.append(time.perf_counter() - t)
    t = time.perf_counter(); client.get("/ab-bare/"); bare.append(time.perf_counter() - t)
print(json.dumps({"page_ms": statistics.median(page) * 1000,
                  "bare_ms": statistics.median(bare) * 1000,
                  "url": url, "bytes": len(response.content)}))
"""

LEARNER = "leerling@mcmt.example"  # the demo learner, in both versions of seed_demo


def prepare(repo: Path, workdir: Path, slug: str) -> dict[str, str]:
    python = repo / ".venv" / "bin" / "python"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.base",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
        "ALLOWED_HOSTS": "testserver,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "AB_DIR": str(workdir),
        "AB_LEARNER": LEARNER,
        "AB_SLUG": slug,
        "AB_PYTHON": str(python if python.exists() else sys.executable),
    }
    for var in ("CACHE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"):
        env.pop(var, None)
    run = {"cwd": repo, "env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([env["AB_PYTHON"], "manage.py", "migrate", "--noinput"], **run)
    # DEBUG off serves static files by their hashed names: the manifest must exist.
    subprocess.run([env["AB_PYTHON"], "manage.py", "collectstatic", "--noinput", "-v0"], **run)
    seed = [env["AB_PYTHON"], "manage.py", "seed_demo"]
    help_text = subprocess.run([*seed, "--help"], **run).stdout
    if "--demo-accounts" in help_text:
        seed.append("--demo-accounts")
    subprocess.run(seed, **run)
    return env


def measure(repo: Path, env: dict[str, str], requests: int) -> dict:
    result = subprocess.run(
        [env["AB_PYTHON"], "-c", CHILD],
        cwd=repo,
        env={**env, "AB_REQUESTS": str(requests)},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"{repo}: the measuring process failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", action="append", required=True, type=Path)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--slug",
        default="social-business-champions-vinden",
        help="the lesson to render (the same lesson in every checkout's demo course)",
    )
    args = parser.parse_args()
    repos = [repo.resolve() for repo in args.repo]
    with tempfile.TemporaryDirectory() as tmp:
        envs = {}
        for index, repo in enumerate(repos):
            workdir = Path(tmp) / str(index)
            workdir.mkdir()
            envs[repo] = prepare(repo, workdir, args.slug)
        runs: dict[Path, list[dict]] = {repo: [] for repo in repos}
        for _ in range(args.rounds):
            for repo in repos:
                runs[repo].append(measure(repo, envs[repo], args.requests))
    print(f"{'checkout':<40} {'lesson ms':>10} {'bare ms':>8} {'lesson/bare rate':>26}  page")
    for repo in repos:
        shares = [r["bare_ms"] / r["page_ms"] for r in runs[repo]]
        page = [r["page_ms"] for r in runs[repo]]
        print(
            f"{str(repo)[-40:]:<40} {statistics.median(page):>10.2f} "
            f"{statistics.median(r['bare_ms'] for r in runs[repo]):>8.2f} "
            f"{statistics.median(shares):>11.1%} ({min(shares):.1%} to {max(shares):.1%}) "
            f" {runs[repo][0]['bytes']:>6} B  {runs[repo][0]['url']}"
        )


if __name__ == "__main__":
    main()
