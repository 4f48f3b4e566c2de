from django.core.management import call_command

from courses.models import CoursePage, LessonPage
from tests.browser.conftest import DESKTOP, PHONE


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_landing_page_and_lesson_look_right_on_phone_and_desktop(live_server, page, screenshot):
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    lesson = LessonPage.objects.in_course(course).first()

    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + course.url)
        assert screenshot(page, f"landing-{label}").stat().st_size > 10_000
        assert page.get_by_role("heading", level=1).inner_text() == course.title
        assert page.get_by_role("heading", name="Het MCMT-model in vier delen").is_visible()
        assert _no_horizontal_scroll(page), f"landing page scrolls sideways on {label}"

        page.goto(live_server.url + lesson.url)
        assert screenshot(page, f"lesson-{label}").stat().st_size > 10_000
        assert page.get_by_role("heading", level=1).inner_text() == lesson.title
        assert page.get_by_role("navigation", name="Cursusoverzicht").is_visible()
        assert _no_horizontal_scroll(page), f"lesson scrolls sideways on {label}"


def test_keyboard_user_can_skip_to_content_and_switch_language(live_server, page):
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get()
    page.goto(live_server.url + course.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    page.locator('a[hreflang="en"]').click()
    page.wait_for_url(f"**/en{course.url}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="The MCMT model in four parts").is_visible()


def test_public_pages_satisfy_the_content_security_policy(
    live_server, page, log_in, csp_violations
):
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    course = CoursePage.objects.get()
    lesson = LessonPage.objects.in_course(course).first()
    urls = [course.url, lesson.url, lesson.get_parent().url, "/accounts/login/"]
    for url in urls:
        page.goto(live_server.url + url)
        assert page.locator("body").is_visible()
    # Editors also get Wagtail's userbar on public pages.
    from django.contrib.auth import get_user_model

    log_in(page, get_user_model().objects.get(email="instructeur@mcmt.example"))
    for url in urls[:3]:
        page.goto(live_server.url + url)
    page.wait_for_timeout(300)
    assert csp_violations == []
    header = page.request.get(live_server.url + course.url).headers["content-security-policy"]
    assert "script-src 'self'" in header
