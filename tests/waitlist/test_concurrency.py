"""Many people (or one impatient person) signing up at the same moment, on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from tests.concurrency import errors_in, run_at_once
from tests.factories import build_course
from waitlist import services
from waitlist.models import Subscriber

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks and real concurrency)")


def test_simultaneous_signups_with_case_variants_leave_one_record_per_address(home_page):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    variants = [
        "anna{n}@example.com",
        "ANNA{n}@example.com",
        " Anna{n}@Example.com ",
        "anna{n}@EXAMPLE.COM",
    ]
    addresses = [v.format(n=n) for n in range(5) for v in variants]

    def sign_up(email: str):
        return lambda: services.signup_create(
            course=course, name="Anna", email=email, language="nl"
        )

    results = run_at_once(*(sign_up(a) for a in addresses))
    assert errors_in(results) == []
    assert Subscriber.objects.count() == 5
    assert sorted(Subscriber.objects.values_list("email_normalised", flat=True)) == [
        f"anna{n}@example.com" for n in range(5)
    ]


def test_two_senders_at_once_send_each_mail_once(home_page, smtp_server):
    from tests.factories import AnnouncementFactory, SubscriberFactory
    from waitlist.models import Delivery

    course = build_course(home_page, modules=1, lessons_per_module=1)
    announcement = AnnouncementFactory(course=course)
    Delivery.objects.bulk_create(
        Delivery(announcement=announcement, subscriber=s)
        for s in SubscriberFactory.create_batch(40, course=course)
    )
    smtp_server.delay = 0.005

    def send() -> None:
        try:
            services.announcement_send(announcement_id=announcement.pk, batch_size=10)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    recipients = [m["To"] for m in smtp_server.messages]
    assert len(recipients) == 40
    assert len(set(recipients)) == 40
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
