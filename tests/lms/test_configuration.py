"""Configuration that checks itself: `.env.example` names exactly what the settings read, and
rules between settings are Django system checks."""

import ast
import re
from pathlib import Path

import pytest
from django.core.checks import run_checks

BASE_DIR = Path(__file__).resolve().parents[2]
ENV_METHODS = {"str", "bool", "int", "float", "list", "json", "db_url", "cache_url", "url"}


def variables_read_by_the_settings() -> set[str]:
    tree = ast.parse((BASE_DIR / "lms" / "settings" / "base.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ENV_METHODS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and node.args[0].value.isupper()
        ):
            names.add(node.args[0].value)
    return names


def variables_in_env_example() -> set[str]:
    text = (BASE_DIR / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.M))


def test_env_example_names_every_variable_the_settings_read_and_nothing_else():
    read = variables_read_by_the_settings()
    listed = variables_in_env_example()
    assert len(read) > 30  # the parser found the settings' reads
    assert read - listed == set(), "read by the settings, missing from .env.example"
    assert listed - read == set(), "in .env.example, read by nothing"


def test_settings_inject_nothing_through_globals():
    assert "globals()" not in (BASE_DIR / "lms" / "settings" / "base.py").read_text()


def ids(settings_overrides, settings, deploy=False) -> set[str]:
    for name, value in settings_overrides.items():
        setattr(settings, name, value)
    return {message.id for message in run_checks(include_deployment_checks=deploy)}


def test_a_send_without_a_mail_timeout_cannot_be_leased_and_stops_the_start(settings):
    assert "core.E001" not in ids({}, settings)
    # A longer timeout lengthens the lease a send takes (5 x EMAIL_TIMEOUT + 5 s): fine.
    assert "core.E001" not in ids({"EMAIL_TIMEOUT": 60}, settings)
    # No timeout: a send could outlast any lease.
    assert "core.E001" in ids({"EMAIL_TIMEOUT": None}, settings)
    assert "core.E001" in ids({"EMAIL_TIMEOUT": 30, "DELIVERY_LEASE_SECONDS": 0}, settings)


@pytest.mark.parametrize(
    ("secret", "webhook", "error"),
    [
        ("", "", False),
        ("sk_test_1", "whsec_1", False),
        ("sk_test_1", "", True),
        ("", "whsec_1", True),
    ],
)
def test_stripe_keys_come_in_pairs(settings, secret, webhook, error):
    found = ids({"STRIPE_SECRET_KEY": secret, "STRIPE_WEBHOOK_SECRET": webhook}, settings)
    assert ("core.E002" in found) is error


def test_production_needs_an_https_site_url_on_an_allowed_host(settings):
    found = ids(
        {"SITE_URL": "http://academie.example", "ALLOWED_HOSTS": ["other.example"]},
        settings,
        deploy=True,
    )
    assert {"core.E003", "core.W001"} <= found
    found = ids(
        {"SITE_URL": "https://academie.example", "ALLOWED_HOSTS": ["academie.example"]},
        settings,
        deploy=True,
    )
    assert not {"core.E003", "core.W001"} & found
