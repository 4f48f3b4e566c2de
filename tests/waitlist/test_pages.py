"""What the waitlist's own pages tell the visitor: which course, when it opens, and the way
back to it."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import SubscriberFactory
from waitlist.emails import confirm_token, unsubscribe_token

pytestmark = pytest.mark.django_db


def test_the_confirmed_page_links_back_to_the_course(client, upcoming_course):
    subscriber = SubscriberFactory(course=upcoming_course, confirmed_at=None)
    course_url = upcoming_course.url
    page = client.post(reverse("waitlist:confirm", args=[confirm_token(subscriber)]))
    html = page.content.decode()
    assert "Je e-mailadres is bevestigd" in html
    assert f'href="{course_url}"' in html and f"Terug naar {upcoming_course.title}" in html
    assert " CET" in html or " CEST" in html  # when it opens, in the academy's clock


def test_the_unsubscribe_page_names_the_course_before_and_after(client, upcoming_course):
    subscriber = SubscriberFactory(course=upcoming_course)
    with translation.override("en"):
        url = reverse("waitlist:unsubscribe", args=[unsubscribe_token(subscriber)])
    ask = client.get(url).content.decode()
    assert f'We will not e-mail you about <span lang="nl">{upcoming_course.title}</span>' in ask
    done = client.post(url).content.decode()
    assert f'no more e-mails about <span lang="nl">{upcoming_course.title}</span>' in done


def test_the_unsubscribe_page_of_a_deleted_signup_speaks_of_this_course(client, upcoming_course):
    subscriber = SubscriberFactory(course=upcoming_course)
    url = reverse("waitlist:unsubscribe", args=[unsubscribe_token(subscriber)])
    subscriber.delete()  # removed by an instructor (GDPR) after the mail went out
    assert "over deze cursus" in client.get(url).content.decode()
    assert client.post(url).status_code == 200
