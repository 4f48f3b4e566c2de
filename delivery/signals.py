"""Bridges: anymail's bounce and complaint reports, and the language of each log-in."""

from anymail.signals import tracking
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from . import preferences

SUPPRESSING_EVENTS = {"bounced", "complained", "rejected"}


@receiver(tracking)
def mail_tracking_event(sender, event, esp_name, **kwargs) -> None:
    if event.event_type in SUPPRESSING_EVENTS and event.recipient:
        preferences.address_suppress(email=event.recipient, reason=event.event_type)


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs) -> None:
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    if language:
        preferences.language_record(user=user, language=language)
