"""The admin: certificates list with filters and search, revoke/restore with a reason, the
learner page panel and the "certified" funnel stage."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from certificates.wagtail_hooks import certified_stage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def test_list_shows_name_course_and_filters_by_status(admin_client, certificate):
    url = reverse("certificate_admin:index")
    html = admin_client.get(url).content.decode()
    assert certificate.learner_name in html and certificate.code in html
    assert certificate.code not in admin_client.get(url + "?status=revoked").content.decode()
    found = admin_client.get(url + f"?q={certificate.code}").content.decode()
    assert certificate.learner_name in found


def test_inspect_links_the_verification_page(admin_client, certificate):
    html = admin_client.get(reverse("certificate_admin:inspect", args=[certificate.pk])).text
    assert f"/certificaat/{certificate.code}/" in html


def test_inspect_offers_revoke_then_restore_with_a_required_reason(admin_client, certificate):
    page = reverse("certificate_admin:inspect", args=[certificate.pk])
    html = admin_client.get(page).content.decode()
    assert f'action="{reverse("certificate_admin:status", args=[certificate.pk])}"' in html
    assert re.search(r'<input id="certificate-reason"[^>]*name="reason"[^>]*required', html)
    assert 'value="revoke"' in html and 'value="restore"' not in html
    certificate.revoked_at = certificate.issued_at
    certificate.save()
    html = admin_client.get(page).content.decode()
    assert 'value="restore"' in html and 'value="revoke"' not in html


def test_revoke_needs_a_reason_then_restore(admin_client, certificate):
    url = reverse("certificate_admin:status", args=[certificate.pk])
    admin_client.post(url, {"action": "revoke", "reason": ""})
    certificate.refresh_from_db()
    assert certificate.is_valid
    admin_client.post(url, {"action": "revoke", "reason": "fraude"})
    certificate.refresh_from_db()
    assert not certificate.is_valid and certificate.revoked_reason == "fraude"
    admin_client.post(url, {"action": "restore", "reason": "vergissing"})
    certificate.refresh_from_db()
    assert certificate.is_valid


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_empty_reason_is_refused_with_a_message_and_changes_nothing(
    client, instructor, certificate, reason
):
    client.force_login(instructor)
    url = reverse("certificate_admin:status", args=[certificate.pk])
    response = client.post(url, {"action": "revoke", "reason": reason})
    assert response.status_code == 302
    assert response.url == reverse("certificate_admin:inspect", args=[certificate.pk])
    (message,) = get_messages(response.wsgi_request)
    assert message.level == messages.ERROR and message.message == _("Give a reason.")
    certificate.refresh_from_db()
    assert certificate.is_valid and certificate.revoked_reason == ""


def test_revoking_twice_changes_nothing_the_second_time_and_says_so(
    client, instructor, certificate
):
    client.force_login(instructor)
    url = reverse("certificate_admin:status", args=[certificate.pk])
    first = client.post(url, {"action": "revoke", "reason": "  fraude  "})
    (message,) = get_messages(first.wsgi_request)
    assert message.level == messages.SUCCESS
    certificate.refresh_from_db()
    revoked_at = certificate.revoked_at
    assert revoked_at is not None and certificate.revoked_reason == "fraude"  # stripped
    second = client.post(url, {"action": "revoke", "reason": "nog eens"})
    *_earlier, message = get_messages(second.wsgi_request)  # the first one was never shown
    assert message.level == messages.INFO
    certificate.refresh_from_db()
    assert certificate.revoked_at == revoked_at and certificate.revoked_reason == "fraude"


def test_an_instructor_sees_the_list_and_revokes_with_a_reason(client, instructor, certificate):
    client.force_login(instructor)
    assert client.get(reverse("certificate_admin:index")).status_code == 200
    url = reverse("certificate_admin:status", args=[certificate.pk])
    client.post(url, {"action": "revoke", "reason": "fraude"})
    assert not Certificate.objects.get().is_valid


def test_a_learner_cannot_revoke(client, learner, certificate):
    client.force_login(learner)
    url = reverse("certificate_admin:status", args=[certificate.pk])
    assert client.post(url, {"action": "revoke", "reason": "x"}).status_code in (302, 403)
    assert Certificate.objects.get().is_valid


def test_learner_page_has_a_certificate_panel(admin_client, certificate):
    url = reverse("enrolments:inspect", args=[certificate.enrollment_id])
    html = admin_client.get(url).content.decode()
    assert reverse("certificate_admin:inspect", args=[certificate.pk]) in html


def test_certified_stage_counts_valid_certificates_in_one_query(
    certificate, small_course, django_assert_num_queries
):
    with django_assert_num_queries(1):
        (stage,) = certified_stage(course=small_course, since=None, until=None)
    assert stage.count == 1
    certificate.revoked_at = certificate.issued_at
    certificate.save()
    assert certified_stage(course=small_course, since=None, until=None)[0].count == 0
