"""A new learner signs up, confirms the address from the mail, enrols in the free demo
course, marks a lesson done and sees the progress: against the production-like stack."""

import re
import uuid

from tests.e2e.conftest import first_link, wait_for_mail

COURSE = "/sociale-media-zakelijk/"
PASSWORD = "Leer-mee-2026!"


def test_new_learner_signs_up_enrols_and_finishes_a_lesson(base_url, e2e_page):
    page = e2e_page
    email = f"e2e-{uuid.uuid4().hex[:10]}@example.com"

    page.goto(f"{base_url}/accounts/signup/?next={COURSE}")
    page.fill("input[name=first_name]", "Noor")
    page.fill("input[name=last_name]", "de Vries")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/accounts/confirm-email/.*"))

    # allauth sends the confirmation from the web process to the stack's SMTP sink (a Maildir).
    link = first_link(wait_for_mail(email), "/accounts/confirm-email/")
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    # Logged in by the confirmation, and back at the course the learner came from.
    page.wait_for_url(re.compile(rf".*{re.escape(COURSE)}$|.*/learn/$"))
    if not page.url.endswith(COURSE):
        page.goto(f"{base_url}{COURSE}")

    page.locator("main form[action*='/enrol/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{base_url}{COURSE}")
    first_lesson = page.locator("main .course-cta a").first.get_attribute("href")
    page.goto(f"{base_url}{first_lesson}")
    page.locator("main form[action*='/done/'] button[type=submit]").first.click()
    page.wait_for_selector("main form[action*='/undo/']")

    page.goto(f"{base_url}/learn/")
    progress = page.locator("main progress").first
    assert int(progress.get_attribute("value")) > 0
    assert page.get_by_text(re.compile(r"\d+\s?%")).first.is_visible()
