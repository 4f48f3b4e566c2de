"""Waitlist pages: signup (standalone and from the course page), confirm, unsubscribe."""

from __future__ import annotations

from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.core import signing
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from courses.models import CoursePage

from . import services
from .emails import read_confirm_token, read_unsubscribe_token
from .forms import SignupForm
from .models import Subscriber


def _course(slug: str) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live(), slug=slug)


def _client_ip(request) -> str:
    # allauth's rule, so log-in and signup limits agree: behind a load balancer, set
    # TRUSTED_PROXY_COUNT and the address comes from X-Forwarded-For, not the balancer.
    return get_account_adapter().get_client_ip(request) or "unknown"


def _signup_page(request, course, form, *, status=200, error=""):
    context = {"course": course, "form": form, "error": error, "page": None}
    return render(request, "waitlist/signup.html", context, status=status)


# csrf_exempt on purpose: the form sits on the course landing page, which is one cached
# HTML for every anonymous visitor and so cannot carry a per-visitor CSRF token. A forged
# cross-site POST here can only do what anyone can do with the public form: it logs no one
# in and changes nothing of a logged-in user. The endpoint is idempotent (one record per
# address), rate-limited per IP, protected by a honeypot, and double opt-in: nobody is
# mailed more than a confirmation request until they click the signed link themselves, and
# that at most once per address in services.CONFIRMATION_MAIL_INTERVAL.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request, slug: str):
    course = _course(slug)
    if course.is_launched():
        # Nothing to wait for: the course page shows how to enrol or buy. Taking the signup
        # would only send a confirmation for a waitlist that is over (303: a POST's answer
        # is followed with a GET).
        return HttpResponseRedirect(course.url, status=303 if request.method == "POST" else 302)
    if request.method == "GET":
        return _signup_page(request, course, SignupForm(course=course))
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.WAITLIST_MAX_BODY_BYTES:
        return _too_big(request, course)
    try:
        data = request.POST
    except RequestDataTooBig:
        return _too_big(request, course)
    form = SignupForm(data, course=course)
    if form.is_bot:  # pretend it worked; store nothing
        return redirect("waitlist:thanks", slug=course.slug)
    if not form.is_valid():
        return _signup_page(request, course, form, status=400)
    # Only valid signups count towards the limit: an office behind one address should not
    # be locked out by its typos. Still checked before anything is written or mailed.
    if services.signup_rate_limited(ip=_client_ip(request)):
        error = _("Too many signups from your connection. Please try again in a while.")
        return _signup_page(request, course, form, status=429, error=error)
    services.signup_create(
        course=course,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    # The same answer whether the address was new, known, or already confirmed.
    return redirect("waitlist:thanks", slug=course.slug)


def _too_big(request, course):
    error = _("What you sent is too long. Please fill in only your name and e-mail address.")
    return _signup_page(request, course, SignupForm(course=course), status=413, error=error)


def thanks(request, slug: str):
    return render(request, "waitlist/thanks.html", {"course": _course(slug)})


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    try:
        payload = read_confirm_token(token)
    except signing.SignatureExpired:
        return render(request, "waitlist/confirm.html", {"state": "expired"}, status=410)
    except signing.BadSignature:
        return render(request, "waitlist/confirm.html", {"state": "invalid"}, status=400)
    if request.method == "GET":  # a button, so mail scanners that follow links confirm nothing
        return render(request, "waitlist/confirm.html", {"state": "ask", "token": token})
    subscriber = services.signup_confirm(subscriber_id=payload["s"], email_normalised=payload["e"])
    if subscriber is None:
        return render(request, "waitlist/confirm.html", {"state": "invalid"}, status=400)
    context = {
        "state": "done",
        "course": subscriber.course,
        "launched": subscriber.course.is_launched(),
    }
    return render(request, "waitlist/confirm.html", context)


# csrf_exempt: RFC 8058 one-click unsubscribe is a POST sent by the mail client, without
# any cookie or token of ours; the signed token in the URL is the authorisation.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        payload = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "waitlist/unsubscribe.html", {"state": "invalid"}, status=400)
    if request.method == "GET":
        # Named on the page, so the reader knows which course's mails stop (None when the
        # record was deleted since: the page then speaks of "this course").
        subscriber = Subscriber.objects.select_related("course").filter(pk=payload["s"]).first()
        context = {"state": "ask", "token": token, "course": subscriber and subscriber.course}
        return render(request, "waitlist/unsubscribe.html", context)
    subscriber = services.subscriber_unsubscribe(subscriber_id=payload["s"])
    context = {"state": "done", "course": subscriber and subscriber.course}
    return render(request, "waitlist/unsubscribe.html", context)
