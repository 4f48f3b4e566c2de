"""`make demo` runs the site as production does (DEBUG off, collected static files behind
whitenoise), so a visitor trying it sees the platform's own error pages, on a secret key of
the demo's own rather than one from the repository."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_demo_runs_without_debug_on_a_key_of_its_own():
    plan = subprocess.run(
        ["make", "-n", "demo", "PORT=8299"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.replace("\\\n", " ")  # one line per command
    steps = [line for line in plan.splitlines() if "manage.py" in line or "honcho" in line]
    assert len(steps) >= 5
    for step in steps:
        assert "DEBUG=0" in step and 'SECRET_KEY="$(cat var/demo-secret-key)"' in step, step
    assert "DEBUG=1" not in plan
    assert "manage.py collectstatic" in plan
    assert "secrets.token_urlsafe" in plan  # the key is made on the first run, not shipped
