"""The lesson page and the dashboard cost a constant number of SQL queries, however many
lessons the course has (the outline is cached; progress arrives in one query)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from enrollments import services
from tests.factories import UserFactory, build_course

# The lesson page: the user, and the enrolment with its finished steps. The page and its
# course come with the cached route (courses/routing.py); Wagtail's tree walk, site lookup and
# view-restriction checks are cached between publishes, and permissions are cached per user
# (lms/auth_backends.py). The target is 6; measured: 2 (3 with a database session).
LESSON_MAX_QUERIES = 6
# The dashboard: the user, the enrolments with their finished steps (one query), the waitlist
# places the address confirmed, and the plan's answers in every course. Courses, outlines and
# the site come from the cache.
DASHBOARD_MAX_QUERIES = 4


def _setup(home_page, lessons_per_module):
    course = build_course(home_page, modules=4, lessons_per_module=lessons_per_module)
    user = UserFactory()
    enrollment = services.enrollment_create(user=user, course=course)
    lessons = list(LessonPage.objects.in_course(course))
    for lesson in lessons[: len(lessons) // 2]:
        services.step_record_done(enrollment=enrollment, page=lesson)
    return user, lessons


def _count(client, url):
    client.get(url)  # warm the outline and session caches, remember the last step
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("lessons_per_module", [3, 25])
def test_lesson_page_queries_do_not_grow_with_the_course(
    client, home_page, lessons_per_module, django_assert_max_num_queries
):
    user, lessons = _setup(home_page, lessons_per_module)
    client.force_login(user)
    url = lessons[len(lessons) // 2].url
    client.get(url)
    with django_assert_max_num_queries(LESSON_MAX_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("lessons_per_module", [3, 25])
def test_dashboard_queries_do_not_grow_with_the_course(
    client, home_page, lessons_per_module, django_assert_max_num_queries
):
    user, _lessons = _setup(home_page, lessons_per_module)
    client.force_login(user)
    client.get("/learn/")
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        assert client.get("/learn/").status_code == 200


@pytest.mark.django_db
def test_small_and_large_courses_cost_exactly_the_same(client, home_page):
    small_user, small = _setup(home_page, 3)
    large_user, large = _setup(home_page, 25)
    client.force_login(small_user)
    small_counts = (_count(client, small[6].url), _count(client, "/learn/"))
    client.force_login(large_user)
    large_counts = (_count(client, large[50].url), _count(client, "/learn/"))
    assert small_counts == large_counts
