"""The instructor's side, end to end, as the demo instructor (Femke Janssen): add a lesson in
module 2 through the course builder (it lands before the module's quiz and the live course
page shows the module's new minutes), invite a learner by e-mail, the invitee signs up from
the link in the mail caught by a real SMTP server and is enrolled, and the instructor finds
them on the funnel and on their learner page."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from courses.models import CoursePage, LessonPage, ModulePage, QuizPage
from courses.outline import course_outline
from courses.templatetags.course_tags import step_summary
from enrollments.models import Enrollment

INVITEE = "noor.bakker@example.com"
PASSWORD = "een-lang-wachtwoord-42"
NEW_LESSON = "Korte video's die blijven hangen"


def test_instructor_adds_a_lesson_invites_a_learner_and_finds_them(
    live_server, browser, page, screenshot, smtp_server, log_in, settings
):
    # Wagtail 8's autosave turns a new page into a draft while it is being written; a publish
    # made at that moment (a robot clicks faster than a person) meets the draft's slug and
    # fails. The journey is about our screens, so it writes without autosave.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    course = CoursePage.objects.get()
    module = ModulePage.objects.child_of(course).order_by("path")[1]  # module 2
    instructor = get_user_model().objects.get(email="instructeur@mcmt.example")
    assert instructor.get_full_name() == "Femke Janssen"
    minutes_before = course_outline(course).module(module.pk).minutes
    base = live_server.url

    # The course builder: module 2's "Add a lesson".
    log_in(page, instructor)
    page.goto(base + reverse("course_builder:index"))
    screenshot(page, "instructor-course-builder-desktop")
    add_url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    page.locator(f"a[href='{add_url}']").click()
    page.fill("input[name=title]", NEW_LESSON)
    page.fill("input[name=estimated_minutes]", "8")
    page.locator("#panel-child-content-body-content button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Tekst", exact=True).click()
    page.locator("#panel-child-content-body-content .public-DraftEditor-content").first.click()
    page.keyboard.type("Laat in de eerste seconde zien waar je video over gaat.")
    page.wait_for_function(  # Draftail has written the text into the form
        "() => [...document.querySelectorAll('input[name=\"body-0-value\"]')]"
        ".some(i => i.value.includes('seconde'))"
    )
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(re.compile(rf".*/pages/{module.pk}/$"))

    # It landed before the module's quiz, published.
    steps = [p.specific for p in module.get_children().order_by("path")]
    assert [s.title for s in steps].index(NEW_LESSON) == len(steps) - 2
    assert isinstance(steps[-1], QuizPage)
    assert LessonPage.objects.get(title=NEW_LESSON).live

    # The live course page shows the module's new minutes.
    outline = course_outline(course)
    assert outline.module(module.pk).minutes == minutes_before + 8
    with translation.override("nl"):
        summary = step_summary(outline.module(module.pk))
    page.goto(base + course.url)
    card = page.locator(".module-card", has_text=module.title)
    assert summary in card.inner_text(), (summary, card.inner_text())
    screenshot(page, "instructor-course-page-after-new-lesson-desktop")

    # Invite a learner by e-mail.
    page.goto(base + reverse("invite_learners:index"))
    page.select_option("select[name=course]", str(course.pk))
    page.fill("textarea[name=addresses]", f"Noor Bakker, {INVITEE}")
    page.locator("main button[type=submit]", has_text="Uitnodigen").click()
    page.wait_for_load_state()
    assert INVITEE in page.locator("main").inner_text()
    screenshot(page, "instructor-invite-report-desktop")

    # The invitee opens the link in the mail, signs up with the invited address, is enrolled.
    smtp_server.wait_for(1)
    [mail] = smtp_server.to(INVITEE)
    body = mail.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/invitation/\S+", body).group(0)
    visitor = browser.new_context(viewport=page.viewport_size, locale="nl-NL").new_page()
    visitor.goto(base + urlsplit(link).path)
    visitor.locator("main a[href*='/accounts/signup/']").first.click()
    assert visitor.input_value("input[name=email]") == INVITEE
    # The name the instructor typed is filled in; the invitee may change it.
    assert visitor.input_value("input[name=first_name]") == "Noor"
    assert visitor.input_value("input[name=last_name]") == "Bakker"
    visitor.fill("input[name=password1]", PASSWORD)
    visitor.fill("input[name=password2]", PASSWORD)
    visitor.locator("main form button[type=submit]").last.click()
    # Back on the invitation, logged in and enrolled (the link verified the address).
    visitor.wait_for_url(re.compile(r".*/accounts/invitation/.+/$"))
    visitor.locator(f"main a[href='{course.url}']").click()
    visitor.wait_for_url(re.compile(rf".*{re.escape(course.url)}$"))
    enrollment = Enrollment.objects.get(user__email=INVITEE, course=course)
    assert enrollment.is_active and enrollment.source == "staff"
    screenshot(visitor, "invitee-enrolled-course-page-desktop")

    # The instructor sees the new learner on the funnel and on their learner page.
    page.goto(base + reverse("lesson_funnel:index") + f"?course={course.pk}")
    enrolled_row = page.locator("tr", has_text="Ingeschreven").first
    assert "2" in enrolled_row.inner_text()  # the demo learner and Noor
    screenshot(page, "instructor-funnel-desktop")
    page.goto(base + reverse("enrolments:index"))
    page.locator("td.title a", has_text=INVITEE).click()
    page.wait_for_url(
        re.compile(rf".*{re.escape(reverse('enrolments:inspect', args=[enrollment.pk]))}$")
    )
    learner_page = page.locator("main").inner_text()
    assert "Noor Bakker" in learner_page
    assert course.title in learner_page
    assert "CET" in learner_page or "CEST" in learner_page  # times in the academy's zone
    invitation = page.locator("[data-panel=learner-invitation]")
    assert "Femke Janssen" in invitation.inner_text()
    screenshot(page, "instructor-learner-page-desktop")
