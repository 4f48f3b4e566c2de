"""The production-like stack (scripts/prodlike) as the benches drive it: its settings, start
and stop, Django scripts run against its database and cache, and its processes.

Configured like the script, from PRODLIKE_* variables (see scripts/prodlike), or in code:

    stack = Stack.from_env(nodes=1, workers=4, db="bench", redis_port=6393)
    with stack.running():
        data = stack.django(project.learners_script(100))
        ...  # HTTP to stack.port on 127.0.0.1
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Stack:
    port: int = 8765
    nodes: int = 2
    workers: int = 0  # per node; 0: the script's default (2 with two nodes, 4 with one)
    threads: int = 2
    db: str = "lms_prodlike"
    redis_port: int = 6379
    smtp_port: int = 8825
    celery: bool = True
    run_dir: Path = ROOT / "var" / "prodlike"
    secret_key: str = field(default_factory=lambda: "prodlike-" + uuid.uuid4().hex)
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> Stack:
        env = os.environ
        values = {
            "port": int(env.get("PRODLIKE_PORT", "8765")),
            "nodes": int(env.get("PRODLIKE_NODES", "2")),
            "workers": int(env.get("PRODLIKE_WEB_WORKERS", "0")),
            "threads": int(env.get("PRODLIKE_WEB_THREADS", "2")),
            "db": env.get("PRODLIKE_DB", "lms_prodlike"),
            "redis_port": int(env.get("PRODLIKE_REDIS_PORT", "6379")),
            "smtp_port": int(env.get("PRODLIKE_SMTP_PORT", "8825")),
            "celery": env.get("PRODLIKE_CELERY", "1") != "0",
            "run_dir": Path(env.get("PRODLIKE_DIR", str(ROOT / "var" / "prodlike"))),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def script_env(self) -> dict[str, str]:
        """The environment scripts/prodlike is started and stopped with."""
        env = {
            **os.environ,
            "PRODLIKE_PORT": str(self.port),
            "PRODLIKE_NODES": str(self.nodes),
            "PRODLIKE_WEB_THREADS": str(self.threads),
            "PRODLIKE_DB": self.db,
            "PRODLIKE_REDIS_PORT": str(self.redis_port),
            "PRODLIKE_SMTP_PORT": str(self.smtp_port),
            "PRODLIKE_CELERY": "1" if self.celery else "0",
            "PRODLIKE_DIR": str(self.run_dir),
            "PRODLIKE_SECRET_KEY": self.secret_key,
            **self.extra_env,
        }
        if self.workers:
            env["PRODLIKE_WEB_WORKERS"] = str(self.workers)
        return env

    def django_env(self) -> dict[str, str]:
        """The environment of a Django process talking to the stack's database and cache."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.base",
            "DEBUG": "False",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{self.db}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/10",
            "CACHE_URL": f"redis://127.0.0.1:{self.redis_port}/11",
            "VAR_DIR": str(self.run_dir / "var"),
            "LOG_LEVEL": "WARNING",
            **self.extra_env,
        }

    def start(self) -> None:
        subprocess.run(
            ["bash", "scripts/prodlike", "start"], cwd=ROOT, env=self.script_env(), check=True
        )

    def stop(self) -> None:
        subprocess.run(["bash", "scripts/prodlike", "stop"], cwd=ROOT, env=self.script_env())

    @contextmanager
    def running(self) -> Iterator[Stack]:
        try:
            self.start()
            yield self
        finally:
            self.stop()

    def django(self, code: str):
        """Run `code` in `manage.py shell` against the stack; it prints one JSON line last."""
        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=self.django_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode:
            raise RuntimeError(f"manage.py shell failed:\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    # --- processes -------------------------------------------------------------------------------

    def node_masters(self) -> list[int]:
        return [int(p.read_text()) for p in sorted(self.run_dir.glob("web*.pid"))]

    def web_workers(self) -> list[int]:
        return [pid for master in self.node_masters() for pid in children(master)]

    def web_cpu_seconds(self) -> float:
        """CPU seconds of every web worker so far, recycled ones included: a worker gunicorn
        replaced (max_requests) is counted through its master's reaped-children time."""
        return sum(
            reaped_cpu_seconds(master) + cpu_seconds(children(master))
            for master in self.node_masters()
        )


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes used so far (gone ones count 0)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def reaped_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the children `pid` has waited for (cutime + cstime)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[13]) + int(fields[14])) / CLOCK_TICKS


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def shared_memory_mib(pid: int) -> dict[str, float]:
    """The process's proportional (PSS: shared pages divided among the processes sharing them)
    and unique (USS: pages no other process maps) set sizes, from /proc/PID/smaps_rollup.
    Beside RSS, which counts every shared page in full in every process: with workers forked
    from a preloaded master (gunicorn's preload_app), RSS overstates what each one costs."""
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("Pss", "Private_Clean", "Private_Dirty"):
                fields[key] = int(value.split()[0]) / 1024
    except OSError:
        return {"pss": 0.0, "uss": 0.0}
    return {"pss": fields["Pss"], "uss": fields["Private_Clean"] + fields["Private_Dirty"]}
