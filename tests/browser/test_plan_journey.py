"""The learner's MCMT plan in Chromium, on a phone (390 px) and a desktop (1366 px): answer
exercises in four lessons (saved with fetch, no reload), see them on the plan page, go over
the time budget and see the warning, fix it on the plan page itself, and download the PDF,
whose text holds the learner's answers (the test settings switch PDF compression off, so the
text stands in the file as written)."""

from pathlib import Path

import pytest
from django.core.management import call_command

from courses.models import CoursePage, LessonPage
from enrollments.services import enrollment_create
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import UserFactory

CHAMPION = "Noor de Wit"
REASON = "Deelt wekelijks klantvragen"
REFLECTION = "Bas van support wil eerst zien wat het oplevert"
ACTIVITY = "LinkedIn-groep bijhouden"


def _save(page, form) -> None:
    """Press the form's button and wait for its fetch() to come back."""
    with page.expect_response(lambda r: r.request.method == "POST" and "/learn/" in r.url) as saved:
        form.locator("button[type=submit]").click()
    assert saved.value.ok, saved.value.text()


def _sheet(page, lesson, base, values: dict) -> None:
    page.goto(base + lesson.url)
    form = page.locator("main form.sheet-form").first
    for name, value in values.items():
        field = form.locator(f"[name='{name}']")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    _save(page, form)


@pytest.mark.parametrize("width", ["390", "1366"])
def test_learner_builds_the_plan_goes_over_budget_fixes_it_and_downloads_the_pdf(
    width, browser, live_server, log_in, screenshot, csp_violations, page
):
    page.set_viewport_size(PHONE if width == "390" else DESKTOP)
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    lessons = {lesson.slug: lesson for lesson in LessonPage.objects.in_course(course)}
    learner = UserFactory(email="eva@example.com", first_name="Eva", last_name="Bakker")
    enrollment_create(user=learner, course=course)
    log_in(page, learner)
    base = live_server.url

    # Lesson 1 (Mensen): a champion in the worksheet.
    _sheet(
        page,
        lessons["social-business-champions-vinden"],
        base,
        {"r0-name": CHAMPION, "r0-why": REASON},
    )
    # The filled row got a new empty one below it, without a reload.
    assert page.locator("main form.sheet-form [name='r1-name']").input_value() == ""
    # Lesson 2 (Mensen): a reflection.
    page.goto(base + lessons["draagvlak-en-tegenstanders"].url)
    form = page.locator("main form.exercise-form").first
    form.locator("textarea[name=answer]").fill(REFLECTION)
    _save(page, form)
    page.reload()
    assert page.locator("main form.exercise-form textarea").first.input_value() == REFLECTION
    # Lessons 3 and 4 (Tijd): 3 hours can, 2 hours may; one activity of 150 minutes.
    _sheet(page, lessons["kunnen-en-mogen"], base, {"r0-can_hours": "3", "r0-may_hours": "2"})
    _sheet(
        page,
        lessons["van-tijd-investeren-naar-tijd-winnen"],
        base,
        {"r0-activity": ACTIVITY, "r0-pillar": "people", "r0-minutes_per_week": "150"},
    )

    # The plan page: the answers, and a warning that the plan is 30 minutes over budget.
    page.goto(base + f"/learn/{course.slug}/plan/")
    assert REFLECTION in page.locator("main").inner_text()
    champions = page.locator("form#plan-champions")
    assert champions.locator("[name='r0-name']").input_value() == CHAMPION
    assert champions.locator("[name='r0-why']").input_value() == REASON
    warning = page.locator(".plan-over-budget")
    assert warning.is_visible() and "30 min" in warning.inner_text()
    screenshot(page, f"plan-over-budget-{width}")

    # Fix it right there: 150 → 90 minutes; the budget updates without a reload.
    activities = page.locator("form#plan-activities")
    activities.locator("[name='r0-minutes_per_week']").fill("90")
    _save(page, activities)
    page.wait_for_selector(".plan-within-budget")
    assert page.locator(".plan-over-budget").count() == 0
    assert "budget" not in page.locator("p[data-plan-state]").inner_text()  # state line too
    screenshot(page, f"plan-{width}")
    page.reload()
    assert page.locator(".plan-within-budget").is_visible()

    # The PDF: the learner's name and answers, with the course's Dutch headings.
    with page.expect_download() as download:
        page.locator("[data-plan-pdf]").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    for text in ("Eva Bakker", CHAMPION, REASON, ACTIVITY, "Mensen", "Middelen", "Tijd"):
        assert text.encode("latin-1") in content, text
    assert csp_violations == []
