"""Background work for learners, run by Celery. Thin: load by id, call a service."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from . import services
from .models import Enrollment


@shared_task(
    name="enrollments.tasks.send_course_completed_email",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=6,
)
def send_course_completed_email(enrollment_id: int, language: str = "nl") -> bool:
    """The congratulation e-mail for a completed course. Safe to run twice: the service
    sends it once per completion."""
    enrollment = (
        Enrollment.objects.select_related("user", "course").filter(pk=enrollment_id).first()
    )
    if enrollment is None:  # the account was deleted meanwhile
        return False
    return services.course_completed_email_send(enrollment=enrollment, language=language)
