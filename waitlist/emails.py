"""Signed links and the waitlist's e-mails, built with the platform's mail module
(`core.mail`: plain text + HTML in the shared layout, the subscriber's language, absolute
links, List-Unsubscribe headers)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core import mail
from courses.outline import course_outline
from payments.services import early_bird_code

from .models import Announcement, Subscriber

CONFIRM_SALT = "waitlist.confirm"
UNSUBSCRIBE_SALT = "waitlist.unsubscribe"


# --- Signed tokens ----------------------------------------------------------------------------


def confirm_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {"s": subscriber.pk, "e": subscriber.email_normalised}, compress=True
    )


def read_confirm_token(token: str) -> dict:
    """The signed payload; raises signing.BadSignature (or SignatureExpired, a subclass)."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
        token, max_age=settings.WAITLIST_CONFIRM_MAX_AGE
    )


def unsubscribe_token(subscriber: Subscriber) -> str:
    # No expiry: an unsubscribe link in an old mail must keep working.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"s": subscriber.pk}, compress=True)


def read_unsubscribe_token(token: str) -> dict:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)


def confirm_url(subscriber: Subscriber) -> str:
    return mail.reverse_absolute(
        "waitlist:confirm", language=subscriber.language, args=[confirm_token(subscriber)]
    )


def unsubscribe_url(subscriber: Subscriber) -> str:
    return mail.reverse_absolute(
        "waitlist:unsubscribe", language=subscriber.language, args=[unsubscribe_token(subscriber)]
    )


def course_url(course, language: str = settings.LANGUAGE_CODE) -> str:
    """The course's landing page, in `language` (English pages live under /en/)."""
    with translation.override(language):
        return mail.absolute_url(course.get_url() or "/")


def start_url(course, language: str = settings.LANGUAGE_CODE, *, has_account: bool = False):
    """Straight to the first lesson, in `language`. Through sign-up (or log-in, for an address
    that has an account) with `next=`: a visitor who is logged in already is sent straight on
    by allauth, one who is not arrives at the lesson right after signing up."""
    with translation.override(language):
        outline = course_outline(course)
        first = outline.items[0].url if outline.items else course.get_url() or "/"
        view = "account_login" if has_account else "account_signup"
        return mail.absolute_url(f"{reverse(view)}?{urlencode({'next': first})}")


# --- Messages ---------------------------------------------------------------------------------


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    course = subscriber.course
    with translation.override(subscriber.language):
        subject = _("Confirm your place on the waitlist for %(course)s") % {"course": course.title}
    return mail.build(
        template="waitlist_confirm",
        to=subscriber.email,
        subject=subject,
        language=subscriber.language,
        name=subscriber.name,
        context={
            "course_title": course.title,
            "confirm_url": confirm_url(subscriber),
            "valid_days": settings.WAITLIST_CONFIRM_MAX_AGE // 86400,
        },
        unsubscribe_url=unsubscribe_url(subscriber),
    )


def fill_placeholders(
    text: str, *, name: str, course_title: str, link: str, start: str = ""
) -> str:
    # Plain replacement, not str.format: an instructor's stray brace must not break a send.
    return (
        text.replace("{name}", name)
        .replace("{course_url}", link)
        .replace("{start_url}", start or link)
        .replace("{course}", course_title)
    )


def _early_bird_code(announcement: Announcement) -> str | None:
    """The instructor's launch promotion code for a paid course; looked up once per send."""
    if not hasattr(announcement, "_early_bird_code"):
        course = announcement.course
        announcement._early_bird_code = None if course.is_free else early_bird_code()
    return announcement._early_bird_code


def announcement_message(
    announcement: Announcement,
    subscriber: Subscriber | None = None,
    *,
    to: str = "",
    name: str = "",
    language: str = "nl",
) -> EmailMultiAlternatives:
    """The launch mail for one subscriber (or, for an instructor's test, a bare address),
    with its links in the subscriber's language: the landing page ({course_url}) and the
    first lesson through sign-up ({start_url})."""
    course = announcement.course
    has_account = False
    if subscriber is not None:
        to, name, language = subscriber.email, subscriber.name, subscriber.language
        has_account = getattr(subscriber, "has_account", False)
    link = course_url(course, language)
    start = start_url(course, language, has_account=has_account)
    values = {"name": name, "course_title": course.title, "link": link, "start": start}
    with translation.override(language):
        # Inside the override: an empty subject or message means the standard text, which
        # is translated here, in the subscriber's language.
        body = fill_placeholders(announcement.body_text(), **values)
        subject = fill_placeholders(announcement.subject_text(), **values)
    return mail.build(
        template="waitlist_announcement",
        to=to,
        subject=subject,
        language=language,
        name=name,
        context={
            "body": body,
            "course_title": course.title,
            "course_url": link,
            "start_url": start,
            "early_bird_code": _early_bird_code(announcement),
        },
        unsubscribe_url=unsubscribe_url(subscriber) if subscriber is not None else "",
    )
