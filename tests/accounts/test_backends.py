"""The authentication backends: allauth's log-in with a compiled user lookup, and sessions
that name allauth's own backend (written before it was replaced) still logged in."""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import AuthenticationBackend, CachedPermissionsBackend
from tests.factories import UserFactory
from tests.factories.users import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

ALLAUTH = "allauth.account.auth_backends.AuthenticationBackend"


def test_logging_in_names_the_platforms_backend_in_the_session(client, home_page):
    user = UserFactory()
    client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert client.session[BACKEND_SESSION_KEY] == "accounts.backends.AuthenticationBackend"
    assert client.get(reverse("enrollments:dashboard")).status_code == 200


def test_a_session_naming_allauths_backend_stays_logged_in(client, home_page):
    assert ALLAUTH not in settings.AUTHENTICATION_BACKENDS
    user = UserFactory()
    session = client.session
    session.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: ALLAUTH,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    response = client.get(reverse("enrollments:dashboard"))
    assert response.status_code == 200 and response.wsgi_request.user == user


@pytest.mark.parametrize("backend", [AuthenticationBackend, CachedPermissionsBackend])
def test_the_user_lookup_is_one_query_and_refuses_who_may_not_log_in(backend):
    user = UserFactory(first_name="Noor")
    with CaptureQueriesContext(connection) as queries:
        found = backend().get_user(user.pk)
    assert len(queries) == 1
    assert (found, found.first_name, found.email, found.is_active) == (
        user,
        "Noor",
        user.email,
        True,
    )
    assert found.check_password(DEFAULT_PASSWORD)
    user.is_active = False
    user.save()
    assert backend().get_user(user.pk) is None
    assert backend().get_user(user.pk + 1000) is None
