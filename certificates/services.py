"""Every write about certificates: issue, reissue, revoke, restore.

Guarantees:
- one certificate per enrolment, whoever asks first (the completion, the completed page, a
  retry, two requests at once): the unique constraint on the enrolment decides, and the
  loser reads the winner's row (`certificate_issue`);
- the verification code is random (`models.new_code`), never derived from an id;
- a certificate follows its enrolment's access: a refund or dispute that revokes access
  revokes it too, and restoring access restores it (`receivers.py`), but a revocation an
  instructor made by hand is not undone by a restore of access;
- a reissue keeps the code (links and printed QR codes stay valid) and bumps the version,
  which is part of the PDF's cache key.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from delivery import preferences
from enrollments.models import Enrollment

from .models import Certificate

logger = logging.getLogger(__name__)

#: The reason recorded when access was withdrawn (refund, dispute): restoring access lifts
#: only revocations with this prefix, never an instructor's own.
ACCESS_PREFIX = "access: "


class CertificateRefused(ValidationError):
    """No certificate for this enrolment (not completed)."""


def learner_name(user) -> str:
    return user.get_full_name().strip()


def certificate_issue(*, enrollment: Enrollment, language: str | None = None) -> Certificate:
    """The enrolment's certificate, issued now if it has none. Idempotent and race-safe."""
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    if enrollment.completed_at is None:
        raise CertificateRefused(_("The course is not completed yet."))
    user, course = enrollment.user, enrollment.course
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                enrollment=enrollment,
                learner_name=learner_name(user),
                course_title=course.title,
                instructor_name=getattr(course, "instructor_name", "") or "",
                language=language or preferences.language_of(user) or settings.LANGUAGE_CODE,
                issued_at=enrollment.completed_at,
                revoked_at=None if enrollment.is_active else timezone.now(),
                revoked_reason="" if enrollment.is_active else ACCESS_PREFIX,
            )
    except IntegrityError:  # issued a moment ago by a concurrent request
        return Certificate.objects.get(enrollment=enrollment)
    logger.info("certificate %s issued for enrolment %s", certificate.pk, enrollment.pk)
    return certificate


def certificate_reissue(*, certificate: Certificate) -> bool:
    """After a name change: the learner's current name, same code, next version. False when
    the name is unchanged (nothing to reissue) or empty."""
    name = learner_name(certificate.enrollment.user)
    if not name or name == certificate.learner_name:
        return False
    now = timezone.now()
    Certificate.objects.filter(pk=certificate.pk).update(
        learner_name=name, version=certificate.version + 1, reissued_at=now
    )
    certificate.refresh_from_db()
    logger.info("certificate %s reissued (version %s)", certificate.pk, certificate.version)
    return True


def certificate_revoke(*, certificate: Certificate, reason: str = "") -> bool:
    """Mark the certificate revoked (the verification page says so, with the date). False
    when it was revoked already."""
    changed = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:200]
    )
    certificate.refresh_from_db(fields=["revoked_at", "revoked_reason"])
    if changed:
        logger.info("certificate %s revoked (%s)", certificate.pk, reason or "no reason given")
    return bool(changed)


def certificate_restore(*, certificate: Certificate, reason: str = "") -> bool:
    """Make a revoked certificate valid again. False when it was valid."""
    changed = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=False).update(
        revoked_at=None, revoked_reason=reason[:200]
    )
    certificate.refresh_from_db(fields=["revoked_at", "revoked_reason"])
    if changed:
        logger.info("certificate %s restored (%s)", certificate.pk, reason or "no reason given")
    return bool(changed)


def certificate_follow_access(*, enrollment: Enrollment, active: bool, reason: str) -> None:
    """The enrolment's access changed: revoke or restore its certificate to match. A restore
    of access lifts only a revocation that came from access (not an instructor's own)."""
    certificate = Certificate.objects.filter(enrollment=enrollment).first()
    if certificate is None:
        return
    if not active:
        certificate_revoke(certificate=certificate, reason=f"{ACCESS_PREFIX}{reason}")
    elif certificate.revoked_reason.startswith(ACCESS_PREFIX):
        certificate_restore(certificate=certificate, reason=f"{ACCESS_PREFIX}{reason}")
