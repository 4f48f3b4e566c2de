"""The throughput benches' harness: throw-away deployments under gunicorn, wrk, interleaved
repetitions and a report against two named denominators.

    with Deployment.create(seed=True) as deployment:        # temp SQLite DB, migrated, seeded
        cookie = deployment.session_cookie("leerling@mcmt.example")
        queries = deployment.query_counts(["/learn/"], email="leerling@mcmt.example")
        with deployment.serve() as project, deployment.serve(app="minimal") as minimal:
            targets = [
                Target(MINIMAL, minimal, "/bench/bare/"),
                Target(BARE, project, "/bench/bare/"),
                Target("dashboard", project, "/learn/", cookies=cookie),
            ]
            runs = measure(targets, rounds=5, seconds=5)
        report("pages", targets, runs, queries=queries)

Why it is built this way (issue 21):

- Two denominators, measured in the same run: a minimal Django project with
  `startproject`'s stock middleware (bench/minimal/) and this project's own view that does
  nothing behind the full middleware (`/bench/bare/`, bench/bench_urls.py). Each page is
  reported as a share of both. Absolute requests per second describe the machine more
  than the code; the ratios are what is compared between runs and machines.
- The load comes from wrk (Debian's package, installed when missing and we are root), a C
  program that loads the two cores far less than a Python client would. Its CPU use is
  reported with every figure.
- Both servers run under the same gunicorn configuration (bench/gunicorn.conf.py: the
  production file with sync workers, one per core; see there why sync workers).
- Repetitions are interleaved (A, B, C, A, B, C, ...): a neighbour's test run on the shared
  machine then slows all pages alike instead of one. Each page's figure is the median over
  the rounds with the range beside it, and each ratio is the median of the per-round ratios.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.stack import children, cpu_seconds

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SETTINGS = "bench.settings_bench"
MINIMAL_SETTINGS = "bench.minimal.settings"
GUNICORN_CONF = ROOT / "bench" / "gunicorn.conf.py"
ARTIFACTS = ROOT / "test-artifacts" / "bench"

# The two denominators, by the labels every report names them with.
MINIMAL = "minimal Django view"
BARE = "project bare view"
DENOMINATORS = {
    MINIMAL: "a minimal Django project: startproject's stock middleware, one view (bench/minimal/)",
    BARE: "this project's /bench/bare/: the same kind of view behind the project's full middleware",
}


def free_port() -> int:
    """A free TCP port on 127.0.0.1: from BENCH_PORTS ("8300-8399") when it is set, so that
    engineers sharing a machine each keep to their own range; else any the kernel offers."""
    span = os.environ.get("BENCH_PORTS", "")
    candidates = [0]
    if span:
        low, _, high = span.partition("-")
        candidates = list(range(int(low), int(high or low) + 1))
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORTS={span}")


# --- wrk -----------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    """The wrk binary; installed from Debian's package when missing and we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("wrk is not installed: run `apt-get install wrk` as root, then again.")
    print("installing wrk (apt-get install -y wrk) ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    argv = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "wrk"]
    if subprocess.run(argv, env=env, capture_output=True, check=False).returncode:
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, check=False)
        subprocess.run(argv, env=env, capture_output=True, check=True)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("apt-get installed wrk but it is not on PATH")
    return found


# Counts answers other than 200 (wrk itself counts only >= 400, so a redirect to the log-in
# page would pass for a page) and prints one JSON line with everything the report needs.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not200 = 0 end
function response(status, headers, body) if status ~= 200 then not200 = not200 + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not200") end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "not200": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, bad,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class LoadResult:
    label: str
    path: str
    requests: int
    seconds: float
    errors: int  # answers other than 200, plus connect/read/write errors and timeouts
    p50_ms: float
    p95_ms: float
    p99_ms: float
    bytes_per_response: float
    wrk_cpu: float  # share of one core wrk used during the run
    server_cpu: float  # share of one core the server's workers used during the run

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


# --- A running server ----------------------------------------------------------------------------


@dataclass
class Server:
    host: str
    port: int
    pid: int = 0
    name: str = ""

    @property
    def workers(self) -> list[int]:
        return children(self.pid) if self.pid else []

    def get(self, path: str, *, cookies: str = "") -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            headers = {"Host": self.host, "Accept": "text/html"}
            if cookies:
                headers["Cookie"] = cookies
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def wrk(
        self,
        path: str,
        *,
        label: str = "",
        cookies: str = "",
        seconds: int = 5,
        connections: int = 16,
        threads: int = 1,
    ) -> LoadResult:
        wrk = ensure_wrk()
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        argv = [
            wrk,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, int(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            "-H",
            "Accept: text/html",
        ]
        if cookies:
            argv += ["-H", f"Cookie: {cookies}"]
        argv.append(f"http://{self.host}:{self.port}{path}")
        workers = self.workers
        server_before = cpu_seconds(workers)
        children_before = os.times()
        try:
            out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(script.name)
        children_after = os.times()
        server_after = cpu_seconds(workers)
        line = next(line for line in out.splitlines() if line.startswith("WRKJSON "))
        data = json.loads(line.removeprefix("WRKJSON "))
        elapsed = data["duration_us"] / 1e6
        wrk_cpu = (
            children_after.children_user
            + children_after.children_system
            - children_before.children_user
            - children_before.children_system
        )
        errors = data["not200"] + sum(data[k] for k in ("connect", "read", "write", "timeout"))
        return LoadResult(
            label=label or path,
            path=path,
            requests=data["requests"],
            seconds=elapsed,
            errors=errors,
            p50_ms=data["p50_us"] / 1000,
            p95_ms=data["p95_us"] / 1000,
            p99_ms=data["p99_us"] / 1000,
            bytes_per_response=data["bytes"] / data["requests"] if data["requests"] else 0.0,
            wrk_cpu=max(0.0, wrk_cpu / elapsed) if elapsed else 0.0,
            server_cpu=(server_after - server_before) / elapsed if elapsed else 0.0,
        )


# --- Interleaved measurement and the report ------------------------------------------------------


@dataclass
class Target:
    label: str
    server: Server
    path: str
    cookies: str = ""


def measure(
    targets: list[Target],
    *,
    rounds: int = 5,
    seconds: int = 5,
    connections: int = 16,
    threads: int = 1,
    warmup: int = 1,
) -> dict[str, list[LoadResult]]:
    """Each target once per round, in the same order every round (A, B, C, A, B, C, ...),
    after one unrecorded warm-up run of each (caches filled, connections to the database
    open, code paths imported)."""
    for target in targets:
        status, _body = target.server.get(target.path, cookies=target.cookies)
        if status != 200:  # a redirect would mean the session is not logged in
            raise SystemExit(f"{target.label}: {target.path} answered {status}")
        target.server.wrk(
            target.path, cookies=target.cookies, seconds=warmup, connections=connections
        )
    runs: dict[str, list[LoadResult]] = {target.label: [] for target in targets}
    for number in range(1, rounds + 1):
        for target in targets:
            result = target.server.wrk(
                target.path,
                label=target.label,
                cookies=target.cookies,
                seconds=seconds,
                connections=connections,
                threads=threads,
            )
            runs[target.label].append(result)
            print(
                f"  round {number}/{rounds}  {target.label:<32} {result.rps:>8.0f} req/s"
                f"  p95 {result.p95_ms:6.1f} ms  errors {result.errors}",
                flush=True,
            )
    return runs


def _ratios(runs: dict[str, list[LoadResult]], label: str, denominator: str) -> list[float]:
    """Per-round ratios: each page against the denominator measured in the same round."""
    return [
        page.rps / base.rps
        for page, base in zip(runs[label], runs[denominator], strict=True)
        if base.rps
    ]


def spread(values: list[float], fmt: str) -> str:
    """The median with the range beside it: "303 (290-310)"."""
    if not values:
        return "-"
    middle = statistics.median(values)
    return f"{middle:{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def summarise(
    runs: dict[str, list[LoadResult]],
    *,
    queries: dict[str, int] | None = None,
    redis: dict[str, float] | None = None,
) -> list[dict]:
    queries = queries or {}
    redis = redis or {}
    rows = []
    for label, results in runs.items():
        rps = [r.rps for r in results]
        row = {
            "page": label,
            "path": results[0].path,
            "rps_median": statistics.median(rps),
            "rps_min": min(rps),
            "rps_max": max(rps),
            "p50_ms_median": statistics.median(r.p50_ms for r in results),
            "p95_ms_median": statistics.median(r.p95_ms for r in results),
            "errors": sum(r.errors for r in results),
            "queries": queries.get(label),
            "redis_commands": redis.get(label),
            "kib_per_response": statistics.median(r.bytes_per_response for r in results) / 1024,
            "wrk_cpu_median": statistics.median(r.wrk_cpu for r in results),
            "server_cpu_median": statistics.median(r.server_cpu for r in results),
            "runs": [asdict(r) for r in results],
        }
        for denominator in DENOMINATORS:
            if denominator in runs:
                ratios = _ratios(runs, label, denominator)
                row[f"vs {denominator}"] = {
                    "median": statistics.median(ratios) if ratios else None,
                    "min": min(ratios, default=None),
                    "max": max(ratios, default=None),
                }
        rows.append(row)
    return rows


def print_report(rows: list[dict], *, title: str) -> None:
    print(f"\n{title}")
    print("Denominators, measured in the same run (share = median of the per-round ratios):")
    for name, what in DENOMINATORS.items():
        print(f"  {name}: {what}")
    head = (
        f"{'page':<34} {'req/s median (range)':>24} {'% of ' + MINIMAL:>26} "
        f"{'% of ' + BARE:>24} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} {'SQL':>4} {'Redis':>5} "
        f"{'KiB':>5} {'wrk CPU':>7} {'web CPU':>7}"
    )
    print(head)
    for row in rows:
        shares = []
        for denominator in DENOMINATORS:
            share = row.get(f"vs {denominator}")
            if share and share["median"] is not None:
                shares.append(f"{share['median']:.1%} ({share['min']:.1%}-{share['max']:.1%})")
            else:
                shares.append("-")
        rps = f"{row['rps_median']:.0f} ({row['rps_min']:.0f}-{row['rps_max']:.0f})"
        sql = "" if row["queries"] is None else str(row["queries"])
        redis = "" if row.get("redis_commands") is None else f"{row['redis_commands']:.1f}"
        print(
            f"{row['page']:<34} {rps:>24} {shares[0]:>26} {shares[1]:>24} "
            f"{row['p50_ms_median']:>7.1f} {row['p95_ms_median']:>7.1f} {row['errors']:>6} "
            f"{sql:>4} {redis:>5} {row['kib_per_response']:>5.1f} {row['wrk_cpu_median']:>7.0%} "
            f"{row['server_cpu_median']:>7.0%}"
        )
    print(
        "(SQL: queries per request; Redis: commands per request, with --redis-port; CPU: share "
        "of one core used by wrk and by the server's workers during a run)"
    )


def write_artifact(name: str, data: dict) -> Path:
    out = ARTIFACTS / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2, default=str))
    return out


def share(rows: list[dict], label: str, denominator: str = MINIMAL) -> float | None:
    for row in rows:
        if row["page"] == label:
            return (row.get(f"vs {denominator}") or {}).get("median")
    return None


# --- Services: PostgreSQL and a Redis of our own -------------------------------------------------


def redis_commands_processed(port: int) -> int:
    """Redis's count of commands processed since it started (INFO stats)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"INFO stats\r\n")
        data = b""
        while b"total_commands_processed:" not in data or not data.endswith(b"\r\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    for line in data.decode().splitlines():
        if line.startswith("total_commands_processed:"):
            return int(line.split(":", 1)[1])
    raise RuntimeError("no total_commands_processed in Redis INFO")


def redis_commands_per_request(port: int, targets: list[Target], requests: int = 20) -> dict:
    """Redis commands per request of each target, from `requests` requests one at a time
    (the cache warm), on a Redis nobody else uses. The INFO call itself counts one."""
    counts = {}
    for target in targets:
        target.server.get(target.path, cookies=target.cookies)
        before = redis_commands_processed(port)
        for _ in range(requests):
            target.server.get(target.path, cookies=target.cookies)
        counts[target.label] = (redis_commands_processed(port) - before - 1) / requests
    return counts


def redis_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def own_redis(port: int, directory: Path) -> Iterator[None]:
    """A Redis on `port` for the duration: the one running there, or one started (and
    stopped again) here, with no persistence."""
    if redis_ping(port):
        yield
        return
    directory.mkdir(parents=True, exist_ok=True)
    pidfile = directory / f"redis-{port}.pid"
    subprocess.run(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--daemonize", "yes", "--pidfile", str(pidfile),
         "--dir", str(directory), "--logfile", str(directory / f"redis-{port}.log")],
        check=True,
    )  # fmt: skip
    try:
        for _ in range(50):
            if redis_ping(port):
                break
            time.sleep(0.1)
        yield
    finally:
        if pidfile.exists():
            os.kill(int(pidfile.read_text()), signal.SIGTERM)


def postgres_recreate(
    name: str, *, host: str = "127.0.0.1", port: int = 5432, user: str = "postgres"
) -> None:
    """Drop the database `name` (closing its connections) and create it empty."""
    admin = ["psql", "-h", host, "-p", str(port), "-U", user, "-d", "postgres", "-qc"]
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run([*admin, sql], check=True)


def postgres_recreate_url(database_url: str) -> None:
    """`postgres_recreate` for a postgres:// URL, as the benches take it (--database)."""
    parts = urlsplit(database_url)
    postgres_recreate(
        parts.path.lstrip("/"),
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
    )


# --- Benches that measure in child processes of their own ----------------------------------------
#
# announcement.py, messages.py and reminders.py run each step (prepare the rows, send, reset)
# in a fresh process of their own script (`script.py --child STEP ...`), so that one step's
# imports, caches and peak memory do not count in the next. These are the parts they share.

#: The PostgreSQL database that messages.py and reminders.py drop and re-create unless
#: --database (or BENCH_DATABASE_URL) names another one.
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/engage_bench"


def child_env(var_dir: str, *, database_url: str, email_url: str = "") -> dict[str, str]:
    """The environment of a bench's child processes: base settings with DEBUG off (as in
    production: with DEBUG on, Django also logs every SQL query, which taxes the side that
    keeps books and not the bare one), a VAR_DIR and database of the run's own, the
    local-memory cache, no Redis and Celery in memory. `email_url`: where mail goes (an SMTP
    sink); without it, the settings' default (files in VAR_DIR)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.base",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "localhost",
        "VAR_DIR": var_dir,
        "DATABASE_URL": database_url,
        "CACHE_URL": "locmemcache://",
        "CELERY_BROKER_URL": "memory://",
        "SITE_URL": "https://academie.example",
        "LOG_LEVEL": "WARNING",
    }
    if email_url:
        env["EMAIL_URL"] = email_url
    env.pop("REDIS_URL", None)
    return env


def child_start(script: str, *argv: str, env: dict[str, str]) -> subprocess.Popen:
    """Start `python script --child ARGV...`; `child_result` waits for it."""
    return subprocess.Popen(
        [PYTHON, script, "--child", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def child_result(process: subprocess.Popen):
    """The JSON a child printed on its last line, once it has exited; its error output
    when it failed."""
    out, err = process.communicate()
    if process.returncode:
        raise RuntimeError(f"{' '.join(process.args[1:])} failed:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def child_call(script: str, *argv: str, env: dict[str, str]):
    """Run one child step to its end and return what it printed (JSON)."""
    return child_result(child_start(script, *argv, env=env))


def child_django() -> None:
    """In a child: set Django up (the settings come from `child_env`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.base")
    import django

    django.setup()


def bench_course():
    """In a child, on an empty database: migrate, make a home page the default site and put
    one course ("Benchcursus") under it. Returns the course page."""
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from courses.models import CoursePage, HomePage

    call_command("migrate", verbosity=0, interactive=False)
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="bench-home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home.add_child(instance=CoursePage(title="Benchcursus", slug="bench", intro="<p>x</p>"))


# --- A throw-away deployment ---------------------------------------------------------------------


@dataclass
class Deployment:
    """A temporary VAR_DIR with its own database, run with production settings (DEBUG=0,
    manifest static files, secure defaults minus the TLS redirect). SQLite and Django's
    local-memory cache by default; PostgreSQL and Redis with `postgres=` and `redis_port=`."""

    directory: Path
    env: dict[str, str]
    keep: bool = False
    servers: list[Server] = field(default_factory=list)

    @classmethod
    @contextmanager
    def create(
        cls,
        *,
        seed: bool = True,
        keep: bool = False,
        extra_env: dict | None = None,
        postgres: str = "",
        redis_port: int = 0,
        redis_dbs: tuple[int, int] = (0, 2),
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
            "CELERY_BROKER_URL": "memory://",
            "BENCH_STATIC_ROOT": str(directory / "static"),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)
        if postgres:
            postgres_recreate(postgres)
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{postgres}"
        if redis_port:
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/{redis_dbs[0]}"
            env["CACHE_URL"] = f"redis://127.0.0.1:{redis_port}/{redis_dbs[1]}"
        env.update(extra_env or {})
        deployment = cls(directory, env, keep)
        redis = own_redis(redis_port, directory / "redis") if redis_port else _nothing()
        try:
            with redis:
                if redis_port:
                    for db in map(str, redis_dbs):
                        subprocess.run(
                            ["redis-cli", "-p", str(redis_port), "-n", db, "flushdb"],
                            check=True,
                            capture_output=True,
                        )
                deployment.manage("migrate", "--noinput", "-v0")
                deployment.manage("collectstatic", "--noinput", "-v0")
                if seed:
                    # The demo learner is the bench's learner; 127.0.0.1 only.
                    deployment.manage("seed_demo", "--demo-accounts", "-v0")
                yield deployment
        finally:
            if not keep:
                shutil.rmtree(directory, ignore_errors=True)

    def _run(self, argv: list[str], what: str, env: dict | None = None) -> str:
        completed = subprocess.run(
            argv, cwd=ROOT, env=env or self.env, capture_output=True, text=True, check=False
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

    def json_script(self, code: str):
        """Run `code` (which prints one JSON line last) and return what it printed, parsed."""
        return json.loads(self.script(code).strip().splitlines()[-1])

    def clear_cache(self) -> None:
        """Empty the cache after set-up scripts (a shared Redis would keep what they built)."""
        self.script("from django.core.cache import cache\ncache.clear()\n")

    def session_cookie(self, email: str) -> str:
        """A logged-in session for `email`, made directly in the session store (no log-in
        form, so no rate limit or password hashing is measured). Returns a Cookie header,
        with the CSRF cookie a browser holds after its first page with a form (without it,
        every page with a form would make and set a new one, which no browser asks for)."""
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
        csrf = secrets.token_hex(16)  # 32 characters from Django's allowed set
        return f"sessionid={key}; csrftoken={csrf}"

    def query_counts(self, paths: dict[str, str], *, email: str | None = None) -> dict[str, int]:
        """SQL queries per request, by label, for one visitor (logged in as `email`, or
        anonymous), after a warm-up request (warm caches)."""
        return self.json_script(
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
for label, path in {paths!r}.items():
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    counts[label] = len(ctx.captured_queries)
print(json.dumps(counts))
"""
        )

    @contextmanager
    def serve(self, *, app: str = "project", workers: int = 2, port: int | None = None):
        """gunicorn on 127.0.0.1 under bench/gunicorn.conf.py: the project (`lms.wsgi`) or
        the minimal Django project (`app="minimal"`), with this deployment's environment."""
        port = port or free_port()
        env = {**self.env, "BENCH_WORKERS": str(workers), "GUNICORN_BIND": f"127.0.0.1:{port}"}
        wsgi = "lms.wsgi"
        if app == "minimal":
            env["DJANGO_SETTINGS_MODULE"] = MINIMAL_SETTINGS
            wsgi = "bench.minimal.wsgi"
        logfile = self.directory / f"gunicorn-{app}.log"
        log = open(logfile, "w")  # noqa: SIM115
        process = subprocess.Popen(
            [GUNICORN, wsgi, "--config", str(GUNICORN_CONF)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = Server("127.0.0.1", port, process.pid, app)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    status, _body = server.get("/bench/bare/")
                    if status == 200 and len(server.workers) >= workers:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    raise RuntimeError(f"gunicorn did not start:\n{logfile.read_text()[-3000:]}")
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


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def add_common_arguments(parser) -> None:
    """The options every throughput bench takes."""
    parser.add_argument("--seconds", type=int, default=5, help="length of one run (wrk -d)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved repetitions")
    parser.add_argument("--connections", type=int, default=16, help="wrk keep-alive connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--postgres",
        metavar="DB",
        default="",
        help="run on PostgreSQL in this (re-created) database instead of SQLite",
    )
    parser.add_argument(
        "--redis-port",
        type=int,
        default=0,
        help="cache on Redis at this port (started here when nothing answers) instead of "
        "Django's local-memory cache",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary deployment")
