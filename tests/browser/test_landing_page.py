"""The course landing page on a phone: whatever the visitor can do next (join the waitlist,
enrol, buy, continue) is inside the first 390 x 844 screen, under the title and a short intro."""

from decimal import Decimal

import pytest
from django.utils import timezone

from enrollments.services import enrollment_create
from tests.browser.conftest import PHONE
from tests.factories import UserFactory, build_course
from tests.factories.payments import TEST_SECRET_KEY, TEST_WEBHOOK_SECRET

LONG_TITLE = "Sociale media succesvol en doelgericht zakelijk inzetten"
LONG_INTRO = (
    "<p>Zet sociale media gericht in voor je werk: sterkere relaties met klanten, collega's "
    "en partners, in de tijd die je er echt voor hebt.</p>"
    + "<p>Een tweede alinea die verder op de pagina hoort, met veel meer uitleg. </p>"
    * 6
)

CASES = {
    # name: (course fields, who visits, the call to action's main control)
    "waitlist": (
        {"launch_at": timezone.now() + timezone.timedelta(days=3)},
        "anonymous",
        "#waitlist-form [type=submit]",
    ),
    "enrol-anonymous": ({}, "anonymous", ".course-cta a[href*='/accounts/signup/']"),
    "enrol": ({}, "learner", ".course-cta form[action*='/enrol/'] button"),
    "buy": ({"price": Decimal("149.00")}, "learner", ".course-cta .buy-form button"),
    "continue": ({}, "enrolled", ".course-cta a.btn-primary"),
}


@pytest.mark.parametrize("case", CASES)
def test_call_to_action_is_in_the_first_phone_screen(
    case, live_server, browser, log_in, home_page, settings, screenshot
):
    settings.STRIPE_SECRET_KEY = TEST_SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
    fields, visitor, control = CASES[case]
    course = build_course(
        home_page,
        modules=4,
        lessons_per_module=3,
        title=LONG_TITLE,
        intro=LONG_INTRO,
        instructor_name="Femke Janssen",
        **fields,
    )
    page = browser.new_page(viewport=PHONE)
    if visitor != "anonymous":
        learner = UserFactory()
        if visitor == "enrolled":
            enrollment_create(user=learner, course=course)
        log_in(page, learner)

    page.goto(live_server.url + course.url)
    screenshot(page, f"landing-first-screen-{case}")
    heading = page.locator("main h1").bounding_box()
    lead = page.locator("main .course-lead").bounding_box()
    cta = page.locator(f"main {control}").first.bounding_box()
    assert cta is not None, f"{case}: no {control} on the page"
    assert heading["y"] < cta["y"]
    assert cta["y"] >= 0 and cta["y"] + cta["height"] <= PHONE["height"], (
        f"{case}: the call to action ends {cta['y'] + cta['height']:.0f} px down the page"
    )
    if visitor == "enrolled":
        assert cta["y"] < lead["y"]  # a returning learner's way back in comes first
    else:
        assert lead["y"] < cta["y"]
    # Only the first paragraph of the intro stands above the call to action.
    assert "tweede alinea" not in page.locator("main .course-lead").inner_text()
    assert page.locator("main .course-about", has_text="tweede alinea").count() == 1
