"""Mail settings, one-click unsubscribe (RFC 8058) and the language of a learner's mails."""

import pytest
from django.test import Client

from delivery import preferences
from delivery.models import MailLanguage, OptOut

pytestmark = pytest.mark.django_db


def test_one_click_unsubscribe_switches_every_topic_off_without_csrf(learner):
    url = preferences.unsubscribe_url(learner, language="nl").removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and '<form method="post"' in page.content.decode()
    assert not OptOut.objects.exists()  # a GET changes nothing (mail scanners)
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert set(OptOut.objects.values_list("topic", flat=True)) == {"course_news", "reminders"}
    assert not preferences.may_mail(learner, "reminders")
    assert client.post(url[:-3] + "xx/").status_code == 400


def test_the_mail_settings_page_switches_topics_and_the_language(client, learner):
    client.force_login(learner)
    page = client.get("/mail/settings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="topic_course_news"' in html and 'name="topic_reminders"' in html
    response = client.post(
        "/mail/settings/", {"topic_course_news": "on", "language": "en"}, follow=True
    )
    assert response.status_code == 200
    assert set(OptOut.objects.filter(user=learner).values_list("topic", flat=True)) == {"reminders"}
    assert preferences.language_of(learner) == "en"
    client.post(
        "/mail/settings/", {"topic_reminders": "on", "topic_course_news": "on", "language": "en"}
    )
    assert not OptOut.objects.filter(user=learner).exists()


def test_logging_in_records_the_language_unless_one_was_chosen(learner):
    client = Client()
    client.force_login(learner)  # fires user_logged_in outside a request language: Dutch
    preferences.language_record(user=learner, language="en")
    assert preferences.language_of(learner) == "en"
    preferences.language_record(user=learner, language="nl", chosen=True)
    preferences.language_record(user=learner, language="en")  # a later log-in in English
    assert MailLanguage.objects.get(user=learner).language == "nl"


def test_the_congratulation_mail_carries_one_click_unsubscribe_and_respects_it(
    enrollment, smtp_server
):
    from django.utils import timezone

    from enrollments.services import course_completed_email_send

    enrollment.completed_at = timezone.now()
    enrollment.save()
    preferences.topics_set(user=enrollment.user, wanted=set())
    assert not course_completed_email_send(enrollment=enrollment)
    preferences.topics_set(user=enrollment.user, wanted={"course_news"})
    assert course_completed_email_send(enrollment=enrollment)
    [mail] = smtp_server.messages
    assert "/mail/unsubscribe/" in mail["List-Unsubscribe"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
