"""`{% name_prompt %}`: on the dashboard, ask an account without a name for one, until the
learner gives it or says "not now" (a cookie, so no database field is needed)."""

from __future__ import annotations

from django import template

register = template.Library()

NAME_PROMPT_COOKIE = "name_prompt"  # the same as accounts.views.NAME_PROMPT_COOKIE


@register.inclusion_tag("accounts/includes/name_prompt.html", takes_context=True)
def name_prompt(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    show = bool(
        user is not None
        and user.is_authenticated
        and not (user.first_name or user.last_name).strip()
        and request.COOKIES.get(NAME_PROMPT_COOKIE) != "dismissed"
    )
    return {"show": show, "request": request}
