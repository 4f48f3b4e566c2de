"""What the plan shows on other apps' pages: the dashboard, the course-completed panel, the
learner admin page (state only unless the course is coached) and the instructors' overview."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from plans.models import PlanAnswer, sheet_key
from plans.services import sheet_save
from plans.wagtail_hooks import completion_plan_summary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fill_plan(user, course, *, over=True):
    sheet_save(
        user=user, course=course, kind_key="champions", data={"rows": "1", "r0-name": "Anna Geheim"}
    )
    sheet_save(
        user=user, course=course, kind_key="channels", data={"rows": "1", "r0-channel": "LinkedIn"}
    )
    sheet_save(
        user=user,
        course=course,
        kind_key="time_capacity",
        data={"rows": "1", "r0-can_hours": "1", "r0-may_hours": "2"},
    )
    sheet_save(
        user=user,
        course=course,
        kind_key="activities",
        data={
            "rows": "1",
            "r0-activity": "Bloggen",
            "r0-minutes_per_week": "180" if over else "30",
        },
    )


def test_dashboard_shows_the_plan_state(learner, learner_client, course, plan_lessons):
    fill_plan(learner, course)
    with translation.override("en"):
        html = learner_client.get(reverse("enrollments:dashboard")).content.decode()
        assert "3 of 4 pillars filled, 2 h over budget" in html
        assert reverse("plans:plan", args=[course.slug]) in html


def test_completion_panel_summarises_the_plan(learner, enrollment, course, plan_lessons):
    fill_plan(learner, course, over=False)
    request = RequestFactory().get("/")
    request.user = learner
    with translation.override("en"):
        html = completion_plan_summary(request, enrollment)
    assert "3 of 4 pillars filled" in html and "Mensen" in html
    assert "over budget" not in html
    assert "Anna Geheim" not in html  # a summary, not the answers


def test_completion_panel_is_empty_for_someone_else(learner, enrollment, course, other):
    request = RequestFactory().get("/")
    request.user = other
    assert completion_plan_summary(request, enrollment) is None


def _learner_page(client, enrollment):
    return client.get(reverse("enrolments:inspect", args=[enrollment.pk])).content.decode()


def test_learner_admin_shows_the_state_but_not_the_answers(
    client, instructor, learner, enrollment, course, plan_lessons
):
    fill_plan(learner, course)
    client.force_login(instructor)
    html = _learner_page(client, enrollment)
    assert "3 of 4 pillars filled" in html or "3 van 4" in html
    assert "Anna Geheim" not in html


def test_coached_course_shows_the_answers_to_instructors(
    client, settings, instructor, learner, enrollment, course, plan_lessons
):
    settings.PLANS_COACHED_COURSES = [course.slug]
    fill_plan(learner, course)
    client.force_login(instructor)
    assert "Anna Geheim" in _learner_page(client, enrollment)


def test_overview_counts_and_distributions_without_individual_answers(
    client, instructor, course, plan_lessons
):
    from enrollments.services import enrollment_create

    for n in range(3):
        user = UserFactory()
        enrollment_create(user=user, course=course)
        fill_plan(user, course, over=n == 0)
    PlanAnswer.objects.filter(key=sheet_key("channels")).first().delete()
    client.force_login(instructor)
    html = client.get(reverse("plans_overview:index") + f"?course={course.pk}").content.decode()
    assert 'data-figure="started">3<' in html and 'data-figure="over">1<' in html
    assert "linkedin" in html and "Anna Geheim" not in html


def test_overview_hides_distributions_for_small_groups(
    client, instructor, learner, enrollment, course, plan_lessons
):
    fill_plan(learner, course)
    client.force_login(instructor)
    html = client.get(reverse("plans_overview:index")).content.decode()
    assert "linkedin" not in html and 'data-figure="started">1<' in html


def test_overview_is_refused_to_learners(learner_client):
    assert learner_client.get(reverse("plans_overview:index")).status_code in (302, 403)
