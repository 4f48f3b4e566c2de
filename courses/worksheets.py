"""The worksheet kinds a lesson can hold: which MCMT pillar each one fills, and its rows.

Plain data, with no models and no learner state, so that both sides can read it: the
`worksheet` lesson block (courses/blocks.py) offers these kinds to authors, and the learner's
plan (another app) builds its answer forms, validation and plan page from the same schema.

A worksheet is a table: the learner adds rows (between `min_rows` and `max_rows`), and every
row has the kind's fields. A field's `type` is "text" or "number"; numbers carry their limits
(`min_value`, `max_value`); a text field may offer `choices` (value, label).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

TEXT = "text"
NUMBER = "number"

HOURS_PER_WEEK_MAX = 168
MINUTES_PER_WEEK_MAX = HOURS_PER_WEEK_MAX * 60


@dataclass(frozen=True)
class WorksheetField:
    name: str
    label: str
    type: str = TEXT
    min_value: int | None = None
    max_value: int | None = None
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class WorksheetKind:
    key: str
    pillar: str  # a courses.models.Pillar value
    label: str
    fields: tuple[WorksheetField, ...]
    min_rows: int = 1
    max_rows: int = 12
    help_text: str = ""

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> WorksheetField | None:
        return next((f for f in self.fields if f.name == name), None)


# The three pillars an activity can serve; Time is the budget they share, not an activity.
ACTIVITY_PILLARS = (
    ("people", _("People")),
    ("content", _("Content")),
    ("means", _("Means")),
)

WORKSHEET_KINDS: tuple[WorksheetKind, ...] = (
    WorksheetKind(
        key="champions",
        pillar="people",
        label=_("Champions"),
        help_text=_("Colleagues who could lead the way, and why."),
        fields=(
            WorksheetField("name", _("Name or role")),
            WorksheetField("why", _("Why this person")),
        ),
        max_rows=10,
    ),
    WorksheetKind(
        key="audiences",
        pillar="people",
        label=_("Audiences"),
        help_text=_("Each audience with the five questions: who, what, where, when, why."),
        fields=(
            WorksheetField("who", _("Who they are")),
            WorksheetField("what", _("What occupies them")),
            WorksheetField("where", _("Where they are online")),
            WorksheetField("when", _("When they are there")),
            WorksheetField("why", _("Why they are there")),
        ),
        max_rows=6,
    ),
    WorksheetKind(
        key="content_themes",
        pillar="content",
        label=_("Content themes"),
        help_text=_("Themes and formats per audience, and what each offers the reader."),
        fields=(
            WorksheetField("theme", _("Theme")),
            WorksheetField("audience", _("Audience")),
            WorksheetField("format", _("Format")),
            WorksheetField("offers", _("What it offers the reader")),
        ),
        max_rows=8,
    ),
    WorksheetKind(
        key="content_calendar",
        pillar="content",
        label=_("Content calendar (4 weeks)"),
        help_text=_("One row per week: theme, channel, format and who makes it."),
        fields=(
            WorksheetField("week", _("Week"), NUMBER, min_value=1, max_value=4),
            WorksheetField("theme", _("Theme")),
            WorksheetField("channel", _("Channel")),
            WorksheetField("format", _("Format")),
            WorksheetField("who", _("Who")),
        ),
        min_rows=4,
        max_rows=4,
    ),
    WorksheetKind(
        key="channels",
        pillar="means",
        label=_("Channels and tools"),
        help_text=_("Each chosen channel or tool, its purpose and who runs it."),
        fields=(
            WorksheetField("channel", _("Channel or tool")),
            WorksheetField("purpose", _("Purpose")),
            WorksheetField("who", _("Who runs it")),
        ),
        max_rows=8,
    ),
    WorksheetKind(
        key="time_capacity",
        pillar="time",
        label=_("Time you can and may spend"),
        help_text=_(
            "Hours per week you can spend, and hours per week your organisation allows. "
            "The smaller of the two is your budget."
        ),
        fields=(
            WorksheetField(
                "can_hours",
                _("Hours per week I can spend"),
                NUMBER,
                min_value=0,
                max_value=HOURS_PER_WEEK_MAX,
            ),
            WorksheetField(
                "may_hours",
                _("Hours per week my organisation allows"),
                NUMBER,
                min_value=0,
                max_value=HOURS_PER_WEEK_MAX,
            ),
        ),
        min_rows=1,
        max_rows=1,
    ),
    WorksheetKind(
        key="fixed_moments",
        pillar="time",
        label=_("Fixed moments"),
        help_text=_("Fixed moments in your week and what you do then."),
        fields=(
            WorksheetField("moment", _("Moment (day and time)")),
            WorksheetField("what", _("What happens then")),
        ),
        max_rows=10,
    ),
    WorksheetKind(
        key="activities",
        pillar="time",
        label=_("Planned activities"),
        help_text=_("Each planned activity, the pillar it serves and its minutes per week."),
        fields=(
            WorksheetField("activity", _("Activity")),
            WorksheetField("pillar", _("Pillar"), choices=ACTIVITY_PILLARS),
            WorksheetField(
                "minutes_per_week",
                _("Minutes per week"),
                NUMBER,
                min_value=0,
                max_value=MINUTES_PER_WEEK_MAX,
            ),
        ),
        max_rows=15,
    ),
)

KINDS_BY_KEY: dict[str, WorksheetKind] = {kind.key: kind for kind in WORKSHEET_KINDS}


def worksheet_kind(key: str) -> WorksheetKind | None:
    return KINDS_BY_KEY.get(key)


PILLAR_LABELS = {
    "people": _("People"),
    "content": _("Content"),
    "means": _("Means"),
    "time": _("Time"),
}


def worksheet_choices() -> list[tuple[str, str]]:
    """(key, "Pillar: label") pairs for the block's kind chooser, in course order."""
    return [
        (kind.key, format_lazy("{}: {}", PILLAR_LABELS[kind.pillar], kind.label))
        for kind in WORKSHEET_KINDS
    ]
