"""Social proof on a course's landing page: how many learners are enrolled.

Shown only from `SOCIAL_PROOF_MIN_LEARNERS` up (default 20): "3 learners enrolled" says
more against a course than for it. One COUNT query on the (course, status) index. The
anonymous landing page is cached whole (courses/page_cache.py), so visitors may see a
number a few minutes old; that is fine for "about how many people took this course".
"""

from __future__ import annotations

from django import template
from django.conf import settings

from enrollments.models import Enrollment

register = template.Library()


@register.simple_tag
def enrolled_learners(course) -> int | None:
    """The number of learners actively enrolled in `course`, or None while it is below the
    threshold (then the page says nothing about it)."""
    count = Enrollment.objects.filter(course_id=course.pk, status=Enrollment.Status.ACTIVE).count()
    return count if count >= settings.SOCIAL_PROOF_MIN_LEARNERS else None
