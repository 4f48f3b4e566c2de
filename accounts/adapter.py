"""How allauth names a learner on screen and in mail, and how its mails are built.

allauth's mails (confirm your address, reset your password, notifications of changes) get
the platform's layout: a plain part from `account/email/<name>_message.txt` and an HTML part
from `account/email/<name>_message.html` (which extends `emails/base.html`), and greet the
recipient by name (`core.mail.greeting_name`), neutrally when there is none: never by
address.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string

from core import mail


def user_display(user) -> str:
    """The learner's name when they gave one, else their e-mail address: they log in with it,
    and the username allauth derives from it ("nieuw.lid") means nothing to them."""
    return user.get_full_name() or user.email or user.get_username()


def recipient(email: str, context: dict):
    """The account a mail to `email` is about: the one in the context, else the one with
    this address (None for "no account with this address")."""
    user = context.get("user")
    if user is not None and getattr(user, "pk", None):
        return user
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return get_user_model().objects.filter(email__iexact=email).first()


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = dict(context)
        context.setdefault("name", mail.greeting_name(recipient(email, context)))
        context.setdefault("site_url", settings.SITE_URL)
        context.setdefault("unsubscribe_url", "")
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        context.setdefault("subject", " ".join(subject.splitlines()).strip())
        super().send_mail(template_prefix, email, context)

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        super().send_notification_mail(
            template_prefix, user, {**(context or {}), "user": user}, email
        )
