"""The learner's answers cost one query on a lesson page; the plan page and the dashboard
cost the same number of queries whatever the course's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import LessonPage
from enrollments import services
from plans.services import exercise_save, sheet_save
from tests.factories import UserFactory, build_course
from tests.plans.conftest import REFLECTION, set_body, sheet

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)  # warm caches, remember the last step
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _course_with_answers(home_page, lessons_per_module, slug):
    course = build_course(home_page, modules=4, lessons_per_module=lessons_per_module, slug=slug)
    user = UserFactory()
    services.enrollment_create(user=user, course=course)
    lessons = list(LessonPage.objects.in_course(course))
    with_exercises = set_body(
        lessons[1],
        [
            ("reflection", {"question": REFLECTION, "guidance": "", "required": False}),
            sheet("champions", "Ambassadeurs"),
            sheet("audiences", "Doelgroepen"),
        ],
    )
    for index, lesson in enumerate(lessons[2:]):
        if index % 3 == 0:
            set_body(
                lesson,
                [
                    sheet("channels", "Kanalen"),
                    (
                        "reflection",
                        {"question": f"Vraag {index}", "guidance": "", "required": False},
                    ),
                ],
            )
    block = next(b.id for b in with_exercises.body if b.block_type == "reflection")
    exercise_save(
        user=user, course=course, page=with_exercises, block_id=block, text="Mijn antwoord"
    )
    sheet_save(
        user=user, course=course, kind_key="champions", data={"rows": "1", "r0-name": "Anna"}
    )
    return course, user, lessons, with_exercises


def test_answers_add_at_most_one_query_to_the_lesson_page(client, home_page):
    _course, user, lessons, with_exercises = _course_with_answers(home_page, 3, "klein")
    client.force_login(user)
    plain = _count(client, lessons[0].url)
    answered = _count(client, with_exercises.url)
    assert answered <= plain + 1, (plain, answered)


@pytest.mark.parametrize("lessons_per_module", [3, 20])
def test_plan_page_queries_do_not_grow_with_the_course(
    client, home_page, lessons_per_module, django_assert_max_num_queries
):
    course, user, _lessons, _page = _course_with_answers(
        home_page, lessons_per_module, f"c{lessons_per_module}"
    )
    client.force_login(user)
    url = reverse("plans:plan", args=[course.slug])
    client.get(url)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert "Mijn antwoord" in response.content.decode()


def test_small_and_large_courses_cost_the_same_on_the_plan_page(client, home_page):
    small, user_small, _l, _p = _course_with_answers(home_page, 2, "klein")
    large, user_large, _l, _p = _course_with_answers(home_page, 20, "groot")
    client.force_login(user_small)
    small_count = _count(client, reverse("plans:plan", args=[small.slug]))
    client.force_login(user_large)
    large_count = _count(client, reverse("plans:plan", args=[large.slug]))
    assert small_count == large_count


def test_dashboard_with_plans_stays_within_its_budget(
    client, home_page, django_assert_max_num_queries
):
    from tests.enrollments.test_queries import DASHBOARD_MAX_QUERIES

    _course, user, _lessons, _page = _course_with_answers(home_page, 5, "dash")
    client.force_login(user)
    client.get(reverse("enrollments:dashboard"))
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        response = client.get(reverse("enrollments:dashboard"))
    assert (
        "1 of 4 pillars filled" in response.content.decode()
        or "1 van 4" in response.content.decode()
    )
