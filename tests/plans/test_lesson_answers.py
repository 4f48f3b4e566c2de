"""Answer forms in lessons: only for the enrolled learner, saved by fetch or a plain post,
shown again on the next visit, private, and required ones hold the step back."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from enrollments.services import ProgressError, step_record_done
from plans.models import PlanAnswer, sheet_key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def exercise_url(page, block_id):
    return reverse("plans:exercise_save", args=[page.pk, block_id])


def test_enrolled_learner_sees_answer_forms_in_the_lesson(
    learner_client, plan_lessons, reflection_id
):
    html = learner_client.get(plan_lessons["people"].url).content.decode()
    assert f'id="exercise-{reflection_id}"' in html
    assert 'name="r0-name"' in html and "js/plans.js" in html


def test_visitor_sees_the_exercise_without_a_form(client, plan_lessons):
    html = client.get(plan_lessons["people"].url).content.decode()  # free preview lesson
    assert "Wie in jouw organisatie" in html
    assert "exercise-form" not in html and "sheet-form" not in html


def test_answer_saved_with_fetch_is_shown_again(learner_client, plan_lessons, reflection_id):
    page = plan_lessons["people"]
    response = learner_client.post(
        exercise_url(page, reflection_id),
        {"answer": "Onze HR-adviseur Anna"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["saved"] is True
    assert "Onze HR-adviseur Anna" in learner_client.get(page.url).content.decode()


def test_plain_post_saves_and_returns_to_the_lesson(learner_client, plan_lessons, reflection_id):
    page = plan_lessons["people"]
    response = learner_client.post(
        exercise_url(page, reflection_id), {"answer": "Anna", "next": page.url}
    )
    assert response.status_code == 302 and response["Location"] == page.url
    assert PlanAnswer.objects.get().text == "Anna"


def test_refused_plain_post_shows_the_message_next_to_the_field(
    learner_client, course, plan_lessons
):
    page = plan_lessons["time"]
    url = reverse("plans:sheet_save", args=[course.slug, "time_capacity"])
    response = learner_client.post(
        url, {"rows": "1", "r0-can_hours": "200", "r0-may_hours": "4", "next": page.url}
    )
    assert response.status_code == 302
    html = learner_client.get(page.url).content.decode()
    with translation.override("nl"):
        expected = gettext("Enter at most %(max)s.") % {"max": 168}
    assert expected in html and 'value="200"' in html and 'aria-invalid="true"' in html
    assert not PlanAnswer.objects.exists()


def test_refused_fetch_returns_the_errors_per_field(learner_client, course, plan_lessons):
    url = reverse("plans:sheet_save", args=[course.slug, "time_capacity"])
    response = learner_client.post(
        url, {"rows": "1", "r0-can_hours": "veel"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert "r0-can_hours" in response.json()["errors"]


def test_not_enrolled_cannot_save(client, course, plan_lessons, reflection_id):
    client.force_login(UserFactory())
    response = client.post(
        exercise_url(plan_lessons["people"], reflection_id),
        {"answer": "x"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403 and not PlanAnswer.objects.exists()


def test_unknown_block_or_kind_is_404(learner_client, course, plan_lessons):
    assert (
        learner_client.post(
            exercise_url(plan_lessons["people"], "nope"), {"answer": "x"}
        ).status_code
        == 404
    )
    url = reverse("plans:sheet_save", args=[course.slug, "nope"])
    assert learner_client.post(url, {"rows": "1"}).status_code == 404


def test_answers_are_never_shown_to_another_learner(
    learner_client, client, course, plan_lessons, reflection_id
):
    from enrollments.services import enrollment_create

    page = plan_lessons["people"]
    learner_client.post(exercise_url(page, reflection_id), {"answer": "Geheim antwoord"})
    # Rendered for the learner first, so the shared lesson body is cached from their page.
    assert "Geheim antwoord" in learner_client.get(page.url).content.decode()
    other = UserFactory()
    enrollment_create(user=other, course=course)
    client.force_login(other)
    assert "Geheim antwoord" not in client.get(page.url).content.decode()
    assert (
        "Geheim antwoord"
        not in client.get(reverse("plans:plan", args=[course.slug])).content.decode()
    )


def test_required_exercise_holds_the_step_back_with_a_clear_message(
    learner_client, enrollment, plan_lessons, reflection_id
):
    page = plan_lessons["people"]
    with pytest.raises(ProgressError) as refused:
        step_record_done(enrollment=enrollment, page=page)
    assert "Wie in jouw organisatie" in " ".join(refused.value.messages)
    response = learner_client.post(
        reverse("enrollments:step_done", args=[page.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400 and "Wie in jouw organisatie" in response.json()["error"]
    learner_client.post(exercise_url(page, reflection_id), {"answer": "Anna"})
    assert step_record_done(enrollment=enrollment, page=page) is True


def test_required_worksheet_needs_a_row(enrollment, course, plan_lessons):
    from tests.plans.conftest import set_body, sheet

    page = set_body(plan_lessons["means"], [sheet("channels", "Kanalen", required=True)])
    with pytest.raises(ProgressError) as refused:
        step_record_done(enrollment=enrollment, page=page)
    assert "Kanalen" in " ".join(refused.value.messages)
    PlanAnswer.objects.create(
        user=enrollment.user,
        course=course,
        key=sheet_key("channels"),
        data={"rows": [{"channel": "LinkedIn", "purpose": "", "who": ""}]},
    )
    assert step_record_done(enrollment=enrollment, page=page) is True


def test_a_learners_answer_never_reaches_the_shared_page_cache(
    learner_client, client, plan_lessons, reflection_id
):
    page = plan_lessons["people"]  # a free preview: anonymous visitors are served from cache
    learner_client.post(exercise_url(page, reflection_id), {"answer": "Alleen voor mij"})
    learner_page = learner_client.get(page.url)
    assert "Alleen voor mij" in learner_page.content.decode()
    client.logout()
    for _ in range(2):  # the second visit is the cached one
        assert "Alleen voor mij" not in client.get(page.url).content.decode()
