from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from tests.factories import build_course


@pytest.fixture
def upcoming_course(home_page):
    """A published course that opens tomorrow: its page shows the waitlist."""
    return build_course(
        home_page, modules=1, lessons_per_module=1, launch_at=timezone.now() + timedelta(days=1)
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block queued with on_commit at its end, as a
    commit would."""
    return partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def client(committing_client_class):
    """The waitlist's requests queue mails after commit: let them run after each request."""
    return committing_client_class()


def signup_data(**overrides) -> dict:
    data = {"name": "Anna de Boer", "email": "anna@example.com", "consent": "on", "website": ""}
    data.update(overrides)
    return data


#: The Dutch of the standard announcement (waitlist.models.DEFAULT_SUBJECT/DEFAULT_BODY).
DUTCH_STANDARD_TEXT = {
    "subject": "{course} is nu open!",
    "body": (
        "Hoi {name},\n\n"
        "Je stond op de wachtlijst, en het wachten is voorbij: de cursus is vanaf nu open.\n\n"
        "Begin meteen met de eerste les:\n{start_url}\n\n"
        "Veel plezier en succes!\nMCMT Academie"
    ),
}


@pytest.fixture
def dutch_standard_text():
    """What the shipped Dutch catalogue (locale/nl) must say for the standard announcement:
    tests compare the mails against it, so a missing or changed translation fails them."""
    return DUTCH_STANDARD_TEXT
