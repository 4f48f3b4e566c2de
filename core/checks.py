"""Rules between settings, checked by Django's system checks (`manage.py check`, and every
`runserver`, `migrate` and worker start), so a wrong combination stops the process with a
message instead of quietly weakening a guarantee."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# One SMTP send is at most this many socket waits, each bounded by EMAIL_TIMEOUT (MAIL, RCPT,
# DATA, the body, the final reply). The delivery engine leases a row for this long (plus 5 s)
# right before its mail goes out, so nobody else can claim it while it may still be on the wire.
SOCKET_WAITS_PER_MAIL = 5


def send_margin_seconds() -> int:
    """The lease a sender takes on one row for its send: the longest one send can last."""
    return SOCKET_WAITS_PER_MAIL * settings.EMAIL_TIMEOUT + 5


@register(Tags.compatibility)
def check_claim_lease(app_configs=None, **kwargs) -> list[Error]:
    timeout = settings.EMAIL_TIMEOUT
    problems = []
    if not isinstance(timeout, int | float) or timeout <= 0:
        problems.append(
            Error(
                f"EMAIL_TIMEOUT ({timeout!r}) must be a positive number of seconds.",
                hint=(
                    "The delivery engine leases a row for 5 x EMAIL_TIMEOUT + 5 s right before "
                    "its mail goes out; without a timeout a send can outlast any lease, another "
                    "sender may then claim the row, and the at-most-one-duplicate bound breaks."
                ),
                id="core.E001",
            )
        )
    lease = settings.DELIVERY_LEASE_SECONDS
    if not isinstance(lease, int) or lease <= 0:
        problems.append(
            Error(
                f"DELIVERY_LEASE_SECONDS ({lease!r}) must be a positive number of seconds.",
                hint="It is how long a claimed batch is held (default 40).",
                id="core.E001",
            )
        )
    return problems


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
