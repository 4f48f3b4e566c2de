"""Accounts with django-allauth: sign-up by e-mail with mandatory verification, log-in with
brute-force protection, back to the course afterwards, and deleting one's own account."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from enrollments import services
from enrollments.models import Enrollment
from tests.factories import UserFactory
from tests.factories.users import DEFAULT_PASSWORD

PASSWORD = "Leer-mee-2026!"


@pytest.mark.django_db
def test_signup_verifies_the_address_then_returns_to_the_course(client, course):
    course_url = course.url
    response = client.post(
        f"/en/accounts/signup/?next={course_url}",
        {
            "first_name": "Noor",
            "last_name": "de Vries",
            "email": "nieuw@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302 and "/accounts/confirm-email/" in response["Location"]
    # Not logged in before the address is confirmed.
    assert client.get(reverse("enrollments:dashboard")).status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert client.get(path).status_code == 200  # a page with a button: GET confirms nothing
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == course_url
    assert client.get(reverse("enrollments:dashboard")).status_code == 200


@pytest.mark.django_db
def test_login_with_next_comes_back_to_the_course(client, course):
    user = UserFactory(email="terug@example.com")
    course_url = course.url
    response = client.post(
        f"/en/accounts/login/?next={course_url}",
        {"login": user.email, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == course_url


@pytest.mark.django_db
def test_login_without_next_goes_to_the_dashboard(client, home_page):
    user = UserFactory()
    response = client.post("/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == reverse("enrollments:dashboard")


@pytest.mark.django_db
def test_repeated_failed_logins_are_refused_even_with_the_right_password(client, home_page):
    user = UserFactory(email="doelwit@example.com")
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_pages_use_the_site_look_in_both_languages(client, home_page, url):
    dutch = client.get(url).content.decode()
    english = client.get("/en" + url).content.decode()
    for html in (dutch, english):
        assert "site-header" in html and "css/learners.css" in html
        assert "form-control" in html and "btn btn-primary" in html
    assert '<html lang="nl">' in dutch and '<html lang="en">' in english


@pytest.mark.django_db
def test_logged_in_account_pages_render(client, home_page):
    client.force_login(UserFactory())
    for url in (
        "/en/accounts/email/",
        "/en/accounts/password/change/",
        "/en/accounts/delete/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Delete my account" in response.content.decode()


@pytest.mark.django_db
def test_delete_account_asks_for_the_password(client, course, lessons):
    user = UserFactory()
    enrollment = services.enrollment_create(user=user, course=course)
    services.step_record_done(enrollment=enrollment, page=lessons[0])
    client.force_login(user)
    url = reverse("accounts:delete")
    response = client.post(url, {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert Enrollment.objects.filter(user=user).exists()
    response = client.post(url, {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not Enrollment.objects.exists()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_account_mails_speak_dutch_in_the_site_voice_without_the_internal_username(
    client, home_page
):
    client.post(
        "/accounts/signup/",
        {
            "first_name": "Noor",
            "last_name": "de Vries",
            "email": "nieuw.lid@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    (confirm,) = mail.outbox
    assert confirm.body.startswith("Hallo Noor,")
    assert "MCMT Academie" in confirm.body and "/accounts/confirm-email/" in confirm.body
    assert "nieuw.lid " not in confirm.body and "Hello from" not in confirm.body

    client.post("/accounts/password/reset/", {"email": "nieuw.lid@example.com"})
    reset = mail.outbox[-1]
    assert reset is not confirm and "/accounts/password/reset/key/" in reset.body
    assert "gebruikersnaam" not in reset.body and "username" not in reset.body


@pytest.mark.django_db
def test_dutch_login_page_says_inloggen_and_password_errors_are_dutch(client, home_page):
    assert "Inloggen" in client.get("/accounts/login/").content.decode()
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Noor",
            "last_name": "de Vries",
            "email": "kort@example.com",
            "password1": "kort",
            "password2": "kort",
        },
    )
    html = response.content.decode()
    assert "te kort" in html and "too short" not in html


@pytest.mark.django_db
def test_deleting_an_account_removes_the_learning_data(course):
    from django.contrib.auth import get_user_model

    from accounts.services import account_delete
    from courses.models import LessonPage
    from enrollments.models import StepProgress

    learner = UserFactory()
    enrollment = services.enrollment_create(user=learner, course=course)
    services.step_record_done(enrollment=enrollment, page=LessonPage.objects.in_course(course)[0])
    account_delete(user=learner)
    assert not Enrollment.objects.filter(pk=enrollment.pk).exists()
    assert not StepProgress.objects.exists()
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
