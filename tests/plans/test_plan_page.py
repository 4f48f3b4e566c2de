"""The plan page: pillars from the answers, empty parts linked to their lesson, the time
budget and its warning, the printable page and the PDF."""

import pytest
from django.urls import reverse

from plans.services import sheet_save
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_url(course):
    return reverse("plans:plan", args=[course.slug])


def fill_time(user, course, can, may, minutes):
    sheet_save(
        user=user,
        course=course,
        kind_key="time_capacity",
        data={"rows": "1", "r0-can_hours": str(can), "r0-may_hours": str(may)},
    )
    data = {"rows": str(len(minutes))}
    for i, m in enumerate(minutes):
        data[f"r{i}-activity"] = f"Activiteit {i}"
        data[f"r{i}-minutes_per_week"] = str(m)
    sheet_save(user=user, course=course, kind_key="activities", data=data)


def test_empty_parts_link_to_the_lesson_that_fills_them(learner_client, plan_url, plan_lessons):
    html = learner_client.get(plan_url).content.decode()
    assert "Not filled in yet." in html or "Nog niet ingevuld." in html
    assert plan_lessons["means"].url in html and plan_lessons["time"].url in html
    for heading in ("Mensen", "Content", "Middelen", "Tijd"):
        assert heading in html


def test_over_budget_warns_and_fixing_it_removes_the_warning(
    learner, learner_client, course, plan_url, plan_lessons
):
    fill_time(learner, course, can=3, may=2, minutes=[90, 60])  # budget 2 h, planned 2 h 30
    html = learner_client.get(plan_url).content.decode()
    assert "plan-over-budget" in html and "30 min" in html and "data-plan-budget" in html
    fill_time(learner, course, can=3, may=2, minutes=[60, 60])
    html = learner_client.get(plan_url).content.decode()
    assert "plan-over-budget" not in html and "plan-within-budget" in html


def test_plan_page_edits_the_same_answers_and_returns_the_budget(
    learner_client, course, plan_url, plan_lessons
):
    url = reverse("plans:sheet_save", args=[course.slug, "time_capacity"])
    response = learner_client.post(
        url, {"rows": "1", "r0-can_hours": "1", "r0-may_hours": "1"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and "data-plan-budget" in response.json()["budget_html"]
    html = learner_client.get(plan_lessons["time"].url).content.decode()
    assert 'name="r0-can_hours" value="1"' in html


def test_not_enrolled_is_sent_to_the_course(client, course, plan_url):
    client.force_login(UserFactory())
    response = client.get(plan_url)
    assert response.status_code == 302 and response["Location"] == course.url


def test_anonymous_must_log_in(client, plan_url, course):
    assert "/accounts/login/" in client.get(plan_url)["Location"]
    assert client.get(reverse("plans:plan", args=["bestaat-niet"])).status_code in (302,)


def test_unknown_course_is_404(learner_client):
    assert learner_client.get(reverse("plans:plan", args=["bestaat-niet"])).status_code == 404


def test_printable_page_has_name_date_and_print_css(learner, learner_client, course, plan_lessons):
    learner.first_name, learner.last_name = "Sanne", "de Boer"
    learner.save()
    html = learner_client.get(reverse("plans:print", args=[course.slug])).content.decode()
    assert "Sanne de Boer" in html and "css/plans.css" in html and "<script>" not in html


def test_pdf_holds_the_answers_name_and_dutch_headings(
    learner, learner_client, course, plan_lessons
):
    learner.first_name = "Sanne"
    learner.save()
    sheet_save(
        user=learner,
        course=course,
        kind_key="champions",
        data={"rows": "1", "r0-name": "Anna van HR", "r0-why": "Ze deelt kennis"},
    )
    response = learner_client.get(reverse("plans:pdf", args=[course.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    for text in (b"Anna van HR", b"Sanne", b"Mensen", b"Middelen", b"Tijd"):
        assert text in body, text
    assert "no-store" in response["Cache-Control"]


def test_pdf_survives_characters_outside_latin1(learner, learner_client, course, plan_lessons):
    sheet_save(
        user=learner,
        course=course,
        kind_key="champions",
        data={"rows": "1", "r0-name": "\u201cAnna\u201d \u2013 \U0001f600 \u2713", "r0-why": "€"},
    )
    assert learner_client.get(reverse("plans:pdf", args=[course.slug])).status_code == 200


def test_pdf_lines_fit_the_page_and_keep_every_word():
    from fpdf import FPDF

    from plans.pdf import wrap

    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=10)
    text = "Kennis delen is geen machtsverlies. " * 30 + "x" * 400
    lines = wrap(doc, text, doc.epw)
    assert len(lines) > 5
    assert all(doc.get_string_width(line) <= doc.epw + 0.01 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_pdf_in_english_keeps_the_dutch_pillar_headings(
    learner, learner_client, course, plan_lessons
):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("plans:pdf", args=[course.slug])
    assert url.startswith("/en/")
    body = learner_client.get(url).content
    assert b"My MCMT plan" in body and b"Mensen" in body and b"Not filled in yet." in body
    with translation.override("nl"):
        body = learner_client.get(reverse("plans:pdf", args=[course.slug])).content
    assert b"Mijn MCMT-plan" in body and b"Nog niet ingevuld." in body
