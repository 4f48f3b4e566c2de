"""The bridge from enrolments (a lower layer, which cannot import this app) to certificates:
its signals, sent inside the transaction of the change, call the services here."""

from __future__ import annotations

from django.dispatch import receiver

from enrollments.signals import (
    enrollment_access_restored,
    enrollment_access_revoked,
    enrollment_completed,
)

from . import services


@receiver(enrollment_completed, dispatch_uid="certificates_issue")
def issue_on_completion(sender, *, enrollment, language, **kwargs) -> None:
    services.certificate_issue(enrollment=enrollment, language=language)


@receiver(enrollment_access_revoked, dispatch_uid="certificates_revoke")
def revoke_with_access(sender, *, enrollment, reason, **kwargs) -> None:
    services.certificate_follow_access(enrollment=enrollment, active=False, reason=reason)


@receiver(enrollment_access_restored, dispatch_uid="certificates_restore")
def restore_with_access(sender, *, enrollment, reason, **kwargs) -> None:
    services.certificate_follow_access(enrollment=enrollment, active=True, reason=reason)
