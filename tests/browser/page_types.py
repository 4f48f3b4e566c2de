"""Every public and learner page type, for the checks that run over all of them
(accessibility with axe-core, page weight).

`build_site()` makes one site with something to show on each page type: the demo course
(launched, free, with quizzes, and the demo learner enrolled with two lessons done), a course
that has not launched yet, and a waitlist subscriber. `PAGE_TYPES` says where each page type
is found on that site and who looks at it.

To add a page type (the learner's plan, the certificate), append a `PageType`: give it a
name, a `path` function (called with the site, in the language being checked, so that
`reverse()` and `page.url` give that language's address) and the visitor; put what it needs
on the site in `build_site()`. Every check picks it up in both languages and at both widths.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

ANONYMOUS = "anonymous"
LEARNER = "learner"  # the demo learner: enrolled in the demo course, two lessons done

LEARNER_EMAIL = "leerling@mcmt.example"


@dataclass
class Site:
    course: Any  # launched, free, enrolled in by the learner
    upcoming: Any  # published, opening in a few days: landing page shows the waitlist
    module: Any
    preview_lesson: Any
    lesson: Any  # not a free preview: only for enrolled learners
    quiz: Any
    learner: Any
    subscriber: Any  # on the upcoming course's waitlist
    email_confirmation_key: str  # allauth's key for an unconfirmed address
    quiz_result_token: str = ""  # set once the learner took the quiz (see take_quiz)
    extra: dict[str, Any] = field(default_factory=dict)  # room for later page types


@dataclass(frozen=True)
class PageType:
    name: str
    path: Callable[[Site], str]
    visitor: str = ANONYMOUS
    status: int = 200
    # After opening `path`: get to the page to check (a button that leads to it).
    then: Callable[[Any], None] | None = None


def _submit_main_form(page) -> None:
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _quiz_result_path(site: Site) -> str:
    quiz = site.quiz
    return quiz.get_url() + quiz.reverse_subpage("result", args=[site.quiz_result_token])


PAGE_TYPES: list[PageType] = [
    PageType("home", lambda s: reverse("wagtail_serve", args=[""])),
    PageType("course-before-launch", lambda s: s.upcoming.get_url()),
    PageType("course-after-launch", lambda s: s.course.get_url()),
    PageType("course-enrolled", lambda s: s.course.get_url(), visitor=LEARNER),
    PageType("module", lambda s: s.module.get_url(), visitor=LEARNER),
    PageType("lesson-preview", lambda s: s.preview_lesson.get_url()),
    PageType("lesson-enrolled", lambda s: s.lesson.get_url(), visitor=LEARNER),
    PageType("quiz", lambda s: s.quiz.get_url(), visitor=LEARNER),
    PageType("quiz-result", _quiz_result_path, visitor=LEARNER),
    PageType("dashboard", lambda s: reverse("enrollments:dashboard"), visitor=LEARNER),
    PageType(
        "course-completed",
        lambda s: reverse("certificates:completed", args=[s.upcoming.pk]),
        visitor=LEARNER,
    ),
    PageType(
        "certificate-verify",
        lambda s: reverse("certificates:verify", args=[s.extra["certificate"].code]),
    ),
    PageType("account-name", lambda s: reverse("accounts:name"), visitor=LEARNER),
    PageType("lesson-worksheet", lambda s: s.extra["worksheet_lesson"].get_url(), visitor=LEARNER),
    PageType("plan", lambda s: reverse("plans:plan", args=[s.course.slug]), visitor=LEARNER),
    PageType("plan-print", lambda s: reverse("plans:print", args=[s.course.slug]), visitor=LEARNER),
    PageType("login", lambda s: reverse("account_login")),
    PageType("signup", lambda s: reverse("account_signup")),
    PageType("password-reset", lambda s: reverse("account_reset_password")),
    PageType(
        "confirm-email",
        lambda s: reverse("account_confirm_email", args=[s.email_confirmation_key]),
    ),
    PageType("email", lambda s: reverse("account_email"), visitor=LEARNER),
    PageType("account-delete", lambda s: reverse("accounts:delete"), visitor=LEARNER),
    PageType("waitlist-signup", lambda s: reverse("waitlist:signup", args=[s.upcoming.slug])),
    PageType("waitlist-thanks", lambda s: reverse("waitlist:thanks", args=[s.upcoming.slug])),
    PageType("waitlist-confirm", lambda s: _waitlist_confirm_path(s)),
    PageType("waitlist-confirmed", lambda s: _waitlist_confirm_path(s), then=_submit_main_form),
    PageType("waitlist-unsubscribe", lambda s: _waitlist_unsubscribe_path(s)),
    PageType("error-404", lambda s: reverse("wagtail_serve", args=["bestaat-niet/"]), status=404),
    PageType("error-403", lambda s: reverse("browser_test_403"), status=403),
    PageType("error-500", lambda s: reverse("browser_test_500"), status=500),
]


def _waitlist_confirm_path(site: Site) -> str:
    from waitlist.emails import confirm_token

    return reverse("waitlist:confirm", args=[confirm_token(site.subscriber)])


def _waitlist_unsubscribe_path(site: Site) -> str:
    from waitlist.emails import unsubscribe_token

    return reverse("waitlist:unsubscribe", args=[unsubscribe_token(site.subscriber)])


def build_site() -> Site:
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from core.caching import invalidate_content
    from courses.models import CoursePage, LessonPage, ModulePage, QuizPage
    from tests.factories import SubscriberFactory, UserFactory, build_course

    call_command("seed_demo", "--demo-accounts", verbosity=0, stderr=io.StringIO())
    course = CoursePage.objects.get()
    home = course.get_parent().specific
    upcoming = build_course(
        home,
        modules=2,
        lessons_per_module=2,
        title="Content plannen met het MCMT-model",
        slug="content-plannen",
        launch_at=timezone.now() + timedelta(days=3),
        intro="<p>Een korte cursus over het plannen van content.</p>",
        what_you_will_learn='[{"type": "outcome", "value": "Je plant een maand content."}]',
        instructor_name="Femke Janssen",
    )
    invalidate_content()
    lessons = list(LessonPage.objects.in_course(course))
    newcomer = UserFactory(email="nieuw@example.com", verified_email=False)
    address = EmailAddress.objects.create(
        user=newcomer, email=newcomer.email, verified=False, primary=True
    )
    # The learner completed the (small) upcoming course: its completed page and certificate.
    from enrollments.services import enrollment_create, step_record_done

    learner = get_user_model().objects.get(email=LEARNER_EMAIL)
    finished = enrollment_create(user=learner, course=upcoming)
    for step in LessonPage.objects.in_course(upcoming):
        step_record_done(enrollment=finished, page=step)
    finished.refresh_from_db()
    worksheet_lesson = LessonPage.objects.in_course(course).get(
        slug="social-business-champions-vinden"
    )
    return Site(
        extra={"certificate": finished.certificate, "worksheet_lesson": worksheet_lesson},
        course=course,
        upcoming=upcoming,
        module=ModulePage.objects.child_of(course).order_by("path").first(),
        preview_lesson=next(lesson for lesson in lessons if lesson.free_preview),
        lesson=next(lesson for lesson in lessons[2:] if not lesson.free_preview),
        quiz=QuizPage.objects.descendant_of(course).order_by("path").first(),
        learner=learner,
        subscriber=SubscriberFactory(course=upcoming, confirmed_at=None),
        email_confirmation_key=EmailConfirmationHMAC(address).key,
    )


def take_quiz(page, base_url: str, site: Site) -> None:
    """As the (logged-in) learner: answer the quiz with each question's first answer."""
    page.goto(base_url + site.quiz.get_url())
    for fieldset in page.locator("main form fieldset").all():
        fieldset.locator("input").first.check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/result/[0-9a-f-]+/$"))
    site.quiz_result_token = page.url.rstrip("/").rsplit("/", 1)[1]
