"""Celery tasks for the waitlist: thin wrappers that take an id and call a service."""

from __future__ import annotations

import smtplib

from celery import shared_task

from . import services

_TEMPORARY = (services.TemporaryDeliveryError, smtplib.SMTPException, OSError)


@shared_task(
    name="waitlist.tasks.send_confirmation",
    autoretry_for=_TEMPORARY,
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=6,
)
def send_confirmation(subscriber_id: int) -> bool:
    return services.confirmation_send(subscriber_id=subscriber_id)


@shared_task(name="waitlist.tasks.dispatch_announcement")
def dispatch_announcement(course_id: int) -> int:
    from courses.models import CoursePage

    course = CoursePage.objects.filter(pk=course_id).first()
    return services.announcement_dispatch(course=course) if course is not None else 0


@shared_task(
    name="waitlist.tasks.send_announcement",
    autoretry_for=_TEMPORARY,
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=8,
)
def send_announcement(announcement_id: int) -> dict:
    return services.announcement_send(announcement_id=announcement_id)


@shared_task(name="waitlist.tasks.dispatch_due_announcements")
def dispatch_due_announcements() -> int:
    return services.announcements_dispatch_due()


@shared_task(name="waitlist.tasks.requeue_stalled_announcements")
def requeue_stalled_announcements() -> list[int]:
    return services.announcements_requeue_stalled()
