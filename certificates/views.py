"""The learner's course-completed page, the certificate's PDF and reissue, and the public
verification page. Thin: read, call a service, render."""

from __future__ import annotations

from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail import hooks

from core import caching
from core.mail import absolute_url

from . import pdf, selectors, services
from .models import Certificate

#: Wagtail hook for panels on the course-completed page: `fn(request, enrollment)` returns
#: HTML (str) or None; rendered in registration order below the certificate.
COMPLETION_PANELS_HOOK = "learner_completion_panels"


def _client_ip(request) -> str:
    # allauth's rule, as for log-in and waitlist limits (TRUSTED_PROXY_COUNT behind a proxy).
    return get_account_adapter().get_client_ip(request) or "unknown"


def _local_path(value: str) -> str:
    """A path on this site (the quiz result the learner came from), else ""."""
    local = value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    return value if local and "\\" not in value else ""


@login_required
def completed(request: HttpRequest, course_id: int) -> HttpResponse:
    enrollment = selectors.completed_enrollment(user=request.user, course_id=course_id)
    if enrollment is None:
        raise Http404
    # Issued with the completion; this covers courses completed before certificates existed.
    certificate = services.certificate_issue(enrollment=enrollment)
    # Each hook's owner returns HTML it escaped itself (the agreed contract).
    panels = [
        mark_safe(html)  # noqa: S308 # nosec B308 B703
        for fn in hooks.get_hooks(COMPLETION_PANELS_HOOK)
        if (html := fn(request, enrollment))
    ]
    context = {
        "enrollment": enrollment,
        "course": enrollment.course,
        "certificate": certificate,
        "verification_url": pdf.verification_url(certificate),
        "linkedin_url": selectors.linkedin_add_url(certificate),
        "name_changed": services.learner_name(request.user) not in ("", certificate.learner_name),
        "panels": panels,
        "quiz_result_url": _local_path(request.GET.get("result", "")),
    }
    return render(request, "certificates/completed.html", context)


@login_required
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.owned_certificate(user=request.user, code=code)
    if certificate is None or not certificate.is_valid:
        raise Http404
    response = HttpResponse(pdf.certificate_pdf(certificate), content_type="application/pdf")
    filename = f"certificate-{certificate.code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def reissue(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.owned_certificate(user=request.user, code=code)
    if certificate is None:
        raise Http404
    back = redirect("certificates:completed", certificate.enrollment.course_id)
    if request.method != "POST":
        return back
    if services.certificate_reissue(certificate=certificate):
        messages.success(request, _("Your certificate now shows your current name."))
    else:
        messages.info(request, _("Your certificate already shows your current name."))
    return back


@never_cache
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: is this a certificate we issued, and is it valid? Name, course, date only."""
    if caching.hit_rate_limit(
        "certificate-verify",
        _client_ip(request),
        limit=settings.CERTIFICATE_VERIFY_RATE_LIMIT,
        window=settings.CERTIFICATE_VERIFY_RATE_WINDOW,
    ):
        message = _("Too many look-ups from your connection. Please try again in a while.")
        return render(request, "certificates/verify_limited.html", {"message": message}, status=429)
    certificate = Certificate.objects.filter(code=code[:32]).first()
    if certificate is None:
        raise Http404
    context = {"certificate": certificate, "page_url": absolute_url(request.path)}
    return render(request, "certificates/verify.html", context)
