"""An instructor writes to the learners who have not started; the demo's learner gets the
mail through a real SMTP server, unsubscribes with one click (RFC 8058), and gets no
reminder afterwards, while a learner who stayed subscribed does."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses.models import CoursePage, LessonPage
from enrollments.models import Enrollment, StepProgress
from outreach import services
from tests.factories import UserFactory


def test_instructor_message_one_click_unsubscribe_and_no_reminder_after(
    live_server, page, screenshot, smtp_server, log_in
):
    call_command("seed_demo", "--demo-accounts", verbosity=0)
    course = CoursePage.objects.get()
    users = get_user_model().objects
    learner = users.get(email="leerling@mcmt.example")
    instructor = users.get(email="instructeur@mcmt.example")
    # The demo learner enrolled but has not started yet.
    StepProgress.objects.filter(enrollment__user=learner).delete()
    Enrollment.objects.filter(user=learner).update(last_step=None, completed_at=None)
    started = UserFactory(username="bezig", email="bezig@example.com", first_name="Bo")
    enrolment = Enrollment.objects.create(user=started, course=course, source="free")
    first_lesson = LessonPage.objects.in_course(course).first()
    StepProgress.objects.create(enrollment=enrolment, page=first_lesson)  # in progress
    base = live_server.url

    # The instructor writes to "not started" learners in the admin.
    log_in(page, instructor)
    page.goto(base + reverse("outreach_messages:add"))
    page.select_option("select[name=course]", str(course.pk))
    page.fill("input[name=subject]", "Zet je eerste stap in {course}")
    page.fill("textarea[name=body]", "Hoi {name},\n\nJe eerste les staat klaar: {continue_url}")
    page.select_option("select[name=audience]", "not_started")
    page.locator("#w-editor-form footer button[type=submit]").first.click()
    page.wait_for_url(re.compile(rf".*{re.escape(reverse('outreach_messages:index'))}$"))
    page.locator("a[href*='/send/']").first.click()
    count = page.locator("#audience-count").inner_text()
    assert re.search(r"\b1\b", count), count  # the demo learner only
    screenshot(page, "instructor-message-count-desktop")
    page.locator("#send-now").click()
    page.wait_for_url(re.compile(rf".*{re.escape(reverse('outreach_messages:index'))}$"))

    # The demo learner receives it through the SMTP server.
    smtp_server.wait_for(1)
    [mail] = smtp_server.to(learner.email)
    assert mail["Subject"] == f"[MCMT Academie] Zet je eerste stap in {course.title}"
    assert smtp_server.to(started.email) == []
    body = mail.get_body(("plain",)).get_content()
    assert body.startswith("Hoi Lars,")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = urlsplit(mail["List-Unsubscribe"].strip().strip("<>")).path

    # One click in the mail client: the RFC 8058 POST, with no cookie or token of ours.
    response = page.context.request.post(base + unsubscribe, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200

    # Weeks pass without a step opened; beat looks for learners to remind.
    month_ago = timezone.now() - timedelta(days=30)
    Enrollment.objects.filter(course=course).update(last_active_at=month_ago)
    smtp_server.clear()
    services.reminders_dispatch()
    smtp_server.wait_for(1)
    assert smtp_server.to(learner.email) == []  # unsubscribed: no reminder
    assert len(smtp_server.to(started.email)) == 1  # still subscribed: reminded

    # The learner's mail settings show both switches off.
    log_in(page, learner)
    page.goto(base + reverse("delivery:preferences"))
    assert not page.locator("input[name=topic_reminders]").is_checked()
    assert not page.locator("input[name=topic_course_news]").is_checked()
    screenshot(page, "learner-mail-settings-desktop")
