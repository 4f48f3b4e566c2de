"""A learner's whole journey in Chromium: sign up, confirm the address from a real e-mail,
enrol, finish two lessons, log out and in again, and "continue" opens lesson three."""

import re
from urllib.parse import urlsplit

from django.core.management import call_command

from courses.models import CoursePage, LessonPage
from tests.browser.conftest import PHONE

EMAIL = "nieuwe.leerling@example.com"
PASSWORD = "Leer-mee-2026!"


def _mark_done(page) -> None:
    page.locator("main form[action*='/done/'] button[type=submit]").first.click()
    # With JavaScript the button turns into "undo" without a reload; without, after one.
    page.wait_for_selector("main form[action*='/undo/']")


def test_learner_signs_up_enrols_finishes_two_lessons_and_continues_with_the_third(
    live_server, page, screenshot, smtp_server, csp_violations
):
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    lessons = list(LessonPage.objects.in_course(course))
    base = live_server.url

    # Anonymous: the landing page offers sign-up with a way back to the course.
    page.goto(base + course.url)
    page.locator("main a[href*='/accounts/signup/'][href*='next=']").first.click()
    page.fill("input[name=first_name]", "Noor")
    page.fill("input[name=last_name]", "de Vries")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/accounts/confirm-email/$"))

    # The confirmation e-mail, through a real SMTP server.
    smtp_server.wait_for(1)
    message = smtp_server.messages[-1]
    assert message["To"] == EMAIL
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", body).group(0)
    page.goto(base + urlsplit(link).path)  # the mail links to SITE_URL, not the live server
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf".*{re.escape(course.url)}$"))  # back at the course

    # Enrol with one click, then finish lessons one and two.
    page.locator("main form[action*='/enrol/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    for lesson in lessons[:2]:
        page.goto(base + lesson.url)
        _mark_done(page)
    screenshot(page, "learner-lesson-done-desktop")

    # Log out, log in again: the dashboard's "continue" leads to lesson three.
    page.locator("header form[action*='/accounts/logout/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/learn/$"))
    page.set_viewport_size(PHONE)
    screenshot(page, "learner-dashboard-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.locator(f"main a[href='{lessons[2].url}']").first.click()
    page.wait_for_url(re.compile(rf".*{re.escape(lessons[2].url)}$"))
    assert page.get_by_role("heading", level=1).inner_text() == lessons[2].title
    assert csp_violations == []
