"""Playwright on Debian's Chromium. Screenshots go to test-artifacts/screenshots/ (kept by CI).

One Chromium per pytest-xdist worker: it starts with the first browser test and serves every
browser test after it; each test gets fresh contexts (cookies, viewport) of its own.
"""

import asyncio
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _restore_migration_rows(django_db_serialized_rollback, live_server):
    """Browser tests run on a live server, so their database is flushed afterwards; bring
    back the rows that migrations created (root page, locale, groups) for the next test."""


class _Chromium:
    """Playwright's sync API runs its event loop in a greenlet of the test thread and marks
    that loop as the thread's running loop after every call. While it is marked, Django
    keeps the thread's database connections apart (asgiref's Local), so queries made in a
    test's body do not use the connection that its set-up and tear-down (the database
    restore and flush) use. The old fixture kept the two apart by starting Playwright per
    test; this one keeps one browser and marks the loop only while a browser test runs:
    `resume()` before the test's body, `pause()` after it (once the body's connections are
    closed), so set-up, tear-down and every test that is not a browser test see a plain
    thread, as they would without Playwright."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        self._loop = asyncio.get_running_loop()  # marked by the calls above
        self.pause()

    def resume(self) -> None:
        asyncio._set_running_loop(self._loop)

    def pause(self) -> None:
        asyncio._set_running_loop(None)

    def stop(self) -> None:
        self.resume()
        self.browser.close()
        self._playwright.stop()  # clears the mark itself


@pytest.fixture(scope="session")
def _chromium():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run should have installed it")
        pytest.skip(f"{CHROMIUM} is missing (make browsers installs it)")
    chromium = _Chromium()
    yield chromium
    chromium.stop()


@pytest.fixture
def browser(_restore_migration_rows, _chromium):
    # Requested after the database is ready (see _Chromium for why that order matters).
    _chromium.resume()
    yield _chromium.browser
    for context in _chromium.browser.contexts:  # whatever a test left open
        context.close()
    # Queries made by the test while Playwright's loop was marked went through connections
    # of their own; close them here, or PostgreSQL still holds one open when pytest drops
    # the test database.
    from django.db import connections

    connections.close_all()
    _chromium.pause()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def log_in(live_server):
    """Log a user in to the browser context by giving it a real session cookie."""
    from django.conf import settings
    from django.test import Client

    def log_in(page, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return log_in


@pytest.fixture
def csp_violations(page):
    """Every Content-Security-Policy violation the page reports while the test runs."""
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return violations
