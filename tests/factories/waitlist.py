import factory
from django.utils import timezone

from waitlist.models import CONSENT_VERSION, Announcement, Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.com")
    language = "nl"
    consent_at = factory.LazyFunction(timezone.now)
    consent_version = CONSENT_VERSION
    confirmed_at = factory.LazyFunction(timezone.now)  # pass confirmed_at=None for unconfirmed


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement
        django_get_or_create = ("course",)
