"""The instructor's admin screens as a browser lays them out at 1366 px: a subscriber's name
wraps between words, never inside one ("Unconfir|med" in a narrow column), and each screen
is kept as a screenshot for review."""

from django.urls import reverse

from tests.factories import InstructorFactory
from tests.factories.waitlist import SubscriberFactory

LONG_NAME = "Anna Unconfirmed-Bakker"

#: JavaScript: how many lines the word occupies in the first cell that shows it.
LINES_OF_WORD = """(word) => {
    const has = (el) => el.textContent.includes(word);
    const cell = [...document.querySelectorAll('td.title')].find(has);
    const text = [...cell.querySelectorAll('a')].find(has).firstChild;
    const start = text.textContent.indexOf(word);
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + word.length);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""


def test_names_in_the_waitlist_never_break_inside_a_word(
    live_server, page, screenshot, log_in, course
):
    course.title = "Sociale media succesvol zakelijk inzetten"  # a long title takes room
    course.save()
    SubscriberFactory(course=course, name="Joost van den Heuvel")
    SubscriberFactory(course=course, name=LONG_NAME, confirmed_at=None)
    log_in(page, InstructorFactory())
    page.goto(live_server.url + reverse("waitlist_subscribers:index"))
    assert page.evaluate(LINES_OF_WORD, "Unconfirmed") == 1
    screenshot(page, "instructor-waitlist-subscribers-desktop")


def test_the_instructor_screens_at_desktop_width(live_server, page, screenshot, log_in, enrollment):
    log_in(page, InstructorFactory())
    for name in (
        "enrolments:index",
        "orders:index",
        "invitations:index",
        "invite_learners:index",
        "lesson_funnel:index",
        "course_builder:index",
        "outreach_messages:index",
    ):
        response = page.goto(live_server.url + reverse(name))
        assert response.status == 200, name
        assert ">None<" not in page.content(), name
        screenshot(page, f"instructor-{name.split(':')[0].replace('_', '-')}-desktop")
    page.goto(live_server.url + reverse("enrolments:inspect", args=[enrollment.pk]))
    screenshot(page, "instructor-learner-page-free-desktop")
