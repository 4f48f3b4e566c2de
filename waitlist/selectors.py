"""Reads about a course's waitlist that span several tables."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q

from .models import Delivery, Subscriber


def waitlist_funnel(*, course, since: datetime | None = None, until: datetime | None = None):
    """How far the people who signed up in the period got: signed up, confirmed, were told
    of the launch, made an account with the same address. Two queries."""
    people = Subscriber.objects.filter(course=course)
    if since is not None:
        people = people.filter(created_at__gte=since)
    if until is not None:
        people = people.filter(created_at__lt=until)
    accounts = get_user_model().objects.filter(email__iexact=OuterRef("email_normalised"))
    announced = Delivery.objects.filter(subscriber=OuterRef("pk"), status=Delivery.Status.SENT)
    counts = people.annotate(
        has_account=Exists(accounts), was_announced=Exists(announced)
    ).aggregate(
        signups=Count("id"),
        confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
        announced=Count("id", filter=Q(was_announced=True)),
        accounts=Count("id", filter=Q(has_account=True)),
    )
    return counts
