from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context) -> list[dict[str, str]]:
    """The current page in every other interface language, as plain links.

    Languages live in the URL (/ for Dutch, /en/ for English), so switching is a link: it
    needs no form or CSRF token, which keeps anonymous pages cacheable.
    """
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = translation.get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": translate_url(path, code)})
    return links
