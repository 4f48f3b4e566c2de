"""Orders in the Wagtail admin: read-only, filterable, exportable."""

import pytest
from django.urls import reverse

from payments.models import Order
from tests.factories import InstructorFactory, OrderFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(paid_course):
    return [
        OrderFactory(
            course=paid_course,
            user=UserFactory(email="betaald@example.com"),
            status=Order.Status.PAID,
            payment_intent_id="pi_test_paid",
        ),
        OrderFactory(course=paid_course, user=UserFactory(email="wacht@example.com")),
    ]


def test_instructor_sees_orders_with_learner_amount_status_and_stripe_ids(client, orders):
    client.force_login(InstructorFactory())
    response = client.get(reverse("orders:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "betaald@example.com" in html and "wacht@example.com" in html
    assert "pi_test_paid" in html and orders[0].checkout_session_id in html
    assert "149.00" in html or "149,00" in html


def test_orders_filter_by_status(client, orders):
    client.force_login(InstructorFactory())
    html = client.get(reverse("orders:index"), {"status": "paid"}).content.decode()
    assert "betaald@example.com" in html
    assert "wacht@example.com" not in html


def test_orders_export_as_csv(client, orders):
    client.force_login(InstructorFactory())
    response = client.get(reverse("orders:index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "betaald@example.com" in body
    assert str(orders[0].reference) in body
    assert "pi_test_paid" in body


def test_orders_are_read_only_even_for_superusers(client, orders):
    admin = UserFactory(is_superuser=True, is_staff=True)
    for user in (InstructorFactory(), admin):
        client.force_login(user)
        assert client.get(reverse("orders:inspect", args=[orders[0].pk])).status_code == 200
        for name in ("orders:edit", "orders:delete"):
            response = client.get(reverse(name, args=[orders[0].pk]))
            assert response.status_code in (302, 403)
        assert client.get(reverse("orders:add")).status_code in (302, 403)
    assert Order.objects.count() == 2


def test_learners_cannot_see_orders(client, orders):
    client.force_login(UserFactory())
    assert client.get(reverse("orders:index")).status_code in (302, 403)


def errors_shown(response) -> str:
    return " ".join(str(m) for m in response.context["messages"] if m.level_tag == "error")


@pytest.fixture
def admin(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_deleting_a_course_with_orders_is_refused_with_a_reason(client, admin, orders, paid_course):
    url = reverse("wagtailadmin_pages:delete", args=[paid_course.pk])
    assert client.get(url).status_code == 302  # not even the confirmation page
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert paid_course.title in errors_shown(response)
    assert type(paid_course).objects.filter(pk=paid_course.pk).exists()
    assert Order.objects.count() == 2


def test_deleting_a_page_above_a_course_with_orders_is_refused(client, admin, orders, paid_course):
    home = paid_course.get_parent()
    response = client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]))
    assert response.status_code == 302
    assert type(paid_course).objects.filter(pk=paid_course.pk).exists()


def test_deleting_a_buyer_is_refused_and_points_to_deactivating(client, admin, orders):
    buyer = orders[0].user
    response = client.post(reverse("wagtailusers_users:delete", args=[buyer.pk]), follow=True)
    assert response.status_code == 200
    assert buyer.get_username() in errors_shown(response)
    assert type(buyer).objects.filter(pk=buyer.pk).exists()


def test_bulk_deleting_buyers_is_refused(client, admin, orders):
    ids = "&".join(f"id={order.user_id}" for order in orders)
    url = reverse("wagtail_bulk_action", args=["auth", "user", "delete"])
    response = client.post(f"{url}?{ids}", {"next": "/cms/"}, follow=True)
    assert response.status_code == 200
    assert errors_shown(response)
    assert type(orders[0].user).objects.filter(pk__in=[o.user_id for o in orders]).count() == 2


def test_a_course_without_orders_can_still_be_deleted(client, admin, course):
    response = client.post(reverse("wagtailadmin_pages:delete", args=[course.pk]))
    assert response.status_code == 302
    assert not type(course).objects.filter(pk=course.pk).exists()
