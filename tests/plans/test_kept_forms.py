"""The lesson's answer forms are rendered once per shape (core.frames.render_kept) and filled
in per learner: the result must be what rendering them with the learner's values gives."""

import pytest
from django.template.loader import render_to_string

from core import frames
from courses.worksheets import worksheet_kind
from plans.forms import SheetShell, sheet_form
from plans.models import PlanAnswer

pytestmark = pytest.mark.django_db

TRICKY = '"Anna" & <b>Bob</b>\'s'


def _form(refused=None, rows=()):
    kind = worksheet_kind("champions")
    answer = PlanAnswer(key="sheet:champions", data={"rows": list(rows)}) if rows else None
    return sheet_form(
        kind=kind,
        answer=answer,
        action="/learn/plan/x/champions/",
        next_url="/les/?a=1&b=2",
        form_id="sheet-abc",
        refused=refused,
    )


@pytest.mark.parametrize(
    "refused",
    [None, {"values": {"rows": "2"}, "errors": {"rows": "Te veel rijen", "r0-name": TRICKY}}],
)
def test_a_kept_sheet_form_equals_the_form_rendered_with_its_values(refused):
    names = [f.name for f in worksheet_kind("champions").fields]
    rows = [{name: TRICKY for name in names}, {names[0]: "Noor"}]
    for form in (_form(refused, rows), _form(refused)):
        expected = render_to_string(
            "plans/includes/lesson_sheet.html",
            {"form": form, "plan_url": "/plan/", "csrf_token": "TOKEN"},
        )
        shell, fills = SheetShell.of(form)
        context = {"form": shell, "plan_url": "/plan/", "csrf_token": frames.slot("csrf")}
        for _ in range(2):  # rendered, then from the kept copy
            kept = frames.render_kept(
                "plans/includes/lesson_sheet.html", context, {**fills, "csrf": "TOKEN"}
            )
            assert kept == expected


@pytest.mark.parametrize("error", ["", TRICKY])
def test_a_kept_reflection_form_equals_the_form_rendered_with_its_values(error):
    shared = {
        "action": "/x/",
        "next_url": "/les/?a=1&b=2",
        "block_id": "b1",
        "required": True,
        "max_length": 2000,
    }
    context = {
        **shared,
        "value": frames.slot("value"),
        "error": frames.slot("error") if error else "",
        "csrf_token": frames.slot("csrf"),
    }
    for value in (TRICKY, "ander antwoord"):  # the second from the kept copy
        expected = render_to_string(
            "plans/includes/exercise_form.html",
            {**shared, "value": value, "error": error, "csrf_token": "TOKEN"},
        )
        kept = frames.render_kept(
            "plans/includes/exercise_form.html",
            context,
            {"value": value, "error": error, "csrf": "TOKEN"},
        )
        assert kept == expected
    assert len(frames.renders) == 1
