"""A prospect joins a course's waitlist in the browser, confirms from the mail, and (the demo
course being live already) gets the "course is live" mail straight away."""

import uuid

from tests.e2e.conftest import first_link, wait_for_mail

COURSE_SLUG = "sociale-media-zakelijk"


def test_prospect_signs_up_confirms_and_gets_the_live_mail(base_url, e2e_page):
    page = e2e_page
    address = f"prospect-{uuid.uuid4().hex[:8]}@example.com"

    page.goto(f"{base_url}/en/waitlist/{COURSE_SLUG}/")
    form = page.locator("#waitlist-form")
    form.locator("input[name=name]").fill("Pim Prospect")
    form.locator("input[name=email]").fill(f"  {address.upper()} ")
    form.locator("input[name=consent]").check()
    form.locator("[type=submit]").click()
    page.wait_for_url(f"**/waitlist/{COURSE_SLUG}/thanks/")
    assert "Check your inbox" in page.content()

    confirmation = wait_for_mail(address, subject_contains="waitlist")
    link = first_link(confirmation, "/waitlist/confirm/")
    assert link.startswith(f"{base_url}/en/")
    page.goto(link)
    page.get_by_role("button", name="Confirm my address").click()
    page.wait_for_load_state()
    assert "You are on the waitlist" in page.content()

    live = wait_for_mail(address, subject_contains="open")
    assert f"{base_url}/{COURSE_SLUG}/" in live
    assert "Pim Prospect" in live
    assert "/waitlist/unsubscribe/" in live
