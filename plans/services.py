"""Every write of a learner's answers, with its validation.

Worksheet answers are merged per field: a form sends each field's value together with the
value it showed when it was loaded (`was:<field>`). A field whose value did not change in
that form keeps what is stored, so two tabs editing different fields both keep their work,
and where both changed the same field the last write wins. Everything is validated before
anything is written: one bad field and nothing of that form is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from courses.worksheets import NUMBER, WorksheetKind, worksheet_kind

from .models import PlanAnswer, exercise_key, sheet_key

TEXT_MAX = 500
EXERCISE_MAX = 5000
WAS = "was:"


class AnswerInvalid(Exception):
    """The answer was refused; `errors` maps each form field name to its message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(str(m) for m in errors.values()))
        self.errors = errors


def field_name(row: int, name: str) -> str:
    return f"r{row}-{name}"


def _number(raw: str, field) -> tuple[int | float | None, str | None]:
    text = raw.strip().replace(",", ".")
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, str(_("Enter a number, for example 4 or 2.5."))
    if not value.is_finite():
        return None, str(_("Enter a number, for example 4 or 2.5."))
    if field.min_value is not None and value < field.min_value:
        return None, str(_("Enter %(min)s or more.") % {"min": field.min_value})
    if field.max_value is not None and value > field.max_value:
        return None, str(_("Enter at most %(max)s.") % {"max": field.max_value})
    value = value.quantize(Decimal("0.1"))
    return (int(value) if value == value.to_integral_value() else float(value)), None


def clean_value(field, raw: str) -> tuple[object, str | None]:
    """A field's stored value from the submitted text, or an error message."""
    if not isinstance(raw, str):
        raw = ""
    if field.type == NUMBER:
        return _number(raw, field)
    text = raw.strip()
    if len(text) > TEXT_MAX:
        return None, str(
            _("Keep it under %(max)d characters (now %(count)d).")
            % {"max": TEXT_MAX, "count": len(text)}
        )
    if field.choices and text and text not in {value for value, _label in field.choices}:
        return None, str(_("Choose one of the options."))
    return text, None


def _is_empty(row: Mapping) -> bool:
    return all(value in ("", None) for value in row.values())


def submitted_rows(kind: WorksheetKind, data: Mapping) -> int:
    """How many rows the form sent (it says so in `rows`; capped to what may be posted)."""
    try:
        count = int(data.get("rows", 0))
    except (TypeError, ValueError):
        count = 0
    return max(0, min(count, 100))


def merge_sheet(
    kind: WorksheetKind, stored: list[dict], data: Mapping
) -> tuple[list[dict], dict[str, str]]:
    """The rows after applying the form's changed fields to `stored`, and the errors."""
    count = submitted_rows(kind, data)
    rows = [dict(row) for row in stored]
    errors: dict[str, str] = {}
    for index in range(count):
        while len(rows) <= index:
            rows.append({name: "" for name in kind.field_names})
        for field in kind.fields:
            name = field_name(index, field.name)
            if name not in data:
                continue
            raw = data.get(name)
            was = data.get(WAS + name)
            if was is not None and raw == was:
                continue  # unchanged in this form: keep what another tab may have saved
            value, error = clean_value(field, raw)
            if error:
                errors[name] = error
            else:
                rows[index][field.name] = "" if value is None else value
    kept = [
        {name: row.get(name, "") for name in kind.field_names}
        for row in rows
        if not _is_empty({name: row.get(name, "") for name in kind.field_names})
    ]
    if len(kept) > kind.max_rows:
        errors["rows"] = str(
            _("At most %(max)d rows; remove %(extra)d.")
            % {"max": kind.max_rows, "extra": len(kept) - kind.max_rows}
        )
    return kept, errors


def sheet_save(*, user, course, kind_key: str, data: Mapping) -> PlanAnswer:
    """Save a worksheet form's changed fields; raise AnswerInvalid (nothing saved) on errors."""
    kind = worksheet_kind(kind_key)
    if kind is None:
        raise AnswerInvalid({"kind": str(_("This worksheet does not exist."))})
    with transaction.atomic():
        answer, _created = PlanAnswer.objects.select_for_update().get_or_create(
            user=user, course=course, key=sheet_key(kind.key), defaults={"data": {"rows": []}}
        )
        rows, errors = merge_sheet(kind, answer.rows, data)
        if errors:
            transaction.set_rollback(True)
            raise AnswerInvalid(errors)
        answer.data = {"rows": rows}
        answer.save(update_fields=["data", "updated_at"])
    return answer


def exercise_save(*, user, course, page, block_id: str, text: str) -> PlanAnswer:
    """Save the learner's answer to one reflection exercise (an empty answer is kept empty)."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if len(text) > EXERCISE_MAX:
        raise AnswerInvalid(
            {
                "answer": str(
                    _("Keep it under %(max)d characters (now %(count)d).")
                    % {"max": EXERCISE_MAX, "count": len(text)}
                )
            }
        )
    answer, _created = PlanAnswer.objects.update_or_create(
        user=user,
        course=course,
        key=exercise_key(page.pk, block_id),
        defaults={"data": {"text": text}, "page_id": page.pk},
    )
    return answer


def answers_delete(*, user) -> int:
    """Delete every answer of this user (account deletion)."""
    deleted, _detail = PlanAnswer.objects.filter(user=user).delete()
    return deleted
