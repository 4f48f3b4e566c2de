"""The instructor's admin screens, polished (issue 19): exports as buttons in the header,
times in the academy's zone with the zone shown, column headers in sentence case in Dutch and
English, and no "None" where a value is missing."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from core.times import academy_datetime
from enrollments.models import Enrollment
from tests.factories import OrderFactory
from tests.factories.waitlist import SubscriberFactory

pytestmark = pytest.mark.django_db

#: 20:37 UTC on 20 November is 21:37 in Amsterdam (CET, UTC+1).
EVENING = datetime(2026, 11, 20, 20, 37, tzinfo=UTC)

EXPORT_LISTINGS = ["enrolments:index", "orders:index", "waitlist_subscribers:index"]
LISTINGS = [
    *EXPORT_LISTINGS,
    "waitlist_announcements:index",
    "outreach_messages:index",
    "invitations:index",
]


@pytest.fixture
def records(course, enrollment, learner, instructor):
    from accounts.models import Invitation
    from outreach.models import Message
    from waitlist.models import Announcement

    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=EVENING)
    order = OrderFactory(course=course, user=learner)
    type(order).objects.filter(pk=order.pk).update(created_at=EVENING)
    SubscriberFactory(
        course=course, name="Anna Unconfirmed-Bakker", created_at=EVENING, confirmed_at=None
    )
    Announcement.objects.create(course=course)
    Message.objects.create(course=course, subject="Welkom", body="Hoi {name}")
    Invitation.objects.create(course=course, email="nieuw@example.com", invited_by=instructor)


def header_of(html: str) -> str:
    """The screen's header (title, breadcrumbs and header buttons), without the listing."""
    return html[html.index("<header") : html.index("</header>")]


def column_headers(html: str) -> list[str]:
    head = re.search(r"<table[^>]*listing.*?<thead>(.*?)</thead>", html, re.S)
    assert head, "no listing table"
    cells = re.findall(r"<th[^>]*>(.*?)</th>", head.group(1), re.S)
    texts = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
    return [text for text in texts if text]


@pytest.mark.parametrize("listing", EXPORT_LISTINGS)
def test_exports_are_buttons_in_the_header_not_in_the_actions_menu(
    client, instructor, records, listing
):
    client.force_login(instructor)
    html = client.get(reverse(listing)).content.decode()
    header = header_of(html)
    for kind in ("csv", "xlsx"):
        button = re.search(
            rf'<a[^>]*href="[^"]*export={kind}[^"]*"[^>]*data-export="{kind}"', header
        )
        button = button or re.search(
            rf'<a[^>]*data-export="{kind}"[^>]*href="[^"]*export={kind}', header
        )
        assert button, (listing, kind)
        assert "w-header-button" in button.group(0)
    assert "CSV downloaden" in header or "Download CSV" in header
    assert "Excel" in header


def test_the_gradebook_offers_its_exports_in_the_header(client, instructor, records):
    from courses.models import ModulePage
    from tests.factories import QuizPageFactory

    module = ModulePage.objects.order_by("path").first()
    QuizPageFactory(parent=module, slug="toets")
    client.force_login(instructor)
    response = client.get(reverse("gradebook:index"))
    assert response.status_code == 200
    header = header_of(response.content.decode())
    assert 'data-export="csv"' in header and 'data-export="xlsx"' in header


@pytest.mark.parametrize("language", ["nl", "en"])
def test_column_headers_are_in_sentence_case(client, instructor, records, language):
    profile = UserProfile.get_for_user(instructor)
    profile.preferred_language = language
    profile.save()
    client.force_login(instructor)
    for listing in LISTINGS:
        headers = column_headers(client.get(reverse(listing)).content.decode())
        assert headers, listing
        lower = [h for h in headers if h[0].isalpha() and not h[0].isupper()]
        assert not lower, (listing, language, lower)


def test_list_times_are_in_the_academys_zone_with_the_zone_and_empty_ones_are_a_dash(
    client, instructor, records
):
    client.force_login(instructor)
    for listing in ("enrolments:index", "orders:index", "waitlist_subscribers:index"):
        html = client.get(reverse(listing)).content.decode()
        assert "20 november 2026, 21:37 CET" in html, listing
        assert "20:37" not in html, listing
        assert not re.search(r">\s*None\s*<", html), listing
    subscribers = client.get(reverse("waitlist_subscribers:index")).content.decode()
    assert re.search(r"<td[^>]*>\s*—\s*</td>", subscribers)  # not confirmed: a dash


def test_the_learner_page_shows_times_with_the_zone(client, instructor, enrollment):
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=EVENING)
    client.force_login(instructor)
    html = client.get(reverse("enrolments:inspect", args=[enrollment.pk])).content.decode()
    assert "20 november 2026, 21:37 CET" in html


def test_academy_times_name_the_summer_zone_too():
    summer = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert academy_datetime(summer).endswith("12:00 CEST")
    assert academy_datetime(None) == "—"


def test_the_admin_loads_the_academys_stylesheet(client, instructor):
    client.force_login(instructor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert re.search(r'<link[^>]+href="[^"]*css/admin\.css', html)


def test_permission_menu_items_show_only_to_holders_of_the_permission(client, instructor):
    """The funnel and the plans overview (`core.admin.permission_menu_item`): in the menu of
    an instructor (who holds `view_enrollment`), not of an admin user without it."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    links = [reverse("lesson_funnel:index"), reverse("plans_overview:index")]
    client.force_login(instructor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert all(link in home for link in links)

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert not any(link in home for link in links)
