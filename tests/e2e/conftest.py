"""End-to-end journeys against a running production-like stack (scripts/prodlike).

They run only when E2E_BASE_URL is set (.ci/run starts the stack and sets it); they talk
to the site over HTTP like a visitor and read mail from the stack's Maildir.
"""

import mailbox
import os
import re
import time
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, DESKTOP

BASE_URL = os.environ.get("E2E_BASE_URL", "")
MAILDIR = Path(os.environ.get("E2E_MAILDIR", "var/prodlike/mail"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not BASE_URL:
                item.add_marker(pytest.mark.skip(reason="E2E_BASE_URL not set (.ci/run sets it)"))


@pytest.fixture(scope="session")
def base_url() -> str:
    return BASE_URL.rstrip("/")


@pytest.fixture
def e2e_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--no-first-run",
            ],
        )
        context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(20_000)
        yield page
        context.close()
        browser.close()


def wait_for_mail(to: str, subject_contains: str = "", timeout: float = 30.0) -> str:
    """The body of the newest message to `to` in the stack's Maildir, waiting for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        box = mailbox.Maildir(MAILDIR, create=False)
        found = [
            m
            for m in box
            if to.lower() in (m.get("To") or "").lower()
            and subject_contains.lower() in (m.get("Subject") or "").lower()
        ]
        if found:
            message = found[-1]
            parts = [p for p in message.walk() if p.get_content_type() == "text/plain"]
            return (parts[0] if parts else message).get_payload(decode=True).decode()
        time.sleep(0.5)
    raise AssertionError(f"no mail to {to} ({subject_contains!r}) within {timeout}s")


def first_link(text: str, contains: str) -> str:
    for url in re.findall(r"https?://\S+", text):
        if contains in url:
            return url.rstrip(".,)>")
    raise AssertionError(f"no link containing {contains!r} in mail:\n{text}")
