"""Every e-mail the platform sends is built here, the same way:

- a plain-text and an HTML part, from `templates/emails/<name>.txt` and `.html`, which extend
  the shared layout `emails/base.txt` / `emails/base.html`;
- in the recipient's language (the template, the subject and the links);
- greeting the recipient by name (`greeting_name`), with a neutral greeting when there is no
  name: never by e-mail address;
- with absolute links built from `SITE_URL` (`absolute_url`);
- with the platform's subject prefix (`MAIL_SUBJECT_PREFIX`);
- with `List-Unsubscribe` and one-click `List-Unsubscribe-Post` headers (RFC 8058) when the
  mail carries an unsubscribe link.

`send_once` sends a mail at most once per stamp on a database row.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation


def absolute_url(path_or_url: str) -> str:
    """`path_or_url` as an absolute address on the site (SITE_URL), for links in mail."""
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.SITE_URL + (path_or_url if path_or_url.startswith("/") else f"/{path_or_url}")


def reverse_absolute(viewname: str, *, language: str, args=None, kwargs=None) -> str:
    """An absolute URL of a named view in `language` (Dutch at /, English under /en/)."""
    with translation.override(language):
        return absolute_url(reverse(viewname, args=args, kwargs=kwargs))


def greeting_name(user) -> str:
    """The name to greet a person by: their first name, else their full name, else ""."""
    if user is None:
        return ""
    first = (getattr(user, "first_name", "") or "").strip()
    if first:
        return first
    full = getattr(user, "get_full_name", None)
    return (full() if callable(full) else "").strip()


def subject_line(subject: str) -> str:
    prefix = settings.MAIL_SUBJECT_PREFIX
    return subject if not prefix or subject.startswith(prefix) else f"{prefix}{subject}"


def build(
    *,
    template: str,
    to: str,
    subject: str,
    language: str,
    context: dict[str, Any] | None = None,
    name: str = "",
    unsubscribe_url: str = "",
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """One mail from `emails/<template>.txt|.html`, rendered in `language`.

    `subject` is given already translated (callers build it inside the same language), so
    a subject with the recipient's data in it reads naturally. `name` is the greeting name
    ("" for a neutral greeting). The templates get `subject`, `name` and `unsubscribe_url`
    besides `context`.
    """
    all_headers = dict(headers or {})
    if unsubscribe_url:
        all_headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        all_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    with translation.override(language):
        full_context = {
            **(context or {}),
            "subject": subject,
            "name": name,
            "unsubscribe_url": unsubscribe_url,
            "site_url": settings.SITE_URL,
        }
        text = render_to_string(f"emails/{template}.txt", full_context)
        html = render_to_string(f"emails/{template}.html", full_context)
    message = EmailMultiAlternatives(
        subject=subject_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=all_headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_once(row: models.Model, sent_field: str, message: EmailMultiAlternatives) -> bool:
    """Send `message` unless `row.<sent_field>` says it went already. False when it had.

    The stamp is claimed first with a conditional UPDATE that commits at once, so a second
    run of the task (a redelivery, a retry racing the first) finds it and sends nothing, and
    no lock is held while the mail server is talked to (on SQLite that would block every
    writer). If sending fails the stamp is taken back and the task's retry sends it. Only a
    worker killed between the claim and the hand-over loses this one mail; nothing sends it
    twice. The stamp lives in the row, so unlike a cache marker it survives a cache flush."""
    manager = type(row)._default_manager
    claimed = manager.filter(pk=row.pk, **{f"{sent_field}__isnull": True}).update(
        **{sent_field: timezone.now()}
    )
    if not claimed:
        return False
    try:
        message.send()
    except BaseException:
        manager.filter(pk=row.pk).update(**{sent_field: None})
        raise
    return True
