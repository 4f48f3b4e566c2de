"""Drip release in templates: when a module opens for the visitor (enrollments.access)."""

from __future__ import annotations

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def module_opening(module, locked=None, enrolled=False):
    """When `module` opens for the visitor, if later than now: from `locked` (module id ->
    opening moment, for an enrolled learner), or for anyone else from a fixed opening date.
    None when it is open (or opens a number of days after an enrolment they do not have)."""
    if enrolled:
        return (locked or {}).get(module.id)
    if module.release == "date" and module.release_at and module.release_at > timezone.now():
        return module.release_at
    return None
