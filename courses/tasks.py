"""Periodic work for the course tree, run by Celery beat."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="courses.tasks.publish_scheduled_pages")
def publish_scheduled_pages() -> None:
    """Wagtail's scheduled publishing ("go-live date"), driven by beat every minute.

    Wagtail's command is idempotent: a revision is published once and then cleared.
    """
    call_command("publish_scheduled")
