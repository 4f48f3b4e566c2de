"""Every write about accounts themselves: invitations, enrolment by an instructor, deleting
an account (enrolments, orders and the rest belong to their apps; this decides what happens
to them)."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import mail
from courses.models import CoursePage
from enrollments.models import Enrollment
from enrollments.services import enrollment_create
from payments.models import Order
from payments.services import order_complimentary_create
from plans import services as plan_services

from .models import Invitation

logger = logging.getLogger(__name__)

INVITATION_SALT = "accounts.invitation"
#: At most this many addresses in one bulk invitation (a class or a client's team).
MAX_INVITATIONS_AT_ONCE = 500


# --- Enrolling someone ----------------------------------------------------------------------------


def enrollment_add(*, user, course: CoursePage) -> Enrollment:
    """Enrol `user` because an instructor said so: free of charge, also in a paid course,
    where the place is recorded as a complimentary order (the orders report shows it)."""
    with transaction.atomic():
        enrollment = enrollment_create(user=user, course=course, source=Enrollment.Source.STAFF)
        if not course.is_free:
            order_complimentary_create(user=user, course=course, note="added by an instructor")
    return enrollment


# --- Invitations ----------------------------------------------------------------------------------


class InvitationInvalid(ValidationError):
    """An invitation link that is not ours, has expired, or was used by someone else."""


@dataclass(frozen=True)
class InviteOutcome:
    """What became of one address in an invitation round."""

    INVITED = "invited"
    ENROLLED = "enrolled"  # an account with this address existed: enrolled at once
    ALREADY_ENROLLED = "already_enrolled"
    INVALID = "invalid"
    DUPLICATE = "duplicate"

    line: int
    email: str
    outcome: str
    message: str


def invitation_token(invitation: Invitation) -> str:
    return signing.TimestampSigner(salt=INVITATION_SALT).sign_object(
        {"i": invitation.pk, "e": invitation.email}, compress=True
    )


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link stands for; InvitationInvalid when the link is bad or expired."""
    try:
        data = signing.TimestampSigner(salt=INVITATION_SALT).unsign_object(
            token, max_age=settings.INVITATION_MAX_AGE_DAYS * 86400
        )
    except signing.SignatureExpired as error:
        raise InvitationInvalid(
            gettext_lazy("This invitation has expired. Ask your instructor for a new one.")
        ) from error
    except signing.BadSignature as error:
        raise InvitationInvalid(gettext_lazy("This invitation link is not valid.")) from error
    invitation = (
        Invitation.objects.select_related("course", "invited_by")
        .filter(pk=data.get("i"), email=data.get("e"))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid(gettext_lazy("This invitation no longer exists."))
    return invitation


def _account_for(email: str):
    """The account that owns `email`: its verified address, or its user e-mail."""
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    if address is not None:
        return address.user
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def invitation_create(
    *, course: CoursePage, email: str, name: str = "", invited_by, language: str, line: int = 1
) -> InviteOutcome:
    """Invite one address to `course`. An address whose account is already enrolled is left
    alone; an address with an account is enrolled at once (and told so by mail); any other
    gets an invitation by mail (inviting again sends a fresh link)."""
    email = email.strip().lower()
    name = " ".join(name.split())[:150]
    try:
        validate_email(email)
    except ValidationError:
        return InviteOutcome(line, email, InviteOutcome.INVALID, _("not a valid e-mail address"))
    user = _account_for(email)
    if (
        user is not None
        and Enrollment.objects.filter(
            user=user, course=course, status=Enrollment.Status.ACTIVE
        ).exists()
    ):
        return InviteOutcome(line, email, InviteOutcome.ALREADY_ENROLLED, _("already enrolled"))
    with transaction.atomic():
        try:
            with transaction.atomic():
                invitation, _created = Invitation.objects.update_or_create(
                    course=course,
                    email=email,
                    defaults={
                        "name": name,
                        "language": language,
                        "invited_by": invited_by,
                        "sent_at": None,
                    },
                )
        except IntegrityError:  # the same address in a concurrent round
            invitation = Invitation.objects.get(course=course, email=email)
        if user is not None:
            enrollment_add(user=user, course=course)
            Invitation.objects.filter(pk=invitation.pk).update(
                accepted_at=timezone.now(), accepted_by=user
            )
            outcome = InviteOutcome(
                line, email, InviteOutcome.ENROLLED, _("had an account: enrolled at once")
            )
        else:
            outcome = InviteOutcome(line, email, InviteOutcome.INVITED, _("invitation sent"))
        from .tasks import send_invitation

        invitation_id = invitation.pk
        transaction.on_commit(lambda: send_invitation.delay(invitation_id))
    logger.info("course %s: %s (%s)", course.pk, outcome.outcome, invitation.pk)
    return outcome


def parse_invitation_list(text: str) -> list[tuple[int, str, str]]:
    """(line number, e-mail, name) for each non-empty line of a pasted list or a CSV file.

    A line holds an address and, optionally, a name, separated by a comma, a semicolon or a
    tab, in either order ("Jan de Vries, jan@example.nl" or "jan@example.nl;Jan de Vries").
    A first line without an address (a CSV header such as "naam,e-mail") is skipped.
    """
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if "\t" in sample and "\t" not in delimiter:
        delimiter = "\t" if sample.count("\t") > sample.count(delimiter) else delimiter
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [cell.strip() for cell in cells if cell.strip()]
        if not cells:
            continue
        emails = [cell for cell in cells if "@" in cell]
        if not emails:
            if number == 1 and not rows:
                continue  # a header
            rows.append((number, cells[0], ""))  # reported as invalid
            continue
        name = " ".join(cell for cell in cells if cell is not emails[0])
        rows.append((number, emails[0], name))
    return rows


def invitations_create(
    *, course: CoursePage, text: str, invited_by, language: str
) -> list[InviteOutcome]:
    """A round of invitations from a pasted list or a CSV file; one outcome per line."""
    rows = parse_invitation_list(text)
    if len(rows) > MAX_INVITATIONS_AT_ONCE:
        raise ValidationError(
            _("At most %(count)d addresses at once; this list has %(rows)d.")
            % {"count": MAX_INVITATIONS_AT_ONCE, "rows": len(rows)}
        )
    outcomes, seen = [], set()
    for line, email, name in rows:
        key = email.strip().lower()
        if key in seen:
            outcomes.append(
                InviteOutcome(line, key, InviteOutcome.DUPLICATE, _("already earlier in this list"))
            )
            continue
        seen.add(key)
        outcomes.append(
            invitation_create(
                course=course,
                email=email,
                name=name,
                invited_by=invited_by,
                language=language,
                line=line,
            )
        )
    return outcomes


def invitation_accept(*, invitation: Invitation, user) -> Enrollment:
    """Enrol `user` through an invitation; an invitation is used once (by one account)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_by_id not in (None, user.pk):
            raise InvitationInvalid(gettext_lazy("This invitation has been used already."))
        enrollment = enrollment_add(user=user, course=invitation.course)
        if invitation.accepted_at is None:
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
        _name_from_invitation(user=user, name=invitation.name)
    return enrollment


def _name_from_invitation(*, user, name: str) -> None:
    """The name the instructor typed ("Noor Bakker, noor@…") becomes the account's name when
    the account has none yet, so the learner is known by name in the admin and in mails.
    A name the learner gave themselves is never overwritten."""
    name = " ".join((name or "").split())
    if not name or user.first_name or user.last_name:
        return
    first, _space, last = name.partition(" ")
    user.first_name, user.last_name = first[:150], last[:150]
    user.save(update_fields=["first_name", "last_name"])


def invitation_verifies_address(*, invitation: Invitation, user) -> bool:
    """Someone who signed up from an invitation link with the invited address has shown they
    read that mailbox: their address counts as verified."""
    if user.email.lower() != invitation.email.lower():
        return False
    return bool(
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    )


def invitation_send(*, invitation_id: int) -> bool:
    """The invitation mail (or, for an existing account, "you have been enrolled"), once per
    round: stamped on the invitation (`mail.send_once`)."""
    invitation = (
        Invitation.objects.select_related("course", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.sent_at is not None:
        return False
    course = invitation.course
    language = invitation.language or settings.LANGUAGE_CODE
    inviter = invitation.invited_by.get_full_name() if invitation.invited_by else ""
    with translation.override(language):
        accept_url = mail.reverse_absolute(
            "accounts:invitation", language=language, args=[invitation_token(invitation)]
        )
        if invitation.is_accepted:
            subject = _("You are enrolled in %(course)s") % {"course": course.title}
        else:
            subject = _("You are invited to %(course)s") % {"course": course.title}
    message = mail.build(
        template="invitation",
        to=invitation.email,
        subject=subject,
        language=language,
        name=invitation.name.split(" ")[0] if invitation.name else "",
        context={
            "course": course,
            "accept_url": accept_url,
            "inviter": inviter,
            "enrolled": invitation.is_accepted,
            "valid_days": settings.INVITATION_MAX_AGE_DAYS,
        },
    )
    return mail.send_once(invitation, "sent_at", message)


def invitation_mail_resend(*, invitation: Invitation) -> None:
    """An instructor sends the invitation's mail again from the learner page: once accepted,
    that is the welcome ("you are enrolled", with the link to the course). The stamp is
    cleared and the mail queued after commit; `invitation_send` claims it again, so a double
    click sends one mail."""
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=None)
    from .tasks import send_invitation

    transaction.on_commit(lambda: send_invitation.delay(invitation.pk))


# --- Deleting an account --------------------------------------------------------------------------


def account_delete(*, user) -> None:
    """Delete a learner's account and their learning data.

    Enrolments, progress, quiz attempts and plan answers go with the account, and so do its e-mail
    addresses. Orders are bookkeeping records that must be kept (the foreign key protects
    them): a learner who bought something has their account emptied of personal data and
    switched off instead, so the order no longer points at a person.
    """
    with transaction.atomic():
        Enrollment.objects.filter(user=user).delete()  # cascades to progress and attempts
        plan_services.answers_delete(user=user)  # kept also when the account is only emptied
        addresses = [
            user.email,
            *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
        ]
        Invitation.objects.filter(email__in=[a.lower() for a in addresses if a]).delete()
        EmailAddress.objects.filter(user=user).delete()
        if Order.objects.filter(user=user).exists():
            user.username = f"deleted-{user.pk}"
            user.email = ""
            user.first_name = ""
            user.last_name = ""
            user.is_active = False
            user.is_staff = False
            user.is_superuser = False
            user.set_unusable_password()
            user.save()
            user.groups.clear()
            user.user_permissions.clear()
            logger.info("account %s emptied (kept for its orders)", user.pk)
        else:
            user_id = user.pk
            get_user_model().objects.filter(pk=user_id).delete()
            logger.info("account %s deleted", user_id)


# --- Names ----------------------------------------------------------------------------------------


def account_name_set(*, user, first_name: str, last_name: str) -> bool:
    """Change the learner's name. Certificates keep the name they were issued with until
    the learner asks for a reissue. False when nothing changed."""
    first_name, last_name = first_name.strip()[:150], last_name.strip()[:150]
    if (user.first_name, user.last_name) == (first_name, last_name):
        return False
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    logger.info("user %s changed their name", user.pk)
    return True
