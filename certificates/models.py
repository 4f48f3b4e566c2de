"""A certificate: issued once per completed enrolment, verifiable by anyone with its code.

What it shows is copied at issue (the learner's name, the course title, the instructor), so
a course renamed later does not change a certificate already handed out; the learner may ask
for a reissue after changing their name (same code, new version, reissue date recorded).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

#: 9 random bytes: 12 URL-safe characters, 72 bits. Unguessable, and short enough to type.
CODE_BYTES = 9


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


class Certificate(models.Model):
    enrollment = models.OneToOneField(
        "enrollments.Enrollment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="certificate",
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_code)
    learner_name = models.CharField(_("name on the certificate"), max_length=300)
    course_title = models.CharField(_("course"), max_length=255)
    instructor_name = models.CharField(_("instructor"), max_length=120, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    # The day the course was completed: what the certificate states.
    issued_at = models.DateTimeField(_("issued at"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    reissued_at = models.DateTimeField(_("reissued at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["issued_at"])]

    def __str__(self) -> str:
        return f"{self.learner_name}: {self.course_title} ({self.code})"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
