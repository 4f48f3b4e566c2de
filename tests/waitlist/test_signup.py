import re
from collections import Counter
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.smtp import html_part, text_part
from waitlist.emails import confirm_token
from waitlist.models import Subscriber

from .conftest import signup_data

pytestmark = pytest.mark.django_db


def signup_url(course, lang="en"):
    with translation.override(lang):
        return reverse("waitlist:signup", args=[course.slug])


def confirm_link(message) -> str:
    return re.search(r"https?://\S+/waitlist/confirm/\S+/", text_part(message)).group(0)


def local(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_landing_page_of_upcoming_course_shows_form_without_csrf_token(client, upcoming_course):
    response = client.get(f"/en{upcoming_course.url}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="waitlist-form"' in html
    assert f'action="{signup_url(upcoming_course)}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Keep me posted" in html
    assert not response.cookies  # nothing per visitor: the page may be cached


def test_course_page_with_the_form_twice_has_no_duplicate_ids(client, upcoming_course):
    """The hero and the bottom of the course page each carry the form."""
    html = client.get(f"/en{upcoming_course.url}").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    forms = soup.select(f"form[action$='/waitlist/{upcoming_course.slug}/']")
    assert len(forms) == 2
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert [id_ for id_, count in ids.items() if count > 1] == []
    assert soup.find(id="waitlist-form") is forms[0]  # the first keeps its familiar id
    for form in forms:
        # Every label ticks or focuses a field of its own form...
        for label in form.find_all("label", attrs={"for": True}):
            assert form.find(id=label["for"]) is not None, label["for"]
        # ...and both post the same field names to the same view.
        names = {field["name"] for field in form.find_all(["input"]) if field.get("name")}
        assert names == {"name", "email", "website", "consent", "submit"}


def test_the_second_form_on_the_course_page_signs_up(client, upcoming_course, smtp_server):
    html = client.get(f"/en{upcoming_course.url}").content.decode()
    bottom = BeautifulSoup(html, "html.parser").find(id="waitlist-form-bottom")
    response = client.post(bottom["action"], signup_data(email="bottom@example.com"))
    assert response.status_code == 302
    assert Subscriber.objects.get().email == "bottom@example.com"


def test_standalone_page_shows_form(client, upcoming_course):
    response = client.get(signup_url(upcoming_course))
    assert response.status_code == 200
    assert "Waitlist for" in response.content.decode()


def test_signup_without_csrf_token_stores_person_and_sends_confirmation(
    upcoming_course, smtp_server, committing_client_class
):
    client = committing_client_class(enforce_csrf_checks=True)
    response = client.post(signup_url(upcoming_course), signup_data())
    assert response.status_code == 302
    assert response["Location"].endswith(f"/waitlist/{upcoming_course.slug}/thanks/")
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None
    assert subscriber.language == "en"
    assert subscriber.consent_version and subscriber.consent_at
    [message] = smtp_server.messages
    assert message["To"] == "anna@example.com"
    assert "Confirm" in message["Subject"]
    assert message.is_multipart()
    assert "/en/waitlist/confirm/" in text_part(message)
    assert "/en/waitlist/confirm/" in html_part(message)
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith("<http://testserver/en/waitlist/unsubscribe/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_second_signup_with_other_case_keeps_one_record_and_answers_the_same(
    client, upcoming_course, smtp_server
):
    first = client.post(signup_url(upcoming_course), signup_data())
    second = client.post(
        signup_url(upcoming_course), signup_data(email="  ANNA@Example.COM ", name="Anna B")
    )
    assert Subscriber.objects.count() == 1
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    # The same address within the throttle's window: no second confirmation mail yet.
    assert len(smtp_server.messages) == 1


def test_repeated_signups_of_one_address_send_one_confirmation_per_interval(
    upcoming_course, smtp_server, committing_client_class
):
    """Many browsers made to sign a victim up (the endpoint takes posts from any site)."""
    Client = committing_client_class
    answers = set()
    for n in range(5):
        browser = Client(REMOTE_ADDR=f"10.0.1.{n}")  # each under the per-IP limit
        response = browser.post(
            signup_url(upcoming_course), signup_data(email="victim@example.com")
        )
        answers.add((response.status_code, response["Location"]))
    # Everyone still sees the usual "check your inbox" page.
    [(status, location)] = answers
    assert status == 302 and location.endswith(f"/waitlist/{upcoming_course.slug}/thanks/")
    assert Subscriber.objects.count() == 1
    assert [m["To"] for m in smtp_server.messages] == ["victim@example.com"]
    # Someone else's address is not held up by it.
    Client().post(signup_url(upcoming_course), signup_data(email="other@example.com"))
    assert len(smtp_server.messages) == 2
    # The throttle lives in the cache with a timeout; emptying it stands in for the window
    # running out. Then a still unconfirmed person can ask for the mail again.
    cache.clear()
    Client().post(signup_url(upcoming_course), signup_data(email="victim@example.com"))
    assert [m["To"] for m in smtp_server.messages].count("victim@example.com") == 2


def test_known_confirmed_address_gets_same_answer_and_no_mail(client, upcoming_course, smtp_server):
    new = client.post(signup_url(upcoming_course), signup_data(email="new@example.com"))
    Subscriber.objects.update(confirmed_at="2025-01-01T00:00:00Z")
    smtp_server.clear()
    known = client.post(signup_url(upcoming_course), signup_data(email="New@example.com"))
    assert (new.status_code, new["Location"]) == (known.status_code, known["Location"])
    assert client.get(new["Location"]).content == client.get(known["Location"]).content
    assert smtp_server.messages == []


def test_honeypot_filled_stores_nothing(client, upcoming_course, smtp_server):
    response = client.post(signup_url(upcoming_course), signup_data(website="http://spam"))
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert smtp_server.messages == []


def test_rate_limit_per_ip(client, upcoming_course, settings):
    settings.WAITLIST_SIGNUP_RATE_LIMIT = 2
    for n in range(2):
        assert client.post(signup_url(upcoming_course), signup_data(email=f"a{n}@example.com"))[
            "Location"
        ]
    response = client.post(signup_url(upcoming_course), signup_data(email="a3@example.com"))
    assert response.status_code == 429
    assert "Too many signups" in response.content.decode()
    assert Subscriber.objects.count() == 2
    other_ip = client.post(
        signup_url(upcoming_course), signup_data(email="b@example.com"), REMOTE_ADDR="10.0.0.9"
    )
    assert other_ip.status_code == 302


def test_behind_a_load_balancer_each_visitor_has_their_own_limit(client, upcoming_course, settings):
    settings.WAITLIST_SIGNUP_RATE_LIMIT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # the balancer appends the visitor's address
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.post(
        signup_url(upcoming_course),
        signup_data(email="x@example.com"),
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **balancer,
    )
    second = client.post(
        signup_url(upcoming_course),
        signup_data(email="y@example.com"),
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **balancer,
    )
    again = client.post(
        signup_url(upcoming_course),
        signup_data(email="z@example.com"),
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **balancer,
    )
    assert (first.status_code, second.status_code, again.status_code) == (302, 302, 429)


def test_only_valid_signups_count_towards_the_rate_limit(client, upcoming_course, settings):
    """An office behind one address: its typos must not use up the limit."""
    settings.WAITLIST_SIGNUP_RATE_LIMIT = 2
    for _typo in range(5):
        typo = client.post(signup_url(upcoming_course), signup_data(email="anna@example"))
        assert typo.status_code == 400
    for n in range(2):
        ok = client.post(signup_url(upcoming_course), signup_data(email=f"a{n}@example.com"))
        assert ok.status_code == 302
    # Valid signups are still limited, and the one over the limit writes nothing.
    over = client.post(signup_url(upcoming_course), signup_data(email="a3@example.com"))
    assert over.status_code == 429
    assert "Too many signups" in over.content.decode()
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "a0@example.com",
        "a1@example.com",
    ]


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "", "This field is required"),
        ("name", "   ", "This field is required"),
        ("name", "x" * 121, "at most 120 characters"),
        ("name", "Evil\nX", "may not contain line breaks, tabs or other control characters"),
        ("name", "Evil\r\nBcc: x@example.com", "may not contain line breaks"),
        ("name", "Anna\tde Boer", "may not contain line breaks"),
        ("name", "Anna\u2028de Boer", "may not contain line breaks"),
        ("email", "not-an-address", "Enter a valid email address"),
        ("email", "a@" + "b" * 260 + ".nl", "at most 254 characters"),
        ("consent", "", "Please agree"),
    ],
)
def test_bad_input_gets_form_error_and_stores_nothing(client, upcoming_course, field, value, error):
    data = signup_data(**{field: value})
    if field == "consent":
        del data["consent"]
    response = client.post(signup_url(upcoming_course), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Subscriber.objects.exists()


def test_oversized_body_is_a_clear_413_not_a_500(client, upcoming_course, settings):
    response = client.post(signup_url(upcoming_course), signup_data(name="x" * 20_000))
    assert response.status_code == 413
    assert "too long" in response.content.decode()
    settings.WAITLIST_MAX_BODY_BYTES = 10**9
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(signup_url(upcoming_course), signup_data(name="x" * 5_000))
    assert response.status_code == 413
    assert not Subscriber.objects.exists()


def test_confirm_link_asks_then_confirms(client, upcoming_course, smtp_server):
    client.post(signup_url(upcoming_course), signup_data())
    link = local(confirm_link(smtp_server.messages[0]))
    page = client.get(link)
    assert page.status_code == 200
    assert Subscriber.objects.get().confirmed_at is None  # a GET (mail scanner) confirms nothing
    done = client.post(link)
    assert done.status_code == 200
    assert "Your address is confirmed" in done.content.decode()
    assert Subscriber.objects.get().confirmed_at is not None
    assert len(smtp_server.messages) == 1  # not live yet: no announcement


def test_tampered_confirm_link_is_refused(client, upcoming_course):
    subscriber = Subscriber.objects.create(
        course=upcoming_course, name="A", email="a@example.com", consent_at="2025-01-01T00:00Z"
    )
    token = confirm_token(subscriber)
    with translation.override("en"):
        url = reverse("waitlist:confirm", args=[token[:-2] + "xx"])
    response = client.post(url)
    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at is None


def test_expired_confirm_link_is_refused(client, upcoming_course, settings):
    subscriber = Subscriber.objects.create(
        course=upcoming_course, name="A", email="a@example.com", consent_at="2025-01-01T00:00Z"
    )
    settings.WAITLIST_CONFIRM_MAX_AGE = -1
    with translation.override("en"):
        url = reverse("waitlist:confirm", args=[confirm_token(subscriber)])
    response = client.post(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at is None


def test_confirming_after_launch_sends_the_live_mail_at_once(
    client, upcoming_course, smtp_server, dutch_standard_text
):
    from django.utils import timezone

    from courses.models import CoursePage

    course = upcoming_course
    client.post(signup_url(course, lang="nl"), signup_data())
    # The course opens between the signup and the click on the confirmation link.
    CoursePage.objects.filter(pk=course.pk).update(launch_at=timezone.now())
    link = local(confirm_link(smtp_server.messages[0]))
    assert "/en/" not in link  # Dutch signup, Dutch links
    response = client.post(link)
    assert response.status_code == 200
    assert len(smtp_server.messages) == 2
    live = smtp_server.messages[1]
    assert course.title in live["Subject"]
    # "Start right away with the first lesson" leads there, through sign-up (next=).
    assert "http://testserver/accounts/signup/?next=" + quote(course.url, safe="") in text_part(
        live
    )
    assert "Hoi Anna de Boer" in text_part(live)
    # Confirming twice sends nothing more.
    client.post(link)
    assert len(smtp_server.messages) == 2


def test_the_confirmation_mail_waits_for_the_signup_to_commit(
    upcoming_course, smtp_server, django_capture_on_commit_callbacks
):
    """A mail sent before the row commits could carry a link to a signup that a rollback
    then removes; and a worker could look for the row before it exists."""
    from waitlist import services

    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.signup_create(
            course=upcoming_course, name="Anna", email="anna@example.com", language="nl"
        )
    assert smtp_server.messages == []
    assert len(queued) == 1
    queued[0]()
    assert [m["To"] for m in smtp_server.messages] == ["anna@example.com"]


def test_the_waitlist_of_a_launched_course_sends_the_visitor_to_enrol(client, course, smtp_server):
    """After the launch there is nothing to wait for: no signup, no confirmation mail; the
    course page (with its enrol or buy button) instead."""
    url = reverse("waitlist:signup", args=[course.slug])
    response = client.post(url, signup_data())
    assert response.status_code == 303 and response["Location"] == course.url
    assert client.get(url)["Location"] == course.url
    assert not Subscriber.objects.exists()
    assert smtp_server.messages == []
