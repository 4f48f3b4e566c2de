"""The learner's dashboard: each learner sees their own courses and progress, though the
courses themselves, their outlines and the site come from the cache (shared by everyone
until the next publish)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, LessonPage
from enrollments import services
from tests.factories import UserFactory, build_course
from tests.factories.waitlist import SubscriberFactory

pytestmark = pytest.mark.django_db


def test_two_learners_each_see_only_their_own_course_and_progress(client, home_page):
    first = build_course(home_page, modules=4, lessons_per_module=1, slug="eerste")
    second = build_course(home_page, modules=4, lessons_per_module=1, slug="tweede")
    first.title, second.title = "Cursus Eerste", "Cursus Tweede"
    first.save_revision().publish()
    second.save_revision().publish()
    anna, bram = UserFactory(), UserFactory()
    anna_enrolment = services.enrollment_create(user=anna, course=first)
    services.enrollment_create(user=bram, course=second)
    lesson = LessonPage.objects.in_course(first).first()
    services.step_record_done(enrollment=anna_enrolment, page=lesson)

    client.force_login(anna)
    client.get("/learn/")  # the courses are now in the cache
    html = client.get("/learn/").content.decode()
    assert "Cursus Eerste" in html and "Cursus Tweede" not in html
    assert 'value="25"' in html  # one of four steps

    client.force_login(bram)
    html = client.get("/learn/").content.decode()
    assert "Cursus Tweede" in html and "Cursus Eerste" not in html
    assert 'value="25"' not in html and 'value="0"' in html


def test_a_published_title_shows_at_once_though_the_course_is_cached(client, learner, course):
    services.enrollment_create(user=learner, course=course)
    client.force_login(learner)
    client.get("/learn/")
    page = CoursePage.objects.get(pk=course.pk)
    page.title = "Nieuwe titel van de cursus"
    page.save_revision().publish()
    assert "Nieuwe titel van de cursus" in client.get("/learn/").content.decode()


def test_the_course_link_needs_no_site_query_once_cached(client, learner, course):
    services.enrollment_create(user=learner, course=course)
    client.force_login(learner)
    client.get("/learn/")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/learn/").content.decode()
    assert f'href="{course.url}"' in html
    assert not [q for q in ctx.captured_queries if "wagtailcore_site" in q["sql"]]
    assert not [q for q in ctx.captured_queries if "courses_coursepage" in q["sql"]]


def test_a_waitlist_place_is_offered_until_the_learner_enrols(client, learner, course):
    SubscriberFactory(course=course, email=learner.email.upper())
    client.force_login(learner)
    html = client.get("/learn/").content.decode()
    assert f'data-offer="{course.pk}"' in html
    services.enrollment_create(user=learner, course=course)
    client.get("/learn/")  # the course is now in the cache
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/learn/").content.decode()
    assert "data-offer" not in html and "dashboard-course" in html
    # Nothing left to offer: the waitlist's hook runs no page query of its own.
    assert not [q for q in ctx.captured_queries if "courses_coursepage" in q["sql"]]


def test_an_unconfirmed_waitlist_place_is_not_offered(client, learner, course):
    SubscriberFactory(course=course, email=learner.email, confirmed_at=None)
    client.force_login(learner)
    assert "data-offer" not in client.get("/learn/").content.decode()


def test_the_account_links_follow_the_interface_language(client, learner):
    """The links are kept per process: the language must be part of what they are kept by."""
    client.force_login(learner)
    for path, link in (
        ("/learn/", 'href="/accounts/delete/"'),
        ("/en/learn/", 'href="/en/accounts/delete/"'),
        ("/learn/", 'href="/accounts/delete/"'),
    ):
        assert link in client.get(path).content.decode()
