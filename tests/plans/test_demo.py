"""The demo course asks for worksheets in every pillar module, and seed_demo fills part of
the demo learner's plan (once: a second run and the learner's own edits are left alone)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.models import CoursePage, LessonPage, ModulePage
from plans.models import PlanAnswer, sheet_key
from plans.selectors import answers_for, build_plan, lesson_exercises

pytestmark = pytest.mark.django_db


def test_demo_has_worksheets_in_every_pillar_module_and_a_partly_filled_plan():
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    course = CoursePage.objects.get()
    for module in ModulePage.objects.child_of(course).exclude(pillar=""):
        kinds = {
            e.kind.pillar
            for lesson in LessonPage.objects.child_of(module)
            for e in lesson_exercises(lesson)
            if e.kind
        }
        assert module.pillar in kinds, module.title
    learner = get_user_model().objects.get(email="leerling@mcmt.example")
    plan = build_plan(course=course, answers=answers_for(user=learner, course=course))
    filled = {p.key: p.filled for p in plan.pillars}
    assert filled == {"people": True, "content": False, "means": False, "time": True}
    assert plan.budget.budget_minutes == 120

    answer = PlanAnswer.objects.get(user=learner, key=sheet_key("time_capacity"))
    answer.data = {"rows": [{"can_hours": 5, "may_hours": 4}]}
    answer.save()
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    answer.refresh_from_db()
    assert answer.data["rows"][0]["can_hours"] == 5
    assert PlanAnswer.objects.filter(user=learner).count() == 3
