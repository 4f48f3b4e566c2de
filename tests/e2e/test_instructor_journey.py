"""An instructor logs in to the Wagtail admin, changes a lesson and publishes it."""

import uuid

INSTRUCTOR = ("instructeur@mcmt.example", "mcmt-instructeur")


def test_instructor_edits_a_lesson_and_learners_see_it_published(base_url, e2e_page):
    page = e2e_page
    page.goto(f"{base_url}/cms/login/")  # allauth's log-in page, the one way in
    page.fill("input[name=login]", INSTRUCTOR[0])
    page.fill("input[name=password]", INSTRUCTOR[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/cms/")

    page.goto(f"{base_url}/cms/pages/search/?q=LinkedIn+als+visitekaartje")
    page.get_by_role("link", name="LinkedIn als visitekaartje").first.click()
    page.wait_for_url("**/edit/")
    marker = f"Bijgewerkt {uuid.uuid4().hex[:6]}"
    page.fill("#id_summary", marker)
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publiceren").or_(
        page.get_by_role("button", name="Publish")
    ).first.click()
    page.wait_for_url("**/cms/pages/**")

    lesson = page.context.new_page()
    lesson.goto(f"{base_url}/sociale-media-zakelijk/middelen/")
    assert marker in lesson.content()
