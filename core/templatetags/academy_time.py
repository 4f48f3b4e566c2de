"""`{% load academy_time %}` then `{{ value|academy_datetime }}`: see core/times.py."""

from django import template

from core.times import DATETIME_FORMAT
from core.times import academy_datetime as _academy_datetime

register = template.Library()


@register.filter
def academy_datetime(value, fmt: str = DATETIME_FORMAT) -> str:
    return _academy_datetime(value, fmt)
