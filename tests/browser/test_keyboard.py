"""Keyboard only: no mouse from the first page on. A learner skips to the content, enrols,
marks the lesson done and takes the quiz, and every element that gets the focus on the way
shows a focus ring. A visitor whose form comes back with errors lands on the first field to
fix, which says it is invalid and why."""

import re

from django.utils import timezone

from core.caching import invalidate_content
from courses.models import LessonPage, ModulePage
from enrollments.models import Enrollment, QuizAttempt, StepProgress
from tests.factories import QuizPageFactory, UserFactory, build_course

# The focused element draws a ring of at least 2 px that is not transparent (an outline).
_FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
      && !/rgba\\(.*, 0\\)$/.test(style.outlineColor),
  };
}"""


def focused(page) -> dict:
    return page.evaluate(_FOCUS)


def tab_to(page, selector: str, *, limit: int = 80) -> dict:
    """Press Tab until the element matching `selector` has the focus; every element the
    focus passes on the way must show its focus ring."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        passed.append(info)
        assert info["ring"], f"no visible focus on {info}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return info
    raise AssertionError(f"Tab never reached {selector}; passed {passed}")


def _choose(page, fieldset_text: str, *labels: str) -> None:
    """Tick answers of one quiz question by keyboard: radios by arrow keys inside their group
    (Tab stops at a group once), checkboxes each with the space bar."""
    fieldset = page.locator("fieldset", has_text=fieldset_text)
    inputs = fieldset.locator("input")
    kind = inputs.first.get_attribute("type")
    ids = [fieldset.get_by_label(label, exact=True).get_attribute("id") for label in labels]
    if kind == "radio":
        tab_to(page, f"#{inputs.first.get_attribute('id')}")
        while focused(page)["id"] != ids[0]:
            page.keyboard.press("ArrowDown")
            assert focused(page)["ring"]
        page.keyboard.press("Space")
    else:
        for answer_id in ids:
            tab_to(page, f"#{answer_id}")
            page.keyboard.press("Space")


def test_learner_enrols_finishes_a_lesson_and_passes_a_quiz_by_keyboard(
    live_server, page, log_in, home_page, screenshot, csp_violations
):
    course = build_course(home_page, modules=1, lessons_per_module=1)
    module = ModulePage.objects.child_of(course).get()
    lesson = LessonPage.objects.in_course(course).get()
    quiz = QuizPageFactory(parent=module, title="Toets: Mensen")
    invalidate_content()
    learner = UserFactory()
    log_in(page, learner)

    page.goto(live_server.url + course.url)
    # The first Tab reaches the skip link, which appears, and leads past the navigation.
    tab_to(page, "a.skip-link", limit=1)
    skip = page.locator("a.skip-link")
    assert skip.inner_text() == "Naar de inhoud"
    assert skip.bounding_box()["width"] > 50  # shown, no longer visually hidden
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, "main form[action*='/enrol/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{lesson.url}")  # enrolling opens the first lesson
    assert Enrollment.objects.filter(user=learner, course=course).exists()

    tab_to(page, "main form[data-progress-form] button")
    page.keyboard.press("Enter")
    page.wait_for_selector("main form[action*='/undo/']")
    assert page.locator("[data-progress-announce]").inner_text() != ""  # read out (aria-live)
    after = focused(page)
    assert after["tag"] == "button" and after["ring"], after  # the focus stays where it was
    assert StepProgress.objects.filter(page_id=lesson.pk).exists()
    screenshot(page, "keyboard-lesson-done")

    tab_to(page, "main a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{quiz.url}")
    _choose(page, "Welke pijler komt eerst?", "Mensen")
    _choose(page, "Welke zijn pijlers", "Mensen", "Content", "Middelen")
    _choose(page, "Tijd is een beperkende factor.", "Waar")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    # The quiz was the course's last step: the course-completed page, with the certificate.
    page.wait_for_url(re.compile(r".*/completed/(\?result=.*)?$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Gefeliciteerd")
    assert QuizAttempt.objects.get().passed
    tab_to(page, "main a[href*='/pdf/']")  # the download is reachable by keyboard
    screenshot(page, "keyboard-quiz-passed")
    assert csp_violations == []


def test_form_errors_take_the_focus_and_are_read_with_the_field(live_server, page, home_page):
    course = build_course(
        home_page,
        modules=1,
        lessons_per_module=1,
        launch_at=timezone.now() + timezone.timedelta(days=2),
    )
    page.goto(f"{live_server.url}/waitlist/{course.slug}/")
    tab_to(page, "main #id_name")
    page.keyboard.type("   ")  # passes the browser's "required", not the server's
    tab_to(page, "main #id_email", limit=1)
    page.keyboard.type("lotte@voorbeeld")  # a valid address to the browser, not to the server
    tab_to(page, "main #id_consent", limit=1)  # the hidden honeypot field is skipped
    page.keyboard.press("Space")
    tab_to(page, "main [type=submit]", limit=1)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("alert").first.is_visible()
    field = focused(page)
    assert field["id"] == "id_name" and field["ring"], field
    name = page.locator("#id_name")
    assert name.get_attribute("aria-invalid") == "true"
    message = page.locator(f"#{name.get_attribute('aria-describedby')}")
    assert message.inner_text() == "Dit is een verplicht veld."
    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.locator(f"#{email.get_attribute('aria-describedby')}").inner_text() != ""
