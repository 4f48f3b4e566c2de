"""Celery tasks for payments: thin wrappers around enrollments.orders, safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from . import orders


@shared_task(
    name="enrollments.payment_tasks.send_payment_welcome",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=6,
)
def send_payment_welcome(order_id: int) -> bool:
    return orders.order_welcome_email_send(order_id=order_id)


@shared_task(name="enrollments.payment_tasks.reconcile_checkout_sessions")
def reconcile_checkout_sessions() -> int:
    """Beat, every few minutes: paid but not enrolled must never last."""
    return orders.orders_reconcile()
