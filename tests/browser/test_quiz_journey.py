"""A learner fails a quiz, retakes it and passes, in a real browser."""

from django.utils import translation

from core.caching import invalidate_content
from courses.models import ModulePage
from enrollments.models import QuizAttempt, StepProgress
from enrollments.services import enrollment_create
from tests.factories import QuizPageFactory, UserFactory, build_course


def _answer(page, question: str, *labels: str) -> None:
    fieldset = page.locator("fieldset", has_text=question)
    for label in labels:
        fieldset.get_by_label(label, exact=True).check()


def test_learner_fails_a_quiz_then_retakes_and_passes(
    live_server, page, log_in, screenshot, home_page, csp_violations
):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    module = ModulePage.objects.child_of(course).get()
    quiz = QuizPageFactory(parent=module, title="Toets: Mensen", max_attempts=3)
    invalidate_content()
    learner = UserFactory()
    enrollment = enrollment_create(user=learner, course=course)
    log_in(page, learner)
    with translation.override("en"):
        url = live_server.url + quiz.get_url()

    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Toets: Mensen"
    assert page.get_by_text("3 attempts left").is_visible()
    _answer(page, "Welke pijler komt eerst?", "Tijd")
    _answer(page, "Welke zijn pijlers", "Mensen", "Geld")
    _answer(page, "Tijd is een beperkende factor.", "Niet waar")
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url("**/result/**")
    assert page.get_by_text("Not passed yet").is_visible()
    assert page.get_by_text("0 of 3 questions correct").is_visible()
    assert page.get_by_text("Uitleg bij: Welke pijler komt eerst?").is_visible()
    screenshot(page, "quiz-result-failed")

    page.get_by_role("link", name="Try again").click()
    assert page.get_by_text("2 attempts left").is_visible()
    _answer(page, "Welke pijler komt eerst?", "Mensen")
    _answer(page, "Welke zijn pijlers", "Mensen", "Content", "Middelen")
    _answer(page, "Tijd is een beperkende factor.", "Waar")
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url("**/result/**")
    assert page.locator(".quiz-outcome").inner_text().startswith("Passed")
    assert page.get_by_text("3 of 3 questions correct").is_visible()
    assert screenshot(page, "quiz-result-passed").stat().st_size > 10_000

    assert list(QuizAttempt.objects.order_by("number").values_list("score", "passed")) == [
        (0, False),
        (100, True),
    ]
    assert StepProgress.objects.filter(enrollment=enrollment, page_id=quiz.pk).exists()
    assert csp_violations == []
