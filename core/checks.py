"""Rules between settings, checked by Django's system checks (`manage.py check`, and every
`runserver`, `migrate` and worker start), so a wrong combination stops the process with a
message instead of quietly weakening a guarantee."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# One SMTP send is at most this many socket waits, each bounded by EMAIL_TIMEOUT (MAIL, RCPT,
# DATA, the body, the final reply): the announcement sender's safety margin (waitlist).
SOCKET_WAITS_PER_MAIL = 5


def send_margin_seconds() -> int:
    """How long before the end of its lease a sender stops using a claimed batch."""
    return SOCKET_WAITS_PER_MAIL * settings.EMAIL_TIMEOUT + 5


@register(Tags.compatibility)
def check_claim_lease(app_configs=None, **kwargs) -> list[Error]:
    margin = send_margin_seconds()
    if 2 * margin > settings.WAITLIST_CLAIM_SECONDS:
        return [
            Error(
                f"WAITLIST_CLAIM_SECONDS ({settings.WAITLIST_CLAIM_SECONDS}) must be at least "
                f"twice the send margin of {margin} s (5 x EMAIL_TIMEOUT + 5).",
                hint=(
                    "A sender stops using a claimed batch that long before its lease ends, so "
                    "that nobody else claims a row it may still be sending. With a shorter "
                    f"lease the at-most-one-duplicate bound breaks. Set it to {2 * margin} or "
                    "more, or lower EMAIL_TIMEOUT."
                ),
                id="core.E001",
            )
        ]
    return []


@register(Tags.compatibility)
def check_stripe_keys(app_configs=None, **kwargs) -> list[Error]:
    secret, webhook = bool(settings.STRIPE_SECRET_KEY), bool(settings.STRIPE_WEBHOOK_SECRET)
    if secret == webhook:
        return []
    missing = "STRIPE_WEBHOOK_SECRET" if secret else "STRIPE_SECRET_KEY"
    return [
        Error(
            f"Only one of STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET is set; {missing} is empty.",
            hint=(
                "Set both (payments work) or neither (the site runs without payments). With "
                "one alone nobody can buy, or paid orders are never confirmed."
            ),
            id="core.E002",
        )
    ]


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs) -> list[Error | Warning]:
    parts = urlsplit(settings.SITE_URL)
    problems: list[Error | Warning] = []
    if parts.scheme != "https":
        problems.append(
            Error(
                f"SITE_URL ({settings.SITE_URL}) must start with https:// in production.",
                hint="Links in e-mails (sign-up, unsubscribe, certificates) are built from it.",
                id="core.E003",
            )
        )
    host = parts.hostname or ""
    allowed = settings.ALLOWED_HOSTS
    if (
        host
        and "*" not in allowed
        and not any(host == h or (h.startswith(".") and host.endswith(h)) for h in allowed)
    ):
        problems.append(
            Warning(
                f"SITE_URL's host {host!r} is not in ALLOWED_HOSTS.",
                hint="Links in e-mails would lead to a 400 page.",
                id="core.W001",
            )
        )
    return problems
