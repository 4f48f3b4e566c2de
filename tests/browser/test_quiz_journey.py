"""A learner fails a required quiz, retries and passes, in a real browser: the failed result
shows no correct answers, the retry asks other questions, the pass shows the explanations.
Screenshots of the quiz and its result at phone and desktop width."""

import json

from django.utils import translation

from core.caching import invalidate_content
from courses.models import ModulePage
from courses.quiz_blocks import questions_stream_data
from enrollments.models import QuizAttempt, StepProgress
from enrollments.services import enrollment_create
from tests.factories import QuizPageFactory, UserFactory, build_course
from tests.factories.quizzes import question, scenario

from .conftest import DESKTOP, PHONE

LONG = (
    "Een collega wil volgende week met drie nieuwe kanalen tegelijk beginnen en vraagt wat "
    "jij als eerste zou doen"
)


def _pool() -> list[dict]:
    """Six units: five single-choice questions and a scenario with two questions. Each
    question has the answers "goed" (right) and "fout"."""
    singles = [
        question("single", f"Vraag {n}: {LONG} (situatie {n})?", [("goed", True), ("fout", False)])
        for n in range(1, 6)
    ]
    case = scenario(
        "Sanne beheert in haar eentje de accounts van een kleine bibliotheek. Ze heeft twee "
        "uur per week en wil meer jonge lezers bereiken.",
        [
            question("single", "Vraag 6a: wat past bij Sanne?", [("goed", True), ("fout", False)]),
            question(
                "true_false",
                "Vraag 6b: Sanne heeft tijd genoeg.",
                [("goed", True), ("fout", False)],
            ),
        ],
    )
    return [*singles, case]


def _answer_all(page, label: str) -> list[str]:
    """Choose `label` in every question on the page; returns the questions' field names
    (which carry the question ids)."""
    names = []
    for fieldset in page.locator("fieldset.quiz-question").all():
        names.append(fieldset.locator("input").first.get_attribute("name"))
        fieldset.get_by_label(label, exact=True).check()
    return names


def _question_text_sits_inside_its_card(page) -> None:
    fieldset = page.locator("fieldset.quiz-question").first
    legend = fieldset.locator("legend")
    box, text = fieldset.bounding_box(), legend.bounding_box()
    assert text["y"] >= box["y"] + 8  # below the top border, not on it
    assert text["x"] >= box["x"] + 8 and text["x"] + text["width"] <= box["x"] + box["width"]
    radio = fieldset.locator("input").first
    style = radio.evaluate(
        "el => [getComputedStyle(el).borderTopWidth, getComputedStyle(el).borderTopColor]"
    )
    assert style == ["2px", "rgb(75, 85, 99)"]  # a dark, 2px edge: clearly visible


def test_learner_fails_a_required_quiz_sees_no_answers_retries_other_questions_and_passes(
    live_server, page, log_in, screenshot, home_page, csp_violations
):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    module = ModulePage.objects.child_of(course).get()
    quiz = QuizPageFactory(
        parent=module,
        title="Toets: Mensen",
        max_attempts=3,
        draw_count=3,
        required=True,
        questions=json.dumps(questions_stream_data(_pool())),
    )
    invalidate_content()
    learner = UserFactory()
    enrollment = enrollment_create(user=learner, course=course)
    log_in(page, learner)
    with translation.override("en"):
        url = live_server.url + quiz.get_url()

    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Toets: Mensen"
    assert page.get_by_text("3 attempts left").is_visible()
    assert page.get_by_text("New questions on every attempt").is_visible()
    _question_text_sits_inside_its_card(page)
    screenshot(page, "quiz-desktop")
    page.set_viewport_size(PHONE)
    _question_text_sits_inside_its_card(page)
    screenshot(page, "quiz-phone")
    page.set_viewport_size(DESKTOP)

    first_set = _answer_all(page, "fout")
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url("**/result/**")
    assert page.get_by_text("Not passed yet").is_visible()
    html = page.content()
    assert ">correct answer<" not in html and "Uitleg bij" not in html and "Explanation" not in html
    assert page.locator(".badge", has_text="Incorrect").count() == len(first_set)
    assert page.get_by_text("once you pass this quiz or have used your last attempt").is_visible()
    screenshot(page, "quiz-result-failed")
    page.set_viewport_size(PHONE)
    screenshot(page, "quiz-result-failed-phone")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name="Try again").click()
    assert page.get_by_text("2 attempts left").is_visible()
    second_set = _answer_all(page, "goed")
    assert not set(first_set) & set(second_set)  # the retry draws other questions
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url("**/result/**")
    assert page.locator(".quiz-outcome").inner_text().startswith("Passed")
    assert page.locator(".quiz-explanation").first.is_visible()
    assert page.get_by_text("Uitleg bij: Vraag").first.is_visible()
    assert page.locator(".badge", has_text="correct answer").count() == len(second_set)
    assert screenshot(page, "quiz-result-passed").stat().st_size > 10_000
    page.set_viewport_size(PHONE)
    screenshot(page, "quiz-result-passed-phone")

    attempts = list(QuizAttempt.objects.order_by("number"))
    assert [(a.score, a.passed) for a in attempts] == [(0, False), (100, True)]
    assert StepProgress.objects.filter(enrollment=enrollment, page_id=quiz.pk).exists()
    assert csp_violations == []
