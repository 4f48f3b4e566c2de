from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import build_course


@pytest.fixture
def upcoming_course(home_page):
    """A published course that opens tomorrow: its page shows the waitlist."""
    return build_course(
        home_page, modules=1, lessons_per_module=1, launch_at=timezone.now() + timedelta(days=1)
    )


def signup_data(**overrides) -> dict:
    data = {"name": "Anna de Boer", "email": "anna@example.com", "consent": "on", "website": ""}
    data.update(overrides)
    return data


class _ImmediateOnCommit:
    """django.db.transaction for waitlist.services, with on_commit run at once.

    Tests run inside one transaction that never commits; this stands in for the commit.
    Tests that use a real worker (transactional_db) keep Django's own behaviour.
    """

    def __getattr__(self, name):
        from django.db import transaction

        return getattr(transaction, name)

    @staticmethod
    def on_commit(func, using=None, robust=False):
        func()


@pytest.fixture(autouse=True)
def _on_commit_runs_at_once(request, monkeypatch):
    if "transactional_db" in request.fixturenames:
        return
    monkeypatch.setattr("waitlist.services.transaction", _ImmediateOnCommit())


#: The Dutch of the standard announcement (waitlist.models.DEFAULT_SUBJECT/DEFAULT_BODY).
DUTCH_STANDARD_TEXT = {
    "subject": "{course} is nu open!",
    "body": (
        "Hoi {name},\n\n"
        "Je stond op de wachtlijst, en het wachten is voorbij: de cursus is vanaf nu open.\n\n"
        "Begin meteen met de eerste les:\n{course_url}\n\n"
        "Veel plezier en succes!\nMCMT Academie"
    ),
}


@pytest.fixture
def dutch_standard_text():
    """What the shipped Dutch catalogue (locale/nl) must say for the standard announcement:
    tests compare the mails against it, so a missing or changed translation fails them."""
    return DUTCH_STANDARD_TEXT
