"""Settings come from the environment: check them in a fresh interpreter per case."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'debug': settings.DEBUG, 'db': settings.DATABASES['default']['ENGINE'],"
    "'db_name': settings.DATABASES['default']['NAME'], 'broker': settings.CELERY_BROKER_URL,"
    "'cache': settings.CACHES['default']['BACKEND'], 'email': settings.EMAIL_BACKEND,"
    "'email_host': settings.EMAIL_HOST, 'hosts': settings.ALLOWED_HOSTS,"
    "'stripe': settings.STRIPE_SECRET_KEY, 'site': settings.SITE_URL,"
    "'mail_dir': getattr(settings, 'EMAIL_FILE_PATH', None)}))"
)


def _run(args, **env):
    # Only what a fresh shell has: the test run's own settings variables must not leak in.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    clean.update(DJANGO_SETTINGS_MODULE="lms.settings.base", VAR_DIR="/tmp/lms-env-test", **env)
    return subprocess.run(args, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def _settings(**env) -> dict:
    result = _run([sys.executable, "-c", PROBE], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_the_embedded_demo_setup():
    values = _settings(DEBUG="1")
    assert values["debug"] is True
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["broker"] == "filesystem://"
    assert values["cache"].endswith("FileBasedCache")
    assert values["email"].endswith("filebased.EmailBackend")
    assert values["mail_dir"] == "/tmp/lms-env-test/mail"  # where the README sends readers


def test_a_mail_folder_is_taken_as_written_absolute_or_from_the_project():
    assert _settings(DEBUG="1", EMAIL_URL="filemail:///srv/mail")["mail_dir"] == "/srv/mail"
    relative = _settings(DEBUG="1", EMAIL_URL="filemail://var/outbox")["mail_dir"]
    assert relative == str(ROOT / "var" / "outbox")


def test_production_services_come_from_the_environment():
    values = _settings(
        DEBUG="0",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://lms:pw@db.internal:5432/lms",
        REDIS_URL="redis://cache.internal:6379/0",
        EMAIL_URL="smtp://mailer:secret@smtp.internal:587",
        ALLOWED_HOSTS="academie.example,www.academie.example",
        STRIPE_SECRET_KEY="sk_test_123",
        SITE_URL="https://academie.example/",
    )
    assert values["debug"] is False
    assert values["db"] == "django.db.backends.postgresql"
    assert values["broker"] == "redis://cache.internal:6379/0"
    assert values["cache"] == "core.cache_backend.ResilientRedisCache"  # Django's, made resilient
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_host"] == "smtp.internal"
    assert values["hosts"] == ["academie.example", "www.academie.example"]
    assert values["stripe"] == "sk_test_123"
    assert values["site"] == "https://academie.example"


def test_without_debug_a_secret_key_is_required():
    result = _run([sys.executable, "-c", PROBE], DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_values():
    result = _run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY="k3y-" + "a1B2c3D4e5F6g7H8" * 4,
        ALLOWED_HOSTS="academie.example",
        SITE_URL="https://academie.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
