"""Worksheet answers: validated in full before anything is stored, merged per field."""

import pytest
from django.utils import translation

from plans import services
from plans.models import PlanAnswer, sheet_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def save(user, course, kind, data):
    return services.sheet_save(user=user, course=course, kind_key=kind, data=data)


def test_rows_are_saved_and_empty_rows_dropped(learner, course):
    answer = save(
        learner,
        course,
        "champions",
        {"rows": "2", "r0-name": "Anna, HR", "r0-why": "Deelt veel", "r1-name": "", "r1-why": ""},
    )
    assert answer.rows == [{"name": "Anna, HR", "why": "Deelt veel"}]


@pytest.mark.parametrize(
    "value, message",
    [("veel", "number"), ("-1", "0 or more"), ("169", "at most 168"), ("nan", "number")],
)
def test_bad_hours_are_refused_and_nothing_is_saved(learner, course, value, message):
    with pytest.raises(services.AnswerInvalid) as refused:
        save(
            learner,
            course,
            "time_capacity",
            {"rows": "1", "r0-can_hours": value, "r0-may_hours": "4"},
        )
    assert message in refused.value.errors["r0-can_hours"]
    assert not PlanAnswer.objects.filter(user=learner).exists()


def test_one_bad_field_keeps_the_stored_answer_whole(learner, course):
    save(learner, course, "time_capacity", {"rows": "1", "r0-can_hours": "3", "r0-may_hours": "2"})
    with pytest.raises(services.AnswerInvalid):
        save(
            learner,
            course,
            "time_capacity",
            {"rows": "1", "r0-can_hours": "5", "r0-may_hours": "x"},
        )
    answer = PlanAnswer.objects.get(user=learner, key=sheet_key("time_capacity"))
    assert answer.rows == [{"can_hours": 3, "may_hours": 2}]


def test_decimal_comma_hours_are_accepted(learner, course):
    answer = save(
        learner, course, "time_capacity", {"rows": "1", "r0-can_hours": "2,5", "r0-may_hours": "4"}
    )
    assert answer.rows == [{"can_hours": 2.5, "may_hours": 4}]


def test_over_long_text_is_refused(learner, course):
    with pytest.raises(services.AnswerInvalid) as refused:
        save(learner, course, "champions", {"rows": "1", "r0-name": "x" * 501, "r0-why": ""})
    assert "500" in refused.value.errors["r0-name"]


def test_too_many_rows_are_refused(learner, course):
    data = {"rows": "11"}
    for i in range(11):
        data[f"r{i}-name"] = f"Persoon {i}"
    with pytest.raises(services.AnswerInvalid) as refused:
        save(learner, course, "champions", data)
    assert "At most 10" in refused.value.errors["rows"]
    assert not PlanAnswer.objects.filter(user=learner, data__rows__0__name="Persoon 0").exists()


def test_unknown_choice_is_refused(learner, course):
    with pytest.raises(services.AnswerInvalid) as refused:
        save(
            learner,
            course,
            "activities",
            {"rows": "1", "r0-activity": "Lezen", "r0-pillar": "bogus"},
        )
    assert "r0-pillar" in refused.value.errors


def test_two_tabs_last_write_wins_per_field_and_other_fields_survive(learner, course):
    save(learner, course, "champions", {"rows": "1", "r0-name": "Anna", "r0-why": "Deelt"})
    loaded = {"rows": "1", "was:r0-name": "Anna", "was:r0-why": "Deelt"}
    # Tab A changes the name, tab B (loaded at the same time) changes the reason.
    save(learner, course, "champions", {**loaded, "r0-name": "Anna de Vries", "r0-why": "Deelt"})
    save(learner, course, "champions", {**loaded, "r0-name": "Anna", "r0-why": "Helpt anderen"})
    answer = PlanAnswer.objects.get(user=learner, key=sheet_key("champions"))
    assert answer.rows == [{"name": "Anna de Vries", "why": "Helpt anderen"}]
    # Both change the same field: the last write wins.
    save(learner, course, "champions", {**loaded, "r0-name": "Bert", "r0-why": "Deelt"})
    answer.refresh_from_db()
    assert answer.rows[0]["name"] == "Bert" and answer.rows[0]["why"] == "Helpt anderen"


def test_exercise_answer_is_kept_per_block_and_can_be_changed(
    learner, course, plan_lessons, reflection_id
):
    page = plan_lessons["people"]
    services.exercise_save(
        user=learner, course=course, page=page, block_id=reflection_id, text="Eerst"
    )
    services.exercise_save(
        user=learner, course=course, page=page, block_id=reflection_id, text="Later"
    )
    answer = PlanAnswer.objects.get(user=learner)
    assert (
        answer.text == "Later" and answer.key.endswith(reflection_id) and answer.page_id == page.pk
    )
