from django import template

from plans.selectors import hours_text, plan_state_text

register = template.Library()


@register.filter
def hours(minutes) -> str:
    return hours_text(minutes or 0)


@register.filter
def plan_state(plan) -> str:
    return plan_state_text(plan)


@register.filter
def row_cells(row: dict, kind) -> list[tuple[str, object]]:
    """A worksheet row's filled fields as (label, value), in the kind's order."""
    return [(f.label, row.get(f.name)) for f in kind.fields if row.get(f.name) not in ("", None)]
