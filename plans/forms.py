"""The answer forms' view models: what the templates need to draw a worksheet or a reflection
form (values, the value each field showed when loaded, and the errors of a refused post)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString

from core.frames import slot
from courses.worksheets import NUMBER, WorksheetKind

from .models import PlanAnswer
from .services import TEXT_MAX, WAS, field_name

#: Where a refused plain (non-JavaScript) post leaves its values and errors for the next page.
FLASH_SESSION_KEY = "plans_refused"


@dataclass
class Cell:
    name: str
    label: str
    value: object
    was: object
    type: str
    error: str = ""
    choices: tuple = ()
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = TEXT_MAX

    @property
    def was_name(self) -> str:
        return WAS + self.name

    @property
    def is_number(self) -> bool:
        return self.type == NUMBER


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def cells_html(form_id: str, cells: list[Cell]) -> SafeString:
    """One worksheet row's cells: label, the value shown ("was"), the field and its error.

    Written out here rather than as a template loop: a sheet has dozens of cells, and the
    template engine spent about 30 µs on each (a tenth of the learner's lesson page). Every
    value is escaped; the markup is what plans/includes/sheet_form.html had in its loop.
    """
    parts = []
    for cell in cells:
        name, field_id = _e(cell.name), f"{_e(form_id)}-{_e(cell.name)}"
        invalid = " is-invalid" if cell.error else ""
        parts.append(
            f'<div class="col-12 col-md">'
            f'<label class="form-label small" for="{field_id}">{_e(cell.label)}</label>'
            f'<input type="hidden" name="{_e(cell.was_name)}" value="{_e(cell.was)}">'
        )
        if cell.choices:
            parts.append(
                f'<select class="form-select form-select-sm{invalid}" id="{field_id}" '
                f'name="{name}" aria-describedby="{field_id}-error">'
                '<option value="">—</option>'
            )
            for value, label in cell.choices:
                selected = " selected" if cell.value == value else ""
                parts.append(f'<option value="{_e(value)}"{selected}>{_e(label)}</option>')
            parts.append("</select>")
        else:
            extra = ' inputmode="decimal"' if cell.is_number else f' maxlength="{cell.max_length}"'
            aria = ' aria-invalid="true"' if cell.error else ""
            parts.append(
                f'<input class="form-control form-control-sm{invalid}" id="{field_id}" '
                f'name="{name}" value="{_e(cell.value)}"{extra} '
                f'aria-describedby="{field_id}-error"{aria}>'
            )
        parts.append(
            f'<div class="invalid-feedback d-block small" id="{field_id}-error" '
            f'data-error-for="{name}">{_e(cell.error)}</div></div>'
        )
    # Every piece above is either fixed markup or passed through escape().
    return SafeString("".join(parts))  # nosec B703


@dataclass
class SheetForm:
    kind: WorksheetKind
    form_id: str
    action: str
    next_url: str
    rows: list[list[Cell]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def max_rows(self) -> int:
        return self.kind.max_rows

    @property
    def rows_html(self) -> list[SafeString]:
        return [cells_html(self.form_id, cells) for cells in self.rows]

    @property
    def form_error(self) -> str:
        return self.errors.get("rows", "")


@dataclass(frozen=True)
class SheetShell:
    """A sheet form as its template sees it, with markers for what the learner typed: the
    same for every learner with as many rows (and an error or not), so rendered once
    (`core.frames.render_kept`). The markers stand for `SheetForm`'s rows and error."""

    action: str
    form_id: str
    next_url: str
    max_rows: int
    row_count: int
    form_error: str
    rows_html: tuple[str, ...]

    @classmethod
    def of(cls, form: SheetForm) -> tuple[SheetShell, dict[str, str]]:
        """The shell of `form`, and the values for its markers."""
        shell = cls(
            action=form.action,
            form_id=form.form_id,
            next_url=form.next_url,
            max_rows=form.max_rows,
            row_count=form.row_count,
            form_error=slot("form_error") if form.form_error else "",
            rows_html=tuple(slot(f"row{index}") for index in range(form.row_count)),
        )
        fills = {f"row{index}": html for index, html in enumerate(form.rows_html)}
        fills["form_error"] = form.form_error
        return shell, fills


def _show(value) -> str:
    if value is None:
        return ""
    return str(value)


def sheet_form(
    *,
    kind: WorksheetKind,
    answer: PlanAnswer | None,
    action: str,
    next_url: str,
    form_id: str,
    refused: dict | None = None,
) -> SheetForm:
    stored = answer.rows if answer else []
    values = (refused or {}).get("values", {})
    errors = (refused or {}).get("errors", {})
    count = max(kind.min_rows, min(kind.max_rows, len(stored) + 1))
    with contextlib.suppress(TypeError, ValueError):
        count = max(count, min(kind.max_rows, int(values.get("rows", 0))))
    form = SheetForm(kind=kind, form_id=form_id, action=action, next_url=next_url, errors=errors)
    for index in range(count):
        row = stored[index] if index < len(stored) else {}
        cells = []
        for f in kind.fields:
            name = field_name(index, f.name)
            was = _show(row.get(f.name, ""))
            cells.append(
                Cell(
                    name=name,
                    label=str(f.label),
                    value=values.get(name, was),
                    was=was,
                    type=f.type,
                    error=errors.get(name, ""),
                    choices=f.choices,
                    min_value=f.min_value,
                    max_value=f.max_value,
                )
            )
        form.rows.append(cells)
    return form
