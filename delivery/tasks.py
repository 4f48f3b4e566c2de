"""Celery tasks of the delivery engine: thin wrappers that call a service."""

from __future__ import annotations

import smtplib

from celery import shared_task

from . import services

TEMPORARY = (services.TemporaryDeliveryError, smtplib.SMTPException, OSError)


@shared_task(
    name="delivery.tasks.send_deliveries",
    autoretry_for=TEMPORARY,
    retry_backoff=10,
    retry_backoff_max=600,
    max_retries=8,
)
def send_deliveries(channel: str, group_id: int) -> dict:
    return services.deliveries_send(channel=channel, group_id=group_id)


@shared_task(name="delivery.tasks.requeue_stalled")
def requeue_stalled() -> list:
    return services.deliveries_requeue_stalled()
