"""Background work for accounts, run by Celery: thin, safe to run twice."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    name="accounts.tasks.send_invitation",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=6,
)
def send_invitation(invitation_id: int) -> bool:
    return services.invitation_send(invitation_id=invitation_id)
