"""Small things a visitor meets: the site's icon at /favicon.ico, and allauth's account
pages in the site's own Dutch."""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_the_academys_icon(client, home_page):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=" in response["Cache-Control"]
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in page


def test_confirm_email_page_does_not_call_the_learner_a_user(client):
    learner = UserFactory(email="lotte@example.nl", verified_email=False)
    address = EmailAddress.objects.create(user=learner, email=learner.email, primary=True)
    key = EmailConfirmationHMAC(address).key
    html = client.get(reverse("account_confirm_email", args=[key])).content.decode()
    assert "lotte@example.nl</a> jouw e-mailadres?" in html
    assert "gebruiker" not in html


def test_password_reset_pages_speak_natural_dutch(client):
    assert "verificatie" not in client.get(reverse("account_reset_password")).content.decode()
    done = client.get(reverse("account_reset_password_done")).content.decode()
    assert "verificatie" not in done
    assert "een link om een nieuw wachtwoord in te stellen" in done


def test_email_page_with_a_pending_change_says_bevestigingsmail(client):
    learner = UserFactory()
    EmailAddress.objects.create(user=learner, email="nieuw@example.nl", verified=False)
    client.force_login(learner)
    html = client.get(reverse("account_email")).content.decode()
    assert "Bevestigingsmail opnieuw sturen" in html
    assert "verificatie" not in html
