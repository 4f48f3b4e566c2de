"""Times as the academy reads them: in its own time zone (settings.TIME_ZONE), with the
zone's abbreviation, so an instructor never has to guess whether 20:37 was UTC."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat, timezone

#: What an empty date shows on an admin screen instead of "None".
EMPTY = "—"

DATETIME_FORMAT = "j F Y, H:i T"


def academy_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def academy_datetime(value: datetime | date | None, fmt: str = DATETIME_FORMAT) -> str:
    """`value` in the academy's zone, e.g. "20 november 2026, 21:37 CET"; "—" when empty."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, academy_zone())
        value = timezone.localtime(value, academy_zone())
        return dateformat.format(value, fmt)
    return dateformat.format(value, "j F Y")
