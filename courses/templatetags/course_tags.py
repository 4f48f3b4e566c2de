"""How the course's figures are said, the same on every page: "12 lessons and 4 quizzes,
about 3 h 5 min"."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration(minutes) -> str:
    """45 → "45 min", 185 → "3 h 5 min", 120 → "2 h"."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


@register.simple_tag
def step_summary(figures) -> str:
    """A course's or module's lessons, quizzes and time (`courses.outline.StepFigures`)."""
    lessons = ngettext("%(count)d lesson", "%(count)d lessons", figures.lesson_count) % {
        "count": figures.lesson_count
    }
    parts = [lessons]
    if figures.quiz_count:
        parts.append(
            ngettext("%(count)d quiz", "%(count)d quizzes", figures.quiz_count)
            % {"count": figures.quiz_count}
        )
    counted = (
        _("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}
        if len(parts) == 2
        else parts[0]
    )
    return _("%(steps)s, about %(time)s") % {"steps": counted, "time": duration(figures.minutes)}


@register.filter
def lookup(mapping, key):
    """`mapping[key]`, or "" when the mapping or the key is missing (for per-item extras that
    other apps hand a template as a dict)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
