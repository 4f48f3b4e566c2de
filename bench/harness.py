"""A small, reusable benchmark harness: a throw-away deployment under gunicorn and a load loop.

Every benchmark measures its pages against a bare Django view (`/bench/bare/`, see
bench_urls.py) in the same run, on the same machine, through the same middleware, and
reports ratios: absolute requests per second say more about the machine than the code.

    with Deployment.create(seed=True) as deployment:         # temp SQLite DB, migrated, seeded
        deployment.script("...python run with Django set up...")
        cookie = deployment.session_cookie("leerling@mcmt.example")
        queries = deployment.query_counts(["/learn/"], email="leerling@mcmt.example")
        with deployment.serve(workers=2, threads=2) as server:
            bare = server.load("/bench/bare/", seconds=5)
            page = server.load("/learn/", cookies=cookie, seconds=5)
        print_table([bare, page], baseline=bare)

The load generator is plain Python: a bounded number of threads, each looping over one
keep-alive `http.client` connection until the time is up. It runs on the same cores as the
server, which lowers every figure alike; the ratios stay comparable between runs.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SETTINGS = "bench.settings_bench"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- Results -------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    label: str
    path: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95_ms(self) -> float:
        if len(self.latencies_ms) < 2:
            return self.p50_ms
        return statistics.quantiles(self.latencies_ms, n=20)[18]

    def as_dict(self, baseline: LoadResult | None = None) -> dict:
        data = {
            "label": self.label,
            "path": self.path,
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 1),
            "p95_ms": round(self.p95_ms, 1),
            "statuses": self.statuses,
        }
        if baseline is not None and baseline.rps:
            data["ratio"] = round(self.rps / baseline.rps, 3)
        return data


def print_table(results: list[LoadResult], *, baseline: LoadResult, queries=None) -> None:
    queries = queries or {}
    widths = (-22, 8, 8, 8, 8, 7, 4)
    head = ("page", "req/s", "vs bare", "p50 ms", "p95 ms", "errors", "SQL")
    print(
        " ".join(f"{h:<{-w}}" if w < 0 else f"{h:>{w}}" for h, w in zip(head, widths, strict=True))
    )
    for result in results:
        ratio = result.rps / baseline.rps if baseline.rps else 0.0
        sql = queries.get(result.path, "")
        print(
            f"{result.label:<22} {result.rps:>8.1f} {ratio:>7.1%} {result.p50_ms:>8.1f} "
            f"{result.p95_ms:>8.1f} {result.errors:>7} {sql!s:>4}"
        )


# --- A running server ----------------------------------------------------------------------------


@dataclass
class Server:
    host: str
    port: int

    def get(self, path: str, *, cookies: str = "") -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("GET", path, headers=_headers(self.host, cookies))
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def load(
        self,
        path: str,
        *,
        label: str = "",
        cookies: str = "",
        seconds: float = 5.0,
        concurrency: int = 4,
        warmup: int = 20,
        max_requests: int = 1_000_000,
    ) -> LoadResult:
        """Hammer `path` from `concurrency` threads for `seconds` (bounded by max_requests)."""
        for _ in range(warmup):  # fill caches and open the database connections first
            self.get(path, cookies=cookies)
        lock = threading.Lock()
        result = LoadResult(label or path, path, 0, 0, 0.0)
        deadline = time.perf_counter() + seconds
        budget = [max_requests]

        def worker() -> None:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            latencies, statuses, count, errors = [], {}, 0, 0
            while time.perf_counter() < deadline:
                with lock:
                    if budget[0] <= 0:
                        break
                    budget[0] -= 1
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=_headers(self.host, cookies))
                    response = conn.getresponse()
                    response.read()
                    if response.will_close:
                        conn.close()
                except (OSError, http.client.HTTPException):
                    conn.close()
                    errors += 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[response.status] = statuses.get(response.status, 0) + 1
                count += 1
                if response.status != 200:
                    errors += 1
            conn.close()
            with lock:
                result.requests += count
                result.errors += errors
                result.latencies_ms.extend(latencies)
                for status, n in statuses.items():
                    result.statuses[status] = result.statuses.get(status, 0) + n

        threads = [threading.Thread(target=worker) for _ in range(concurrency)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        result.seconds = time.perf_counter() - started
        return result


def _headers(host: str, cookies: str) -> dict[str, str]:
    headers = {"Host": host, "Accept": "text/html", "Connection": "keep-alive"}
    if cookies:
        headers["Cookie"] = cookies
    return headers


# --- A throw-away deployment ---------------------------------------------------------------------


@dataclass
class Deployment:
    """A temporary VAR_DIR with its own SQLite database, run with production settings
    (DEBUG=0, manifest static files, secure defaults minus the TLS redirect)."""

    directory: Path
    env: dict[str, str]
    keep: bool = False

    @classmethod
    @contextmanager
    def create(
        cls, *, seed: bool = True, keep: bool = False, extra_env: dict | None = None
    ) -> Iterator[Deployment]:
        directory = Path(tempfile.mkdtemp(prefix="lms-bench-"))
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DEBUG": "False",
            "SECRET_KEY": "bench-" + os.urandom(24).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_COOKIES": "False",
            "SECURE_HSTS_SECONDS": "0",
            "VAR_DIR": str(directory / "var"),
            "DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite3'}",
            "CACHE_URL": "locmemcache://",
            "EMAIL_URL": "dummymail://",
            "CELERY_TASK_ALWAYS_EAGER": "True",
            "BENCH_STATIC_ROOT": str(directory / "static"),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)
        env.update(extra_env or {})
        deployment = cls(directory, env, keep)
        try:
            deployment.manage("migrate", "--noinput", "-v0")
            deployment.manage("collectstatic", "--noinput", "-v0")
            if seed:
                deployment.manage("seed_demo", "-v0")
            yield deployment
        finally:
            if not keep:
                shutil.rmtree(directory, ignore_errors=True)

    def _run(self, argv: list[str], what: str) -> str:
        completed = subprocess.run(
            argv, cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if completed.returncode:
            raise RuntimeError(f"{what} failed:\n{completed.stderr[-3000:]}")
        return completed.stdout

    def manage(self, *args: str) -> str:
        return self._run([PYTHON, "manage.py", *args], f"manage.py {' '.join(args)}")

    def script(self, code: str) -> str:
        """Run Python with Django set up in a fresh process; returns what it printed."""
        prelude = "import django\ndjango.setup()\n"
        return self._run([PYTHON, "-c", prelude + code], "bench script")

    def session_cookie(self, email: str) -> str:
        """A logged-in session for `email`, made directly in the session store (no log-in
        form, so no rate limit or password hashing is measured). Returns a Cookie header."""
        key = self.script(
            f"""
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
user = get_user_model().objects.get(email__iexact={email!r})
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
print(store.session_key)
"""
        ).strip()
        return f"sessionid={key}"

    def query_counts(self, paths: list[str], *, email: str | None = None) -> dict[str, int]:
        """SQL queries per page for one visitor, after a warm-up request (warm caches)."""
        out = self.script(
            f"""
import json
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
email = {email!r}
if email:
    client.force_login(get_user_model().objects.get(email__iexact=email))
counts = {{}}
for path in {paths!r}:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    counts[path] = len(ctx.captured_queries)
print(json.dumps(counts))
"""
        )
        return json.loads(out.strip().splitlines()[-1])

    @contextmanager
    def serve(self, *, workers: int = 2, threads: int = 2, port: int | None = None):
        """gunicorn (gthread: keep-alive) on 127.0.0.1 with this deployment's settings."""
        port = port or free_port()
        log = open(self.directory / "gunicorn.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [
                GUNICORN,
                "lms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--worker-class",
                "gthread",
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = Server("127.0.0.1", port)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    status, _body = server.get("/bench/bare/")
                    if status == 200:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    tail = (self.directory / "gunicorn.log").read_text()[-3000:]
                    raise RuntimeError(f"gunicorn did not start:\n{tail}")
                time.sleep(0.2)
            yield server
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
