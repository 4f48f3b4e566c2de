"""The demo as a whole: the course (`courses.demo`), the demo accounts and the demo
learner's progress (two lessons done, one failed and one passed attempt at the first quiz, so
the gradebook and the quiz statistics have something to show).

The demo accounts have passwords printed in the README, so they are made only where that is
harmless: with DEBUG on (the `make demo` machine), or when asked for by name
(`seed_demo --demo-accounts`, which warns). A production set-up loads the course alone and
creates its own admin with `createsuperuser`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from courses.demo import SeedReport, seed_course
from courses.models import CoursePage, LessonPage, QuizPage
from enrollments import quizzes, services
from enrollments.models import Enrollment, QuizAttempt
from plans.models import PlanAnswer, sheet_key
from plans.services import sheet_save

INSTRUCTORS_GROUP = "Instructors"
OLD_INSTRUCTOR = ("Ilse", "de Vries")  # the demo instructor's name before the course text


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    first_name: str
    last_name: str


DEMO_LOGINS = [
    DemoLogin("instructor", "instructeur@mcmt.example", "mcmt-instructeur", "Femke", "Janssen"),
    DemoLogin("learner", "leerling@mcmt.example", "mcmt-leerling", "Lars", "Jansen"),
    DemoLogin("admin", "admin@mcmt.example", "mcmt-beheerder", "Beheer", "MCMT"),
]


def _accounts(report: SeedReport) -> None:
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    for login in DEMO_LOGINS:
        user = user_model.objects.filter(email__iexact=login.email).first()
        if user is None:
            user = user_model(
                username=login.email.split("@")[0],
                email=login.email,
                first_name=login.first_name,
                last_name=login.last_name,
                is_superuser=login.role == "admin",
                is_staff=login.role == "admin",
            )
            user.set_password(login.password)
            user.save()
            report.add(f"user {login.email}")
        elif login.role == "instructor" and (user.first_name, user.last_name) == OLD_INSTRUCTOR:
            # The course page names its instructor; the demo account is that same person.
            user.first_name, user.last_name = login.first_name, login.last_name
            user.save(update_fields=["first_name", "last_name"])
            report.changed.append(f"renamed {login.email} to {user.get_full_name()}")
        EmailAddress.objects.get_or_create(
            user=user, email=login.email, defaults={"verified": True, "primary": True}
        )
        if login.role == "instructor":
            user.groups.add(Group.objects.get(name=INSTRUCTORS_GROUP))


def _learner_progress(course: CoursePage, report: SeedReport) -> None:
    """The demo learner is enrolled and has finished the first two lessons (idempotent)."""
    learner = get_user_model().objects.get(email__iexact="leerling@mcmt.example")
    enrollment = Enrollment.objects.filter(user=learner, course=course).first()
    if enrollment is None:
        enrollment = services.enrollment_create(user=learner, course=course)
        report.add(f"enrolment {learner.email}")
    if not enrollment.is_active:
        return  # revoked by staff since: leave it so
    for lesson in LessonPage.objects.in_course(course)[:2]:
        services.step_record_done(enrollment=enrollment, page=lesson)
    _learner_quiz_attempts(enrollment, report)
    _learner_plan(enrollment, report)


#: Part of the demo learner's plan: People and their time, so the plan page shows filled
#: parts, empty parts with their lesson, and a time budget (written for the demo).
DEMO_PLAN = {
    "champions": [
        {
            "name": "Noor, accountmanager",
            "why": (
                "Post elke week een eigen kijk op nieuws uit de branche en beantwoordt "
                "vragen van anderen."
            ),
        },
        {
            "name": "Bas, teamleider support",
            "why": "Deelt oplossingen van klantvragen op Yammer, zodat collega's ze terugvinden.",
        },
    ],
    "audiences": [
        {
            "who": "Inkopers bij middelgrote zorginstellingen",
            "what": "Krappe budgetten en nieuwe regels",
            "where": "LinkedIn-groepen over zorginkoop",
            "when": "Dinsdag- en donderdagochtend",
            "why": "Ze zoeken praktijkvoorbeelden van collega-instellingen",
        },
    ],
    "time_capacity": [{"can_hours": 3, "may_hours": 2}],
}


def _learner_plan(enrollment: Enrollment, report: SeedReport) -> None:
    """Fill the demo plan's worksheets that the learner has not filled in themself."""
    existing = set(
        PlanAnswer.objects.filter(user=enrollment.user, course=enrollment.course).values_list(
            "key", flat=True
        )
    )
    for kind, rows in DEMO_PLAN.items():
        if sheet_key(kind) in existing:
            continue
        data = {"rows": str(len(rows))}
        for index, row in enumerate(rows):
            data.update({f"r{index}-{name}": str(value) for name, value in row.items()})
        sheet_save(user=enrollment.user, course=enrollment.course, kind_key=kind, data=data)
        report.add(f"plan answer {kind}")


def _demo_answers(questions: list[quizzes.Question], *, passing: bool) -> dict[str, list[str]]:
    """Every question right (`passing`), or only every third one (a fail)."""
    answers = {}
    for number, question in enumerate(questions):
        right = sorted(question.correct_ids)
        wrong = [a.id for a in question.answers if not a.correct][:1] or right[:1]
        answers[question.id] = right if passing or number % 3 == 0 else wrong
    return answers


def _learner_quiz_attempts(enrollment: Enrollment, report: SeedReport) -> None:
    """A failed and then a passed attempt at the course's first quiz, through the same service
    as a learner's submissions (idempotent: only while the learner has no attempts at all)."""
    if QuizAttempt.objects.filter(enrollment=enrollment).exists():
        return
    quiz = (
        QuizPage.objects.live()
        .descendant_of(enrollment.course)
        .filter(is_final_test=False)
        .order_by("path")
        .first()
    )
    if quiz is None:
        return
    for passing in (False, True):
        token = uuid.uuid4()
        questions = quizzes.questions_for_attempt(quiz=quiz, token=token, enrollment=enrollment)
        try:
            quizzes.quiz_attempt_submit(
                enrollment=enrollment,
                quiz=quiz,
                token=token,
                answers=_demo_answers(questions, passing=passing),
            )
        except quizzes.QuizError:  # a waiting time or an attempt limit set by an instructor
            return
    report.add(f"quiz attempts {enrollment.user.email} at {quiz.title}")


@transaction.atomic
def seed_demo(*, accounts: bool, prelaunch_minutes: int | None = None) -> SeedReport:
    report = SeedReport()
    course = seed_course(report, prelaunch_minutes=prelaunch_minutes)
    if accounts:
        _accounts(report)
        _learner_progress(course, report)
    return report
