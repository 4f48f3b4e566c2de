import re
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from wagtail.rich_text import expand_db_html

from core import urlconf as core_urlconf
from core.urls import kept_reverse

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% url name %}` for a URL without arguments, kept per process (`core.urls`)."""
    return kept_reverse(name)


@register.simple_tag
def admin_home_url() -> str:
    """The link into Wagtail's admin on public pages: admin URL names do not reverse while a
    public request is handled (core/urlconf.py)."""
    return core_urlconf.admin_home_url()


@register.simple_tag(takes_context=True)
def other_languages(context) -> list[dict[str, str]]:
    """The current page in every other interface language, as plain links.

    Languages live in the URL (/ for Dutch, /en/ for English), so switching is a link: it
    needs no form or CSRF token, which keeps anonymous pages cacheable.
    """
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    return _other_languages(path, translation.get_language())


@lru_cache(maxsize=4096)
def _other_languages(path: str, current: str) -> list[dict[str, str]]:
    # translate_url resolves the path and reverses it in each language (about 80 µs). Its
    # answer depends on the URL configuration alone (Wagtail's pages sit behind one catch-all
    # pattern, so a slug is never translated), which is fixed while the process runs: kept
    # per process, shared by every visitor of the path. Callers only read the list.
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = translation.get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": translate_url(path, code)})
    return links


def _content_language() -> str:
    """The language the course text is written in (the interface may be another)."""
    return settings.WAGTAIL_CONTENT_LANGUAGES[0][0]


@register.simple_tag
def content_lang() -> SafeString:
    """`lang="nl"` on an element holding course text, when the interface around it is in
    another language (the English pages show the Dutch course); nothing otherwise."""
    code = _content_language()
    if translation.get_language() == code:
        return SafeString("")
    return format_html('lang="{}"', code)


@register.filter
def content_span(text) -> SafeString:
    """Course text inside a sentence of the interface (a title in "Waitlist for …"), marked
    with its language when that differs from the interface's."""
    code = _content_language()
    if translation.get_language() == code:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', code, text)


_FIRST_PARAGRAPH = re.compile(r"\s*<p\b[^>]*>.*?</p>", re.DOTALL)


@register.simple_tag
def intro_parts(intro: str) -> dict[str, SafeString]:
    """A rich-text introduction split into its first paragraph (`lead`, shown above the call
    to action) and the rest (`rest`, further down the page)."""
    html = expand_db_html(intro or "").strip()
    match = _FIRST_PARAGRAPH.match(html)
    # The intro is rich text that Wagtail's editor whitelisted on save; expand_db_html only
    # swaps its link and embed references for markup Wagtail builds itself.
    if not match:
        return {"lead": SafeString(html), "rest": SafeString("")}  # nosec B703
    lead, rest = match.group(0), html[match.end() :].strip()
    return {"lead": SafeString(lead), "rest": SafeString(rest)}  # nosec B703


@register.filter
def with_zone(value, format_string: str = "j F Y, H:i") -> str:
    """A moment in the academy's time zone, with the zone: "3 maart 2026, 21:36 CET" (CEST
    in summer). Used wherever the site shows a visitor a time of day."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, format_string)} {local.tzname()}"
