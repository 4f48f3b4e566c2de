"""Celery tasks of outreach: thin wrappers that call a service."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="outreach.tasks.dispatch_message")
def dispatch_message(message_id: int) -> int:
    return services.message_dispatch(message_id=message_id)


@shared_task(name="outreach.tasks.dispatch_due_messages")
def dispatch_due_messages() -> list[int]:
    return services.messages_dispatch_due()


@shared_task(name="outreach.tasks.dispatch_reminders")
def dispatch_reminders() -> dict:
    return {str(k): v for k, v in services.reminders_dispatch().items()}
