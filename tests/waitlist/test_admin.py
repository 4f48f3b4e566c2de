import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage
from tests.factories import AnnouncementFactory, InstructorFactory, SubscriberFactory
from waitlist.models import Delivery, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor_client(client):
    client.force_login(InstructorFactory(email="ilse@example.com"))
    return client


def test_instructor_sees_searches_and_filters_the_waitlist(instructor_client, course):
    SubscriberFactory(course=course, name="Anna", email="anna@example.com")
    SubscriberFactory(course=course, name="Bram", email="bram@example.com", confirmed_at=None)
    url = reverse("waitlist_subscribers:index")
    html = instructor_client.get(url).content.decode()
    assert "anna@example.com" in html and "bram@example.com" in html
    html = instructor_client.get(url, {"q": "bram"}).content.decode()
    assert "bram@example.com" in html and "anna@example.com" not in html
    html = instructor_client.get(url, {"confirmed": "true"}).content.decode()
    assert "anna@example.com" in html and "bram@example.com" not in html


def test_instructor_exports_csv(instructor_client, course):
    SubscriberFactory(course=course, email="anna@example.com")
    response = instructor_client.get(reverse("waitlist_subscribers:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "anna@example.com" in body


def test_csv_export_keeps_formula_like_names_as_text(instructor_client, course):
    """Names come from the public form; opened in Excel they must not run as formulas."""
    hostile = {
        "formula@example.com": '=HYPERLINK("http://evil.example","Click")',
        "plus@example.com": "+31 6 1234",
        "minus@example.com": "-2+3",
        "at@example.com": "@SUM(A1:A2)",
        "tab@example.com": "\t=1+1",
        "cr@example.com": "\r=1+1",
        "plain@example.com": "Anna de Boer",
    }
    for email, name in hostile.items():
        SubscriberFactory(course=course, name=name, email=email)
    response = instructor_client.get(reverse("waitlist_subscribers:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    names = {row[1]: row[0] for row in rows[1:]}
    assert names == {
        "formula@example.com": '\'=HYPERLINK("http://evil.example","Click")',
        "plus@example.com": "'+31 6 1234",
        "minus@example.com": "'-2+3",
        "at@example.com": "'@SUM(A1:A2)",
        "tab@example.com": "'\t=1+1",
        "cr@example.com": "'\r=1+1",
        "plain@example.com": "Anna de Boer",
    }


def test_instructor_deletes_a_persons_data(instructor_client, course):
    subscriber = SubscriberFactory(course=course)
    url = reverse("waitlist_subscribers:delete", args=[subscriber.pk])
    assert instructor_client.post(url).status_code == 302
    assert not Subscriber.objects.exists()


def test_instructor_edits_announcement_sees_progress_and_sends_a_test(
    instructor_client, course, smtp_server, dutch_standard_text
):
    announcement = AnnouncementFactory(course=course)
    for status, count in [("sent", 2), ("pending", 1), ("failed", 3), ("skipped", 1)]:
        for subscriber in SubscriberFactory.create_batch(count, course=course):
            Delivery.objects.create(announcement=announcement, subscriber=subscriber, status=status)
    html = instructor_client.get(reverse("waitlist_announcements:index")).content.decode()
    assert course.title in html
    table = BeautifulSoup(html, "html.parser").select_one("table.listing")
    [row] = table.select("tbody tr")
    cells = [td.get_text(strip=True) for td in row.find_all("td", recursive=False)]
    # Columns: course, subject, sent, pending, failed, first dispatched, test.
    assert cells[2:5] == ["2", "1", "3"]
    # No subject written: the listing shows the standard one, in the admin's language.
    assert cells[1] == "{course} is nu open!"
    by_subject = instructor_client.get(
        reverse("waitlist_announcements:index"), {"ordering": "subject"}
    )
    assert by_subject.status_code == 200 and "ordering=-subject" in by_subject.content.decode()
    edit = reverse("waitlist_announcements:edit", args=[announcement.pk])
    response = instructor_client.post(
        edit, {"course": course.pk, "subject": "Live: {course}", "body": "Dag {name}"}
    )
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.subject == "Live: {course}"
    send_test = reverse("waitlist_admin_send_test", args=[announcement.pk])
    assert instructor_client.post(send_test).status_code == 302
    [message] = smtp_server.messages
    assert message["To"] == "ilse@example.com"
    assert message["Subject"] == f"[MCMT Academie] Live: {course.title}"


def test_instructor_may_empty_the_text_to_send_the_standard_one(
    instructor_client, course, dutch_standard_text
):
    announcement = AnnouncementFactory(course=course, subject="Eigen tekst", body="Eigen tekst")
    edit = reverse("waitlist_announcements:edit", args=[announcement.pk])
    form = BeautifulSoup(instructor_client.get(edit).content, "html.parser")
    # The empty fields show what goes out instead, in the instructor's language.
    assert form.find("input", attrs={"name": "subject"})["placeholder"] == "{course} is nu open!"
    assert form.find("textarea", attrs={"name": "body"})["placeholder"].startswith("Hoi {name},")
    response = instructor_client.post(edit, {"course": course.pk, "subject": "", "body": ""})
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert (announcement.subject, announcement.body) == ("", "")


def test_dashboard_shows_waitlist_counts(instructor_client, course):
    SubscriberFactory.create_batch(3, course=course)
    html = instructor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "3 confirmed on the waitlist" in html or "3 bevestigd" in html


def test_seed_demo_prelaunch_minutes_sets_a_future_launch(db):
    call_command("seed_demo", "--prelaunch-minutes", "5", verbosity=0)
    course = CoursePage.objects.get()
    assert course.live and not course.is_launched()
    assert 4 * 60 < (course.launch_at - timezone.now()).total_seconds() <= 5 * 60
