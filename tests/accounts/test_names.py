"""Names: asked at sign-up, changed on the account page, asked once of older accounts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-genoeg-wachtwoord-42"


def test_signup_asks_for_first_and_last_name_and_keeps_the_prefix(client, home_page):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="first_name"' in html and 'name="last_name"' in html
    assert html.index('name="first_name"') < html.index('name="email"')
    client.post(
        "/accounts/signup/",
        {
            "first_name": " Jan ",
            "last_name": "de Vries",
            "email": "jan@example.nl",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = get_user_model().objects.get(email="jan@example.nl")
    assert (user.first_name, user.last_name) == ("Jan", "de Vries")


def test_signup_without_a_name_is_refused(client, home_page):
    response = client.post(
        "/accounts/signup/",
        {"email": "anoniem@example.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="anoniem@example.nl").exists()


def test_learner_changes_their_name_on_the_account_page(client, learner, home_page):
    client.force_login(learner)
    url = reverse("accounts:name")
    assert learner.first_name in client.get(url).content.decode()
    response = client.post(url, {"first_name": "Fatima", "last_name": "el Amrani"})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.get_full_name() == "Fatima el Amrani"


def test_name_page_never_redirects_off_site(client, learner, home_page):
    client.force_login(learner)
    response = client.post(
        reverse("accounts:name"),
        {"first_name": "A", "last_name": "B", "next": "https://evil.example/"},
    )
    assert response.url == reverse("enrollments:dashboard")


def test_account_without_a_name_is_asked_on_the_dashboard_until_dismissed(client, home_page):
    nameless = UserFactory(first_name="", last_name="")
    client.force_login(nameless)
    dashboard = reverse("enrollments:dashboard")
    assert "data-name-prompt" in client.get(dashboard).content.decode()
    client.post(reverse("accounts:name_prompt_dismiss"))
    assert "data-name-prompt" not in client.get(dashboard).content.decode()


def test_account_with_a_name_is_not_asked(client, learner, home_page):
    client.force_login(learner)
    assert "data-name-prompt" not in client.get(reverse("enrollments:dashboard")).text
