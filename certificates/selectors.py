"""Reads about certificates."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings

from enrollments.models import Enrollment

from .models import Certificate
from .pdf import ACADEMY, verification_url


def owned_certificate(*, user, code: str) -> Certificate | None:
    """`code`'s certificate if it belongs to `user`, else None (so strangers learn nothing)."""
    return (
        Certificate.objects.select_related("enrollment__user")
        .filter(code=code, enrollment__user=user)
        .first()
    )


def completed_enrollment(*, user, course_id: int) -> Enrollment | None:
    return (
        Enrollment.objects.select_related("user", "course")
        .filter(user=user, course_id=course_id, completed_at__isnull=False)
        .first()
    )


def linkedin_add_url(certificate: Certificate) -> str:
    """LinkedIn's "Add licence or certification" form, filled in."""
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": getattr(settings, "CERTIFICATE_ORGANIZATION", ACADEMY),
        "issueYear": certificate.issued_at.year,
        "issueMonth": certificate.issued_at.month,
        "certUrl": verification_url(certificate),
        "certId": certificate.code,
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(query)
