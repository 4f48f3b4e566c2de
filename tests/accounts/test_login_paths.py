"""Every way into an account shares allauth's failed-log-in limit and its mandatory e-mail
verification (issue 13, items 2 and 3).

Wagtail's admin log-in (`/cms/login/`) and its log-in for private pages (`/_util/login/`)
authenticated on their own, with neither rule. They now send people to allauth's page.
The last tests walk every URL pattern of the project (tests/urlconf.py), so a view added
later that checks a password, or logs anyone in, is caught here.
"""

import re
from contextlib import contextmanager
from urllib.parse import unquote

import pytest
from django.contrib.auth import user_logged_in, user_login_failed
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import mail
from django.test import Client
from django.urls import reverse

from enrollments.models import Enrollment
from tests.factories import InstructorFactory, UserFactory
from tests.factories.users import DEFAULT_PASSWORD
from tests.urlconf import endpoints

pytestmark = pytest.mark.django_db

SIGNUP_PASSWORD = "Leer-mee-2026!"


def _credentials(email: str, password: str) -> dict[str, str]:
    """What any log-in form might call its fields (allauth, Django/Wagtail, our own)."""
    return {
        "login": email,
        "username": email,
        "email": email,
        "password": password,
        "oldpassword": password,
        "old_password": password,
        "remember": "on",
    }


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _lock(client, email: str) -> None:
    """Seven wrong passwords at allauth's log-in: more than its 5 per 5 minutes per account."""
    for _ in range(7):
        client.post("/accounts/login/", {"login": email, "password": "wrong-password"})


# --- The admin log-in ---------------------------------------------------------------------------


def test_twelve_wrong_passwords_then_the_right_one_at_the_admin_login_do_not_log_in(client):
    learner = UserFactory(email="doelwit@example.com")
    for _ in range(12):
        client.post("/cms/login/", {"username": learner.email, "password": "wrong-password"})
    client.post("/cms/login/", {"username": learner.email, "password": DEFAULT_PASSWORD})
    assert not _logged_in(client)
    assert client.get(reverse("enrollments:dashboard")).status_code == 302


def test_an_account_locked_at_the_learners_login_is_locked_at_the_admin_login(client):
    instructor = InstructorFactory()
    _lock(client, instructor.email)
    client.post("/cms/login/", {"username": instructor.email, "password": DEFAULT_PASSWORD})
    assert not _logged_in(client)
    assert client.get("/cms/").status_code == 302


def test_an_unverified_account_cannot_log_in_at_the_admin_login_nor_enrol(client, course):
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Noor",
            "last_name": "de Vries",
            "email": "nieuw@example.com",
            "password1": SIGNUP_PASSWORD,
            "password2": SIGNUP_PASSWORD,
        },
    )
    assert response.status_code == 302 and not _logged_in(client)
    client.post(
        "/cms/login/?next=/learn/",
        {"username": "nieuw@example.com", "password": SIGNUP_PASSWORD, "next": "/learn/"},
    )
    assert not _logged_in(client)
    client.post(reverse("enrollments:enrol", args=[course.pk]))
    assert not Enrollment.objects.exists()


def test_the_admin_sends_visitors_to_allauths_login_and_back(client):
    instructor = InstructorFactory()
    response = client.get("/cms/pages/", follow=True)
    assert unquote(response.redirect_chain[-1][0]) == "/accounts/login/?next=/cms/pages/"
    response = client.post(
        "/accounts/login/?next=/cms/pages/",
        {"login": instructor.email, "password": DEFAULT_PASSWORD, "next": "/cms/pages/"},
    )
    assert response.status_code == 302 and response["Location"] == "/cms/pages/"
    assert client.get("/cms/pages/").status_code == 200
    # Once in, the old log-in address goes straight to the admin.
    assert client.get("/cms/login/")["Location"] == "/cms/"


def test_a_learner_at_the_admin_login_gets_the_403_page_not_a_redirect_loop(client):
    client.force_login(UserFactory())
    assert client.get("/cms/login/?next=/cms/").status_code == 403


def test_the_admin_password_reset_is_allauths(client):
    user = UserFactory()
    response = client.post("/cms/password_reset/", {"email": user.email}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_reset_password")
    assert mail.outbox == []  # Wagtail's form sent nothing; allauth's page asks again
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1


def test_the_private_page_login_is_allauths(client):
    response = client.get("/_util/login/?next=/geheim/")
    assert response["Location"] == "/accounts/login/?next=/geheim/"


# --- Every URL of the project -------------------------------------------------------------------


@contextmanager
def _password_checks():
    """Which requests made Django check a password (authenticate() or check_password())."""
    seen: list[str] = []
    original = AbstractBaseUser.check_password

    def spy(self, raw_password):
        seen.append("check")
        return original(self, raw_password)

    def failed(sender, credentials, request=None, **kwargs):
        seen.append("authenticate")

    AbstractBaseUser.check_password = spy
    user_login_failed.connect(failed)
    try:
        yield seen
    finally:
        AbstractBaseUser.check_password = original
        user_login_failed.disconnect(failed)


def _endpoints_that_check_a_password(client) -> set[str]:
    found = set()
    for endpoint in endpoints():
        with _password_checks() as seen:
            client.post(endpoint.path, _credentials("someone@example.com", "wrong-password"))
            client.post(endpoint.path, _credentials("leerling@example.com", "wrong-password"))
        if seen:
            found.add(endpoint.name)
    return found


def test_only_allauths_login_checks_a_password_for_an_anonymous_visitor(learner):
    found = _endpoints_that_check_a_password(Client(raise_request_exception=False))
    assert found == {"account_login"}


def test_logged_in_password_checks_are_allauths_or_rate_limited_by_it(learner):
    """A logged-in learner confirms their password to delete the account or change it; each
    of these is rate-limited by allauth ("reauthenticate", "change_password")."""
    client = Client(raise_request_exception=False)
    client.force_login(learner)
    found = _endpoints_that_check_a_password(client)
    assert found <= {"account_reauthenticate", "account_change_password", "accounts:delete"}


def _nobody_gets_in_anywhere(email: str, password: str) -> dict[str, int]:
    logins: dict[str, int] = {}

    def logged_in(sender, user, request, **kwargs):
        logins[request.path] = user.pk

    user_logged_in.connect(logged_in)
    try:
        for endpoint in endpoints():
            client = Client(raise_request_exception=False)
            client.post(endpoint.path, _credentials(email, password))
    finally:
        user_logged_in.disconnect(logged_in)
    return logins


def test_a_locked_account_is_let_in_by_no_url(home_page):
    learner = UserFactory(email="slot@example.com")
    _lock(Client(), learner.email)
    assert _nobody_gets_in_anywhere(learner.email, DEFAULT_PASSWORD) == {}


def test_an_unverified_account_is_let_in_by_no_url(home_page):
    learner = UserFactory(email="onbevestigd@example.com", verified_email=False)
    assert _nobody_gets_in_anywhere(learner.email, DEFAULT_PASSWORD) == {}
    # The same account, once verified, gets in through allauth's page: the test can see it.
    learner.emailaddress_set.update_or_create(
        email=learner.email, defaults={"verified": True, "primary": True}
    )
    logins = _nobody_gets_in_anywhere(learner.email, DEFAULT_PASSWORD)
    assert set(logins) == {"/accounts/login/"}


def test_the_allauth_confirmation_mail_still_arrives_for_an_unverified_login(client, home_page):
    learner = UserFactory(email="nog-niet@example.com", verified_email=False)
    client.post("/accounts/login/", {"login": learner.email, "password": DEFAULT_PASSWORD})
    assert not _logged_in(client)
    assert re.search(r"/accounts/confirm-email/", mail.outbox[-1].body)
