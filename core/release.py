"""Which release of the code this process runs: part of every cache key (see `caching`).

Set `RELEASE` at deploy (a git commit, an image tag). Without it, the release is a
fingerprint of the project's code, templates, translations and static files, so two
processes running different code never share cache entries, and a process whose code did
not change keeps its entries across a restart.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# What shapes cached objects and cached HTML. Tests and benchmarks do not.
SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".mo", ".svg"}
SKIP_DIRS = {".git", ".venv", "node_modules", "var", "staticfiles", "tests", "bench", "__pycache__"}


def code_fingerprint(base_dir: Path) -> str:
    """A short hash of every source file under `base_dir` (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(_source_files(base_dir)):
        digest.update(str(path.relative_to(base_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _source_files(base_dir: Path):
    for path in base_dir.iterdir():
        if path.name in SKIP_DIRS or path.name.startswith("."):
            continue
        if path.is_dir():
            yield from _source_files(path)
        elif path.suffix in SUFFIXES:
            yield path
