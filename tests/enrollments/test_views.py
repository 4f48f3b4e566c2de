"""Enrolling and marking steps done: POST with CSRF only, own progress only."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enrollments import services
from enrollments.models import Enrollment, StepProgress
from tests.factories import UserFactory


def done_url(page):
    return reverse("enrollments:step_done", args=[page.pk])


@pytest.mark.django_db
def test_one_click_enrol_leads_to_the_first_lesson(client, learner, course, lessons):
    client.force_login(learner)
    response = client.post(reverse("enrollments:enrol", args=[course.pk]))
    assert response.status_code == 302 and response["Location"] == lessons[0].url
    client.post(reverse("enrollments:enrol", args=[course.pk]))  # twice: still one
    assert Enrollment.objects.filter(user=learner, course=course).count() == 1


@pytest.mark.django_db
def test_get_on_an_action_changes_nothing(client, learner, course, lessons, enrollment):
    client.force_login(learner)
    client.get(reverse("enrollments:enrol", args=[course.pk]))
    client.get(done_url(lessons[0]))
    assert not StepProgress.objects.exists()


@pytest.mark.django_db
def test_actions_need_a_csrf_token(learner, course, lessons, enrollment):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(done_url(lessons[0])).status_code == 403
    assert client.post(reverse("enrollments:enrol", args=[course.pk])).status_code == 403
    assert not StepProgress.objects.exists()


@pytest.mark.django_db
def test_anonymous_actions_go_to_log_in(client, course, lessons):
    response = client.post(reverse("enrollments:enrol", args=[course.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Enrollment.objects.exists()


@pytest.mark.django_db
def test_mark_done_and_undo_without_javascript(client, learner, lessons, enrollment):
    client.force_login(learner)
    response = client.post(done_url(lessons[0]))
    assert response.status_code == 302 and response["Location"].startswith(lessons[0].url)
    assert StepProgress.objects.filter(enrollment=enrollment, page=lessons[0]).exists()
    client.post(reverse("enrollments:step_undo", args=[lessons[0].pk]))
    assert not StepProgress.objects.filter(enrollment=enrollment).exists()


@pytest.mark.django_db
def test_mark_done_with_fetch_answers_json_with_the_new_percentages(
    client, learner, lessons, enrollment
):
    client.force_login(learner)
    response = client.post(done_url(lessons[0]), headers={"Accept": "application/json"})
    data = response.json()
    assert data["done"] is True
    assert data["course"] == {"percent": 8, "done": 1, "total": 12}
    assert data["module"]["percent"] == 33
    assert data["next"]["url"] == lessons[1].url


@pytest.mark.django_db
def test_a_learner_cannot_touch_or_see_another_learners_progress(
    client, learner, other, course, lessons, enrollment
):
    services.step_record_done(enrollment=enrollment, page=lessons[0])
    client.force_login(other)  # not enrolled
    response = client.post(done_url(lessons[1]), headers={"Accept": "application/json"})
    assert response.status_code == 403
    client.post(reverse("enrollments:step_undo", args=[lessons[0].pk]))
    assert list(StepProgress.objects.values_list("enrollment__user", "page")) == [
        (learner.pk, lessons[0].pk)
    ]
    dashboard = client.get(reverse("enrollments:dashboard")).content.decode()
    assert course.title not in dashboard
    # Enrolled too, the other learner starts at 0 %: progress is per enrolment.
    services.enrollment_create(user=other, course=course)
    data = client.post(done_url(lessons[2]), headers={"Accept": "application/json"}).json()
    assert data["course"]["done"] == 1


@pytest.mark.django_db
def test_opening_a_lesson_remembers_it_with_one_update_only_when_it_changes(
    client, learner, lessons, enrollment
):
    client.force_login(learner)
    url = lessons[2].url
    client.get(url)
    enrollment.refresh_from_db()
    assert enrollment.last_step_id == lessons[2].pk
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert not [q for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    with CaptureQueriesContext(connection) as ctx:
        client.get(lessons[3].url)
    updates = [q for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1 and "enrollments_enrollment" in updates[0]["sql"]


@pytest.mark.django_db
def test_anonymous_landing_page_is_the_same_for_everyone_and_has_no_form(client, course):
    html = client.get(course.url).content.decode()
    assert "csrfmiddlewaretoken" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert f"/accounts/signup/?next={course.url}" in html.replace("%2F", "/")
    assert client.get(course.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_dashboard_shows_progress_per_pillar_next_step_and_completion(
    client, learner, course, lessons, enrollment
):
    for lesson in lessons[:4]:
        services.step_record_done(enrollment=enrollment, page=lesson)
    lesson_five = lessons[4].url
    client.force_login(learner)
    html = client.get("/en/learn/").content.decode()
    for pillar in ("People", "Content", "Means", "Time"):
        assert pillar in html
    assert 'value="33"' in html  # 4 of 12
    assert 'value="100"' in html  # People done
    assert f'href="{lesson_five}"' in html.replace("/en/", "/", 1) or lesson_five in html
    for lesson in lessons[4:]:
        services.step_record_done(enrollment=enrollment, page=lesson)
    html = client.get("/en/learn/").content.decode()
    assert "Completed on" in html


@pytest.mark.django_db
def test_dashboard_needs_a_login(client):
    response = client.get(reverse("enrollments:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dashboard_greets_the_learner_by_first_name_never_by_address(client, course):
    named = UserFactory(first_name="Fenna", last_name="de Vries")
    client.force_login(named)
    html = client.get("/learn/").content.decode()
    assert "Hallo Fenna" in html
    unnamed = UserFactory(first_name="", last_name="")
    client.force_login(unnamed)
    html = client.get("/learn/").content.decode()
    assert "data-greeting" not in html and f"Hallo {unnamed.email}" not in html
