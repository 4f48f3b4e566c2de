"""What a person wants of mail: topics they refused, bounced addresses, their language.

Every mail to a person that is not transactional (receipts, account mail) names a topic,
checks `may_mail` before it is sent, and carries `unsubscribe_url` (List-Unsubscribe with
RFC 8058 one-click POST, see core.mail). One click switches off every topic; the mail
settings page (`views.preferences`) switches them one by one.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core import mail

from . import topics
from .models import MailLanguage, OptOut, Suppression, normalise_email

UNSUBSCRIBE_SALT = "delivery.unsubscribe"


# --- Reads ---------------------------------------------------------------------------------------


def is_suppressed(email: str) -> bool:
    return Suppression.objects.filter(email=normalise_email(email)).exists()


def opted_out(user, topic: str) -> bool:
    return OptOut.objects.filter(user=user, topic=topic).exists()


def may_mail(user, topic: str) -> bool:
    """May `user` get a mail of `topic`: an address, not opted out, not bounced."""
    if user is None or not user.is_active or not user.email:
        return False
    return not opted_out(user, topic) and not is_suppressed(user.email)


def exclude_unwilling(queryset: QuerySet, *, user_field: str, topic: str) -> QuerySet:
    """`queryset` without the rows whose person (`user_field`) refused `topic` or bounced:
    two indexed anti-joins in the same query."""
    user_ref = OuterRef(user_field)
    email_ref = OuterRef(f"{user_field}__email")
    return queryset.filter(
        ~Exists(OptOut.objects.filter(user=user_ref, topic=topic)),
        ~Exists(Suppression.objects.filter(email__iexact=email_ref)),
    ).exclude(Q(**{f"{user_field}__email": ""}))


def language_of(user) -> str:
    """The language of `user`'s mails (the site's default when never recorded). Free when
    the row came with the user (select_related("...user__mail_language"))."""
    cache = getattr(getattr(user, "_state", None), "fields_cache", {})
    if "mail_language" in cache:
        row = cache["mail_language"]
    else:
        row = MailLanguage.objects.filter(user_id=user.pk).first()
    return row.language if row is not None else settings.LANGUAGE_CODE


def opted_out_topics(user) -> set[str]:
    return set(OptOut.objects.filter(user=user).values_list("topic", flat=True))


# --- Links ---------------------------------------------------------------------------------------


def unsubscribe_token(user) -> str:
    # No expiry: the link in an old mail must keep working.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": user.pk}, compress=True)


def read_unsubscribe_token(token: str) -> dict:
    """The signed payload; raises signing.BadSignature."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)


def unsubscribe_url(user, *, language: str) -> str:
    return mail.reverse_absolute(
        "delivery:unsubscribe", language=language, args=[unsubscribe_token(user)]
    )


def settings_url(*, language: str) -> str:
    return mail.reverse_absolute("delivery:preferences", language=language)


# --- Writes --------------------------------------------------------------------------------------


def topics_set(*, user, wanted: set[str]) -> None:
    """Keep exactly the registered topics in `wanted` switched on for `user`."""
    keys = {t.key for t in topics.all_topics()}
    with transaction.atomic():
        OptOut.objects.filter(user=user, topic__in=wanted & keys).delete()
        existing = set(OptOut.objects.filter(user=user).values_list("topic", flat=True))
        OptOut.objects.bulk_create(
            [OptOut(user=user, topic=key) for key in keys - wanted - existing],
            ignore_conflicts=True,
        )


def unsubscribe_all(*, user_id: int) -> bool:
    """The one-click unsubscribe: every topic off. False when the account is gone."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    topics_set(user=user, wanted=set())
    return True


def language_record(*, user, language: str, chosen: bool = False) -> None:
    """Remember the language of `user`'s mails: on every log-in (the site's language they
    use), unless they chose one in their mail settings (`chosen`), which then stays."""
    if language not in dict(settings.LANGUAGES):
        return
    user._state.fields_cache.pop("mail_language", None)  # what follows changes it
    if chosen:
        MailLanguage.objects.update_or_create(
            user=user, defaults={"language": language, "chosen": True}
        )
        user._state.fields_cache.pop("mail_language", None)
        return
    updated = (
        MailLanguage.objects.filter(user=user, chosen=False)
        .exclude(language=language)
        .update(language=language)
    )
    if not updated and not MailLanguage.objects.filter(user=user).exists():
        try:
            with transaction.atomic():
                MailLanguage.objects.create(user=user, language=language)
        except IntegrityError:  # two log-ins at once
            pass
    user._state.fields_cache.pop("mail_language", None)


def address_suppress(*, email: str, reason: str) -> None:
    """A bounce or complaint (anymail's tracking webhook): no more mail to many people here."""
    address = normalise_email(email)
    if not address:
        return
    Suppression.objects.get_or_create(
        email=address, defaults={"reason": reason[:32], "created_at": timezone.now()}
    )
