"""The lesson blocks learners read and answer: worksheets, cases, time budgets, downloads,
required reflections, lesson objectives, and modules about the model as a whole."""

import json

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model

from courses.blocks import LessonBodyBlock
from courses.models import LessonPage, ModulePage
from courses.outline import course_outline
from courses.worksheets import NUMBER, TEXT, WORKSHEET_KINDS, worksheet_kind
from enrollments.selectors import learner_progress
from tests.factories import LessonPageFactory, ModulePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def _render(stream_data: list[dict]) -> str:
    stream = LessonBodyBlock().to_python(stream_data)
    return "".join(str(child.render()) for child in stream)


def test_worksheet_shows_title_instructions_and_the_fields_the_learner_fills_in():
    html = _render(
        [
            {
                "type": "worksheet",
                "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                "value": {
                    "kind": "audiences",
                    "title": "Jouw doelgroepen",
                    "instructions": "Beschrijf twee groepen.\n\nBegin bij je klanten.",
                    "required": True,
                },
            }
        ]
    )
    assert "Jouw doelgroepen" in html
    assert "<p>Beschrijf twee groepen.</p>" in html and "<p>Begin bij je klanten.</p>" in html
    assert 'id="worksheet-7c9e6679-7425-40de-944b-e07fc1f90ae7"' in html
    assert "pillar-people" in html
    assert "Waar ze online zijn" in html  # a field label of this kind, in Dutch
    assert "verplicht" in html
    assert "<form" not in html  # the answer form belongs to the plan feature


def test_worksheet_that_is_not_required_says_nothing_about_it():
    html = _render(
        [
            {
                "type": "worksheet",
                "value": {"kind": "time_capacity", "title": "Kunnen en mogen", "instructions": "x"},
            }
        ]
    )
    assert "verplicht" not in html
    assert "pillar-time" in html


def test_time_budget_adds_up_the_minutes_per_week():
    rows = [
        {"activity": "Berichten lezen", "minutes_per_week": 45},
        {"activity": "Eén bijdrage schrijven", "minutes_per_week": 60},
        {"activity": "Reageren", "minutes_per_week": 20},
    ]
    value = {"title": "Wat Mensen kost", "intro": "", "rows": rows, "note": "Schrap eerst."}
    html = _render([{"type": "time_budget", "value": value}])
    for row in rows:
        assert row["activity"] in html
    assert "125 min (2 u 5 min)" in html
    assert "Totaal per week" in html
    assert "<p>Schrap eerst.</p>" in html
    with translation.override("en"):
        assert "125 min (2 h 5 min)" in _render([{"type": "time_budget", "value": value}])


def test_time_budget_under_an_hour_shows_minutes_only():
    value = {"title": "Kort", "rows": [{"activity": "Lijst nalopen", "minutes_per_week": 30}]}
    html = _render([{"type": "time_budget", "value": value}])
    assert "30 min" in html and " u " not in html


def test_case_shows_situation_approach_result_and_lesson():
    value = {
        "title": "Het installatiebedrijf",
        "situation": "Situatietekst",
        "approach": "Aanpaktekst",
        "result": "Resultaattekst",
        "lesson": "Lestekst",
    }
    html = _render([{"type": "case", "value": value}])
    positions = [
        html.index(text) for text in ("De situatie", "De aanpak", "Het resultaat", "Lestekst")
    ]
    assert positions == sorted(positions)
    assert "Praktijkcase" in html and "Het installatiebedrijf" in html


def test_download_links_to_the_document_with_its_type():
    document = get_document_model()(title="Werkblad")
    document.file.save("werkblad.txt", ContentFile(b"kolom;kolom\n"), save=False)
    document.save()
    value = {"document": document.pk, "title": "Werkblad doelgroepen", "description": "Print"}
    html = _render([{"type": "download", "value": value}])
    assert f'href="{document.url}" download' in html
    assert "Werkblad doelgroepen" in html and "(TXT" in html


def test_download_of_a_deleted_document_renders_nothing():
    value = {"document": None, "title": "Weg", "description": ""}
    assert _render([{"type": "download", "value": value}]).strip() == ""


def test_reflection_can_be_marked_required():
    value = {"question": "Wie?", "guidance": "", "required": True}
    assert "verplicht" in _render([{"type": "reflection", "value": value}])
    value["required"] = False
    assert "verplicht" not in _render([{"type": "reflection", "value": value}])


def test_lesson_objectives_are_shown_above_the_lesson_body(client, course):
    lesson = LessonPage.objects.in_course(course).filter(free_preview=True).first()
    lesson.objectives = json.dumps([{"type": "objective", "value": "de drie pijlers benoemen"}])
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Na deze les kun je:" in html
    assert html.index("de drie pijlers benoemen") < html.index("Waar het om gaat")


def test_a_module_without_pillar_renders_and_counts_in_no_pillar(client, course):
    opening = ModulePageFactory(parent=course, pillar="", slug="opening", title="Het model")
    LessonPageFactory(parent=opening, slug="het-model", free_preview=True)
    ModulePage.objects.get(pk=opening.pk).move(course, pos="first-child")
    assert client.get(course.url).status_code == 200
    module_html = client.get(ModulePage.objects.get(pk=opening.pk).url).content.decode()
    assert "Het model" in module_html
    outline = course_outline(course)
    assert outline.modules[0].pillar == "" and outline.modules[0].pillar_label == ""
    progress = learner_progress(outline=outline, done_ids=[outline.modules[0].items[0].id])
    assert [p.label for p in progress.pillars] == ["Mensen", "Content", "Middelen", "Tijd"]
    assert progress.done == 1
    learner = UserFactory()
    from enrollments.services import enrollment_create

    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    assert client.get("/learn/").status_code == 200


def test_every_worksheet_kind_has_a_pillar_and_typed_fields():
    assert [k.key for k in WORKSHEET_KINDS] == [
        "champions",
        "audiences",
        "content_themes",
        "content_calendar",
        "channels",
        "time_capacity",
        "fixed_moments",
        "activities",
    ]
    for kind in WORKSHEET_KINDS:
        assert kind.pillar in {"people", "content", "means", "time"}
        assert kind.fields and 1 <= kind.min_rows <= kind.max_rows
        for field in kind.fields:
            assert field.type in {TEXT, NUMBER}
    can, may = worksheet_kind("time_capacity").fields
    assert (can.type, can.max_value, may.type, may.max_value) == (NUMBER, 168, NUMBER, 168)
    assert worksheet_kind("content_calendar").min_rows == 4
