"""Settings for benchmarks only: the real settings plus a bare Django view to compare with.

The harness (bench/harness.py) sets the environment (DEBUG=0, SECRET_KEY, a temporary SQLite
database and VAR_DIR) before Django imports this module.
"""

from lms.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"
PUBLIC_URLCONFS = {ROOT_URLCONF: "bench.bench_urls_public"}  # as in production: core/urlconf.py
# Request logs would cost more than the pages being measured.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# collectstatic writes into the throw-away deployment, not the working tree.
STATIC_ROOT = env.str("BENCH_STATIC_ROOT", default=str(STATIC_ROOT))  # noqa: F405
