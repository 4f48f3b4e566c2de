"""Bridges from Wagtail (publishing) and anymail (bounces) to the waitlist's services."""

from anymail.signals import tracking
from django.dispatch import receiver
from wagtail.signals import page_published

from courses.models import CoursePage

from . import services

SUPPRESSING_EVENTS = {"bounced", "complained", "rejected"}


@receiver(page_published)
def course_published(sender, instance, **kwargs) -> None:
    # Also fires for Wagtail's scheduled publishing (go-live date), run by Celery beat.
    if isinstance(instance, CoursePage):
        services.announcement_schedule(course_id=instance.pk)


@receiver(tracking)
def mail_tracking_event(sender, event, esp_name, **kwargs) -> None:
    if event.event_type in SUPPRESSING_EVENTS and event.recipient:
        services.address_suppress(email=event.recipient, reason=event.event_type)
