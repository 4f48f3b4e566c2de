import pytest
from django.utils import timezone

from courses.models import LessonPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_landing_page_is_served_from_cache_without_queries(
    client, course, django_assert_num_queries
):
    first = client.get(course.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):  # answered before Wagtail routes the URL
        second = client.get(course.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publishing_a_change_refreshes_the_cached_landing_page(client, course):
    client.get(course.url)
    lesson = LessonPage.objects.in_course(course).first()
    lesson.title = "Een nieuwe titel"
    lesson.save_revision().publish()
    response = client.get(course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Een nieuwe titel" in response.content.decode()


def test_each_language_has_its_own_cached_copy(client, course):
    url = course.url
    client.get(url)
    english = client.get(f"/en{url}")
    assert english["X-Page-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()


def test_cached_prelaunch_page_expires_at_the_launch_moment(client, course, monkeypatch):
    launch = timezone.now() + timezone.timedelta(hours=1)
    course.launch_at = launch
    course.save_revision().publish()
    assert client.get(course.url)["X-Page-Cache"] == "miss"
    assert client.get(course.url)["X-Page-Cache"] == "hit"
    later = launch + timezone.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(course.url)["X-Page-Cache"] == "miss"


def test_logged_in_visitors_and_pending_messages_bypass_the_cache(client, course):
    client.get(course.url)
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get(course.url)
    del client.cookies["messages"]
    client.force_login(UserFactory())
    assert "X-Page-Cache" not in client.get(course.url)


def test_a_password_protected_course_is_never_shared_from_the_cache(client, course):
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, course.pk])
    client.post(unlock, {"password": "geheim", "return_url": course.url})
    insider = client.get(course.url)
    assert insider.status_code == 200 and course.title in insider.content.decode()
    assert "X-Page-Cache" not in insider  # someone who typed the password is still anonymous

    outsider = Client().get(course.url)
    assert "X-Page-Cache" not in outsider
    assert 'name="password"' in outsider.content.decode()
    assert "waitlist-form" not in outsider.content.decode()


def _record_cache_reads(monkeypatch) -> list:
    from django.core.cache import cache

    reads: list = []
    inside = []  # a get_many may call get for each key (the local-memory cache does)
    for name in ("get", "get_many"):
        original = getattr(cache, name)

        def recording(*args, _original=original, **kwargs):
            if not inside:
                reads.append(args[0])
            inside.append(1)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, name, recording)
    return reads


def test_a_request_for_anything_but_a_shareable_page_makes_no_cache_round_trip(
    client, course, monkeypatch
):
    client.get(course.url)  # the landing page is known as shareable from here on
    reads = _record_cache_reads(monkeypatch)
    assert client.get("/accounts/login/").status_code == 200
    assert reads == []
    assert client.get(course.url)["X-Page-Cache"] == "hit"
    # One round trip: the page and the generations it is checked against, together.
    assert len(reads) == 1 and "generation:content" in reads[0]


def test_a_page_that_stops_being_shareable_is_no_longer_looked_up(client, course):
    from courses import page_cache

    client.get(course.url)
    assert course.url in page_cache._SHAREABLE_PATHS
    course.unpublish()
    assert client.get(course.url).status_code == 404
    assert course.url not in page_cache._SHAREABLE_PATHS
