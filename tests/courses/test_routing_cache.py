"""The cached page routing (courses/routing.py) and permissions (accounts/backends.py) must
never serve something the uncached path would not."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from courses.models import LessonPage, ModulePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_unpublished_page_is_not_served_from_a_cached_route(client, course):
    module = ModulePage.objects.child_of(course).first()
    url = module.url
    assert client.get(url).status_code == 200  # route cached
    module.unpublish()
    assert client.get(url).status_code == 404


def test_a_view_restriction_added_later_applies_at_once(client, course):
    module = ModulePage.objects.child_of(course).first()
    url = module.url
    assert client.get(url).status_code == 200  # route cached as unrestricted
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()  # Wagtail's password form


def test_moved_lesson_is_served_at_its_new_address_and_the_old_one_redirects(client, course):
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    lesson = LessonPage.objects.child_of(modules[0]).filter(free_preview=True).first()
    old_url = lesson.url
    assert client.get(old_url).status_code == 200
    lesson.move(modules[1], pos="last-child")
    lesson.refresh_from_db()
    old = client.get(old_url)  # Wagtail's redirects app keeps old links working
    assert old.status_code == 301
    assert old["Location"] == lesson.url
    assert client.get(lesson.url).status_code == 200


def test_joining_the_instructors_group_shows_the_admin_link_at_once(client, course):
    user = UserFactory()
    client.force_login(user)
    assert "/cms/" not in client.get(course.url).content.decode()  # permissions now cached
    user.groups.add(Group.objects.get(name="Instructors"))
    assert 'href="/cms/"' in client.get(course.url).content.decode()


def test_a_cached_page_shows_a_new_publish_and_a_plain_save(client, course):
    """Cached routes hold the page object itself: every write to the page must replace it."""
    lesson = LessonPage.objects.in_course(course).filter(free_preview=True).first()
    assert client.get(lesson.url).status_code == 200  # page object cached
    lesson.title = "Na publiceren"
    lesson.save_revision().publish()
    assert "Na publiceren" in client.get(lesson.url).content.decode()
    LessonPage.objects.get(pk=lesson.pk).save()  # e.g. a script fixing a field
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.title = "Na opslaan"
    lesson.save()
    assert "Na opslaan" in client.get(lesson.url).content.decode()


def test_a_repeat_lesson_request_loads_no_page_from_the_database(client, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lesson = LessonPage.objects.in_course(course).filter(free_preview=True).first()
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(lesson.url).status_code == 200
    page_queries = [q["sql"] for q in ctx.captured_queries if "wagtailcore_page" in q["sql"]]
    assert page_queries == []
