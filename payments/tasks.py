"""Celery tasks for payments: thin wrappers around payments.services, safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    name="payments.tasks.send_payment_welcome",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=6,
)
def send_payment_welcome(order_id: int) -> bool:
    return services.order_welcome_email_send(order_id=order_id)


@shared_task(name="payments.tasks.reconcile_checkout_sessions")
def reconcile_checkout_sessions() -> int:
    """Beat, every few minutes: paid but not enrolled must never last."""
    return services.orders_reconcile()


# Messages queued by the release before the payments app existed carry the old task names;
# a worker of this release still runs them (the welcome mail must not be lost in a deploy).
shared_task(name="enrollments.payment_tasks.send_payment_welcome")(send_payment_welcome.run)
shared_task(name="enrollments.payment_tasks.reconcile_checkout_sessions")(
    reconcile_checkout_sessions.run
)
