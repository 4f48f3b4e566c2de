import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from celery.exceptions import Retry
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from courses.models import CoursePage
from courses.outline import course_outline
from tests.factories import AnnouncementFactory, SubscriberFactory, build_course
from tests.smtp import SmtpSink, html_part, text_part
from waitlist import services, tasks
from waitlist.models import Delivery, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_course(home_page):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    course.unpublish()
    return CoursePage.objects.get(pk=course.pk)


def publish(course):
    CoursePage.objects.get(pk=course.pk).save_revision().publish()


def test_publishing_sends_the_announcement_to_confirmed_people_only(
    draft_course, smtp_server, django_capture_on_commit_callbacks, dutch_standard_text
):
    anna = SubscriberFactory(course=draft_course, name="Anna", email="anna@example.com")
    SubscriberFactory(course=draft_course, email="unconfirmed@example.com", confirmed_at=None)
    SubscriberFactory(course=draft_course, email="gone@example.com", unsubscribed_at=timezone.now())
    SubscriberFactory(course=draft_course, email="en@example.com", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft_course)
    assert sorted(m["To"] for m in smtp_server.messages) == ["anna@example.com", "en@example.com"]
    message = smtp_server.to("anna@example.com")[0]
    assert message["Subject"] == f"[MCMT Academie] {draft_course.title} is nu open!"
    assert message.is_multipart()
    assert {p.get_content_type() for p in message.walk()} >= {"text/plain", "text/html"}
    assert "Hoi Anna" in text_part(message)
    assert "Hoi Anna" in html_part(message)
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("http://testserver/waitlist/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text_part(message)
    english = smtp_server.to("en@example.com")[0]
    assert english["Subject"] == f"[MCMT Academie] {draft_course.title} is now open!"
    assert "You were on the waitlist" in text_part(english)
    assert "Unsubscribe:" in text_part(english)
    assert (
        english["List-Unsubscribe"]
        .strip()
        .startswith("<http://testserver/en/waitlist/unsubscribe/")
    )
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    anna.refresh_from_db()
    assert anna.deliveries.get().sent_at is not None


def test_one_click_unsubscribe_works_without_csrf(draft_course, smtp_server):
    subscriber = SubscriberFactory(course=draft_course)
    announcement = AnnouncementFactory(course=draft_course)
    from waitlist.emails import announcement_message

    url = (
        announcement_message(announcement, subscriber).extra_headers["List-Unsubscribe"].strip("<>")
    )
    path = url.removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200
    assert '<form method="post"' in page.content.decode()
    assert Subscriber.objects.get().unsubscribed_at is None
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get().unsubscribed_at is not None
    assert client.post(path[:-3] + "xx/").status_code == 400


def test_running_the_send_task_twice_sends_once(course, smtp_server):
    SubscriberFactory.create_batch(5, course=course)
    services.announcement_dispatch(course=course)
    announcement = course.waitlist_announcement
    tasks.send_announcement(announcement.pk)
    tasks.send_announcement(announcement.pk)
    services.announcement_dispatch(course=course)
    tasks.send_announcement(announcement.pk)
    assert len(smtp_server.messages) == 5
    assert len({m["To"] for m in smtp_server.messages}) == 5


def test_unpublish_and_republish_sends_no_second_mail(
    draft_course, smtp_server, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3, course=draft_course)
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft_course)
    assert len(smtp_server.messages) == 3
    with django_capture_on_commit_callbacks(execute=True):
        CoursePage.objects.get(pk=draft_course.pk).unpublish()
        publish(draft_course)
    tasks.dispatch_due_announcements()
    assert len(smtp_server.messages) == 3


def test_future_launch_waits_for_the_beat_dispatcher(
    draft_course, smtp_server, django_capture_on_commit_callbacks
):
    launch = timezone.now() + timedelta(hours=1)
    CoursePage.objects.filter(pk=draft_course.pk).update(launch_at=launch)
    SubscriberFactory(course=draft_course)
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft_course)
        tasks.dispatch_due_announcements()
    assert smtp_server.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.announcements_dispatch_due(now=launch + timedelta(seconds=1)) == 1
    assert len(smtp_server.messages) == 1


def test_wagtail_scheduled_publishing_sends_the_announcement(
    draft_course, smtp_server, django_capture_on_commit_callbacks
):
    SubscriberFactory(course=draft_course)
    page = CoursePage.objects.get(pk=draft_course.pk)
    page.go_live_at = timezone.now() - timedelta(minutes=1)
    revision = page.save_revision(approved_go_live_at=page.go_live_at)
    assert revision.approved_go_live_at
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    assert CoursePage.objects.get(pk=draft_course.pk).live
    assert len(smtp_server.messages) == 1


def test_temporary_smtp_error_keeps_the_row_pending_for_a_retry(committed, course, settings):
    SubscriberFactory(course=course, email="a@example.com")
    SubscriberFactory(course=course, email="later@example.com")
    with SmtpSink(temp_fail={"later@example.com"}) as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = sink.host, sink.port
        # The eager task asks Celery for a retry (with backoff on a real worker).
        with pytest.raises((Retry, services.TemporaryDeliveryError)), committed():
            services.announcement_dispatch(course=course)
    rows = {d.subscriber.email: d for d in Delivery.objects.select_related("subscriber")}
    assert rows["a@example.com"].status == "sent"
    assert rows["later@example.com"].status == "pending"
    assert rows["later@example.com"].attempts == 1
    assert "451" in rows["later@example.com"].last_error


def test_bounce_reported_by_anymail_suppresses_the_address(course, smtp_server):
    SubscriberFactory(course=course, email="Bouncy@Example.com")
    event = AnymailTrackingEvent(event_type="bounced", recipient="bouncy@example.com")
    tracking.send(sender=object, event=event, esp_name="Test")
    assert Subscriber.objects.get().suppressed_reason == "bounced"
    services.announcement_dispatch(course=course)
    assert smtp_server.messages == []


def test_sweeper_requeues_stale_pending_deliveries(course, smtp_server):
    SubscriberFactory.create_batch(2, course=course)
    announcement = AnnouncementFactory(course=course)
    for subscriber in Subscriber.objects.all():
        Delivery.objects.create(
            announcement=announcement,
            subscriber=subscriber,
            updated_at=timezone.now() - timedelta(hours=1),
        )
    assert services.announcements_requeue_stalled() == [announcement.pk]
    assert len(smtp_server.messages) == 2
    assert services.announcements_requeue_stalled() == []


def test_standard_text_goes_out_in_each_subscribers_language(
    committed, course, smtp_server, dutch_standard_text
):
    SubscriberFactory(course=course, name="Piet", email="piet@example.com", language="nl")
    SubscriberFactory(course=course, name="Jane", email="jane@example.com", language="en")
    with committed():
        services.announcement_dispatch(course=course)
    announcement = course.waitlist_announcement
    assert (announcement.subject, announcement.body) == ("", "")  # nothing written yet
    dutch, english = smtp_server.to("piet@example.com")[0], smtp_server.to("jane@example.com")[0]
    assert dutch["Subject"] == f"[MCMT Academie] {course.title} is nu open!"
    assert text_part(dutch).splitlines()[:3] == [
        "Hoi Piet,",
        "",
        dutch_standard_text["body"].splitlines()[2],
    ]
    assert english["Subject"] == f"[MCMT Academie] {course.title} is now open!"
    assert text_part(english).splitlines()[:3] == [
        "Hi Jane,",
        "",
        "You were on the waitlist, and the wait is over: the course is open from now on.",
    ]
    # Links in the subscriber's language: English pages live under /en/, and "start right
    # away with the first lesson" leads to the first lesson (through sign-up, next=).
    assert f"http://testserver/en{course.url}" not in text_part(dutch)
    first = course_outline(course).items[0]
    assert f"http://testserver/accounts/signup/?next={quote(first.url, safe='')}" in text_part(
        dutch
    )
    assert f"http://testserver/en/accounts/signup/?next=%2Fen{quote(first.url, safe='')}" in (
        text_part(english)
    )


def test_a_subscriber_with_an_account_starts_through_log_in(committed, course, smtp_server):
    from tests.factories import UserFactory

    UserFactory(username="piet", email="Piet@Example.com")
    SubscriberFactory(course=course, name="Piet", email="piet@example.com", language="nl")
    with committed():
        services.announcement_dispatch(course=course)
    body = text_part(smtp_server.messages[0])
    assert "http://testserver/accounts/login/?next=" in body
    assert "/accounts/signup/" not in body


def test_an_english_subscribers_start_link_leads_to_the_english_first_lesson(
    course, client, learner, enrollment
):
    """The sign-up link with next= sends a logged-in learner straight on (allauth)."""
    from waitlist.emails import start_url

    url = start_url(course, "en").removeprefix("http://testserver")
    client.force_login(learner)
    response = client.get(url)
    with translation.override("nl"):
        first = course_outline(course).items[0]
    assert response.status_code == 302
    assert response["Location"] == "/en" + first.url


def test_instructors_own_text_goes_out_as_written_to_everyone(
    committed, course, smtp_server, dutch_standard_text
):
    AnnouncementFactory(course=course, subject="Eindelijk: {course}", body="Beste {name}")
    SubscriberFactory(course=course, name="Jane", email="jane@example.com", language="en")
    with committed():
        services.announcement_dispatch(course=course)
    [message] = smtp_server.messages
    assert message["Subject"] == f"[MCMT Academie] Eindelijk: {course.title}"
    assert text_part(message).startswith("Beste Jane")


def test_a_name_that_cannot_go_into_the_subject_fails_that_delivery_only(
    committed, course, smtp_server
):
    """A line break in a name (stored before the form refused them) and {name} in the
    subject: Django refuses the header. That row fails; the launch mail reaches the rest."""
    AnnouncementFactory(course=course, subject="{name}, {course} is open")
    # Created straight in the database, as the form would now refuse it; first in id order,
    # so a send that stopped at it would reach nobody.
    evil = SubscriberFactory(course=course, name="Evil\nX", email="evil@example.com")
    SubscriberFactory(course=course, name="Anna", email="anna@example.com")
    SubscriberFactory(course=course, name="Bram", email="bram@example.com")
    with committed():
        services.announcement_dispatch(course=course)
    assert sorted(m["To"] for m in smtp_server.messages) == ["anna@example.com", "bram@example.com"]
    assert (
        smtp_server.to("anna@example.com")[0]["Subject"]
        == f"[MCMT Academie] Anna, {course.title} is open"
    )
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses == {
        "evil@example.com": "failed",
        "anna@example.com": "sent",
        "bram@example.com": "sent",
    }
    failed = evil.deliveries.get()
    assert failed.attempts == 1 and failed.claimed_until is None and failed.sent_at is None
    assert failed.last_error.startswith("BadHeaderError")
    # A retry of the task neither raises nor sends anything more.
    assert tasks.send_announcement(course.waitlist_announcement.pk) == {
        "sent": 0,
        "failed": 0,
        "skipped": 0,
        "temporary": 0,
    }
    assert len(smtp_server.messages) == 2


def test_placeholders_are_filled(committed, course, smtp_server):
    AnnouncementFactory(course=course, subject="Open: {course}", body="Dag {name}, {course_url} {x")
    SubscriberFactory(course=course, name="Piet")
    with committed():
        services.announcement_dispatch(course=course)
    [message] = smtp_server.messages
    assert message["Subject"] == f"[MCMT Academie] Open: {course.title}"
    assert re.search(r"Dag Piet, http://testserver/\S+ \{x", text_part(message))


def test_announcement_of_a_paid_course_carries_the_early_bird_code(
    home_page, smtp_server, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    from wagtail.models import Site

    from payments.models import PaymentSettings

    settings_row = PaymentSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.early_bird_code = "VROEGEVOGEL"
    settings_row.save()
    paid = build_course(home_page, modules=1, lessons_per_module=1, price=Decimal("149.00"))
    free = build_course(home_page, modules=1, lessons_per_module=1)
    for course in (paid, free):
        SubscriberFactory(course=course, email=f"{course.slug}@example.com")
        with django_capture_on_commit_callbacks(execute=True):
            services.announcement_dispatch(course=course)
    paid_mail = smtp_server.to(f"{paid.slug}@example.com")[0]
    assert "VROEGEVOGEL" in text_part(paid_mail)
    assert "<strong>VROEGEVOGEL</strong>" in html_part(paid_mail)
    assert "VROEGEVOGEL" not in text_part(smtp_server.to(f"{free.slug}@example.com")[0])


def test_the_marks_written_per_mail_read_back_as_the_orm_writes_them(course, smtp_server):
    """_mark writes its UPDATE as SQL: its values must compare like the ORM's own."""
    from django.utils import timezone

    from waitlist.models import Delivery

    before = timezone.now()
    SubscriberFactory.create_batch(3, course=course)
    services.announcement_dispatch(course=course)
    tasks.send_announcement(course.waitlist_announcement.pk)
    after = timezone.now()
    rows = Delivery.objects.filter(announcement__course=course)
    assert rows.count() == 3
    assert (
        rows.filter(
            status=Delivery.Status.SENT,
            attempts=1,
            claimed_until__isnull=True,
            sent_at__gte=before,
            sent_at__lte=after,
            updated_at__gte=before,
            updated_at__lte=after,
        ).count()
        == 3
    )
    sent_at = rows.first().sent_at
    assert sent_at.tzinfo is not None and before <= sent_at <= after


def test_the_announcement_is_queued_only_once_the_dispatch_commits(
    course, smtp_server, django_capture_on_commit_callbacks
):
    """A worker that picked the send up before the delivery rows commit would find none."""
    SubscriberFactory(course=course, email="piet@example.com")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert services.announcement_dispatch(course=course) == 1
    assert smtp_server.messages == []
    assert len(queued) == 1
    queued[0]()
    assert [m["To"] for m in smtp_server.messages] == ["piet@example.com"]


def test_publishing_queues_the_dispatch_after_the_publish_commits(
    draft_course, django_capture_on_commit_callbacks
):
    from unittest import mock

    with mock.patch("waitlist.tasks.dispatch_announcement.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as queued:
            draft_course.save_revision().publish()
        delay.assert_not_called()
        for callback in queued:
            callback()
        delay.assert_called_once_with(draft_course.pk)
