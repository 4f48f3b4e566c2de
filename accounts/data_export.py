""" "Download my data": everything the platform keeps about one person, as JSON.

Built here because accounts sits above every app that stores personal data (layer order in
pyproject.toml), so it may read them all: profile, e-mail addresses, enrolments and their
progress, quiz attempts, orders, plan answers, mail settings and waitlist sign-ups. Only the
person themself downloads it (the view serves request.user only, never cached).
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress

from delivery.models import MailLanguage, OptOut
from enrollments.models import Enrollment, QuizAttempt, StepProgress
from payments.models import Order
from plans.models import PlanAnswer
from waitlist.models import Subscriber, normalise_email


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(*, user) -> dict[str, Any]:
    addresses = list(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    emails = {normalise_email(a) for a in [user.email, *addresses] if a}
    enrollments = list(Enrollment.objects.filter(user=user).select_related("course"))
    language = MailLanguage.objects.filter(user=user).values_list("language", flat=True).first()
    return {
        "profile": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "email_addresses": addresses,
        "enrolments": [
            {
                "course": e.course.title,
                "status": e.status,
                "source": e.source,
                "enrolled_at": _when(e.created_at),
                "completed_at": _when(e.completed_at),
                "last_active_at": _when(e.last_active_at),
            }
            for e in enrollments
        ],
        "progress": [
            {
                "course": p.enrollment.course.title,
                "step": p.page.title,
                "done_at": _when(p.completed_at),
            }
            for p in StepProgress.objects.filter(enrollment__user=user).select_related(
                "enrollment__course", "page"
            )
        ],
        "quiz_attempts": [
            {
                "quiz": a.quiz.title,
                "number": a.number,
                "score": a.score,
                "passed": a.passed,
                "answers": a.answers,
                "submitted_at": _when(a.submitted_at),
            }
            for a in QuizAttempt.objects.filter(enrollment__user=user).select_related("quiz")
        ],
        "orders": [
            {
                "reference": str(o.reference),
                "course": o.course.title,
                "status": o.status,
                "amount": str(o.amount),
                "currency": o.currency,
                "created_at": _when(o.created_at),
                "paid_at": _when(o.paid_at),
            }
            for o in Order.objects.filter(user=user).select_related("course")
        ],
        "plan_answers": [
            {
                "course": a.course.title,
                "about": a.key,
                "answer": a.data,
                "updated_at": _when(a.updated_at),
            }
            for a in PlanAnswer.objects.filter(user=user).select_related("course").order_by("pk")
        ],
        "mail": {
            "language": language,
            "opted_out_of": list(OptOut.objects.filter(user=user).values_list("topic", flat=True)),
        },
        "waitlist": [
            {
                "course": s.course.title,
                "name": s.name,
                "email": s.email,
                "signed_up_at": _when(s.created_at),
            }
            for s in Subscriber.objects.filter(email_normalised__in=emails).select_related("course")
        ],
    }
