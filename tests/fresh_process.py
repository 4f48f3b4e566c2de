"""Run a probe in a fresh Python process with the project's settings: for what a process
imports at start-up, which the test process itself has long since imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def probe(source: str, *, var_dir: str, broker: str = "memory://") -> dict:
    """Run `source` (which prints one JSON line last) under the demo's embedded defaults."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.base",
        DEBUG="1",
        VAR_DIR=var_dir,
        CACHE_URL="locmemcache://",
        CELERY_BROKER_URL=broker,
    )
    result = subprocess.run(
        [sys.executable, "-c", source],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
