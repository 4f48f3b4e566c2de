"""Test settings: the real settings, made fast and hermetic.

The suite runs on SQLite by default; `.ci/run` sets DATABASE_URL/REDIS_URL to run it again
on PostgreSQL and Redis. E-mail stays in memory unless a test brings its own SMTP server.
"""

import os
import tempfile

os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
os.environ.setdefault("SECURE_COOKIES", "False")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("CACHE_URL", "locmemcache://")
os.environ.setdefault("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="lms-test-var-"))

from .base import *  # noqa: F403
from .base import CACHES, STORAGES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests call tasks in-process unless they start a real worker (see tests/celery_worker).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# A task that fails in-process fails the test that queued it, instead of leaving only a
# missing mail behind (a swallowed error once showed up as "0 mails sent" and nothing else).
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
WHITENOISE_AUTOREFRESH = True
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Tests clear the cache; with Redis that empties a whole database, so give each xdist
    # worker a database of its own, counted up from the one CACHE_URL names.
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    _base, _, _db = CACHES["default"]["LOCATION"].rpartition("/")
    CACHES["default"]["LOCATION"] = f"{_base}/{int(_db or 0) + _worker}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file per xdist worker rather than shared-cache memory: the browser tests' live server
    # thread then has a connection of its own, as a real server would.
    _name = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / _name)}
SITE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]

# The plan PDF uncompressed, so tests (and the browser test) read its text from the file.
PLANS_PDF_COMPRESS = False
