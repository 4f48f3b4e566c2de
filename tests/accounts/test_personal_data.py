"""Plan answers go with the account, and "download my data" gives a person all of theirs
(and nobody else's), never from a cache."""

import json

import pytest
from django.urls import reverse

from accounts.services import account_delete
from plans.models import PlanAnswer
from plans.services import sheet_save
from tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def test_account_deletion_deletes_plan_answers(learner, enrollment, course):
    sheet_save(
        user=learner, course=course, kind_key="champions", data={"rows": "1", "r0-name": "Anna"}
    )
    account_delete(user=learner)
    assert not PlanAnswer.objects.exists()


def test_emptied_account_with_orders_loses_its_plan_answers_too(learner, enrollment, course):
    from decimal import Decimal

    OrderFactory(course=course, user=learner, amount=Decimal("49.00"))
    sheet_save(
        user=learner, course=course, kind_key="champions", data={"rows": "1", "r0-name": "Anna"}
    )
    account_delete(user=learner)
    assert not PlanAnswer.objects.exists()


def test_download_my_data_holds_everything_of_mine_only(
    learner_client, learner, other, course, enrollment
):
    from enrollments.services import enrollment_create

    sheet_save(
        user=learner,
        course=course,
        kind_key="champions",
        data={"rows": "1", "r0-name": "Mijn Anna"},
    )
    enrollment_create(user=other, course=course)
    sheet_save(
        user=other,
        course=course,
        kind_key="champions",
        data={"rows": "1", "r0-name": "Andermans Bert"},
    )
    response = learner_client.get(reverse("accounts:my_data"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "leerling@example.com"
    assert {"enrolments", "progress", "quiz_attempts", "orders", "plan_answers"} <= set(data)
    assert data["plan_answers"][0]["answer"]["rows"][0]["name"] == "Mijn Anna"
    assert "Andermans Bert" not in response.content.decode()


def test_download_my_data_needs_a_log_in(client):
    response = client.get(reverse("accounts:my_data"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_plan_page_is_never_cached(learner_client, course):
    response = learner_client.get(reverse("plans:plan", args=[course.slug]))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
