"""A prospect opens the waitlist of the demo course, which is live already: there is nothing
to wait for, so the browser lands on the course page with its enrol button instead, and no
waitlist mail is sent. (Signing up before a launch, confirming and getting the live mail are
covered in tests/waitlist against a real SMTP server.)"""

COURSE_SLUG = "sociale-media-zakelijk"


def test_the_waitlist_of_the_live_course_sends_the_prospect_to_enrol(base_url, e2e_page):
    page = e2e_page
    page.goto(f"{base_url}/en/waitlist/{COURSE_SLUG}/")
    page.wait_for_url(f"{base_url}/en/{COURSE_SLUG}/")  # the course page, in the same language
    assert page.locator("#waitlist-form").count() == 0
    assert page.locator(f"a[href*='accounts/signup/?next=/en/{COURSE_SLUG}/']").count() >= 1
