"""Exporting personal data from the admin (orders, enrolments, waitlist subscribers) is a
permission of its own, which the Instructors group gets from a migration and an academy
can take away (issue 13, item 8)."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import OrderFactory
from tests.factories.waitlist import SubscriberFactory

pytestmark = pytest.mark.django_db

LISTINGS = ["/cms/enrolments/", "/cms/orders/", "/cms/waitlist_subscribers/"]


@pytest.fixture
def people(course, enrollment, learner):
    from decimal import Decimal

    OrderFactory(course=course, user=learner, amount=Decimal("49.00"))
    SubscriberFactory(course=course, email="wachtend@example.com")


def test_instructors_may_export_the_listings_with_personal_data(client, instructor, people):
    client.force_login(instructor)
    for listing in LISTINGS:
        page = client.get(listing)
        assert page.status_code == 200 and "export=csv" in page.content.decode(), listing
        export = client.get(f"{listing}?export=csv")
        assert export.status_code == 200 and "@example.com" in export.getvalue().decode()


def test_without_the_permission_the_listings_stay_but_exports_are_refused(
    client, instructor, people
):
    permission = Permission.objects.get(
        content_type__app_label="core", codename="export_personal_data"
    )
    Group.objects.get(name="Instructors").permissions.remove(permission)
    client.force_login(instructor)
    for listing in LISTINGS:
        page = client.get(listing)
        assert page.status_code == 200 and "export=csv" not in page.content.decode(), listing
        assert client.get(f"{listing}?export=csv").status_code in (302, 403), listing
        assert client.get(f"{listing}?export=xlsx").status_code in (302, 403), listing


def test_the_group_editor_offers_the_permission(client, db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("baas", "baas@example.com", "x")
    client.force_login(admin)
    group = Group.objects.get(name="Instructors")
    page = client.get(f"/cms/groups/edit/{group.pk}/")
    html = page.content.decode()
    # The admin speaks Dutch by default; the permission's name is translated.
    assert "Kan persoonsgegevens exporteren" in html or "Can export personal data" in html
