"""Account pages of our own, beside allauth's (log-in, sign-up, e-mail, password)."""

from __future__ import annotations

from allauth.account import views as allauth_views
from allauth.account.utils import get_next_redirect_url
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from certificates.models import Certificate
from enrollments.models import Enrollment

from . import services
from .data_export import personal_data
from .forms import AccountDeleteForm, NameForm
from .signals import SESSION_KEY


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            form.add_error(None, _("Too many attempts. Try again in a minute."))
        elif form.is_valid():
            user = request.user
            logout(request)
            services.account_delete(user=user)
            messages.success(request, _("Your account and your learning data have been deleted."))
            return redirect("wagtail_serve", "")
    return render(request, "account/delete.html", {"form": form})


#: The cookie that remembers "not now" on the dashboard's request for a name (a year).
NAME_PROMPT_COOKIE = "name_prompt"


def _safe_next(request: HttpRequest, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


@login_required
def account_name(request: HttpRequest) -> HttpResponse:
    """The learner's name: how mails greet them and what a certificate says."""
    user = request.user
    initial = {"first_name": user.first_name, "last_name": user.last_name}
    form = NameForm(request.POST or None, initial=initial)
    next_url = _safe_next(request, reverse("enrollments:dashboard"))
    if request.method == "POST" and form.is_valid():
        services.account_name_set(
            user=user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        messages.success(request, _("Your name is saved."))
        if (
            Certificate.objects.filter(enrollment__user=user)
            .exclude(learner_name=user.get_full_name())
            .exists()
        ):
            messages.info(
                request,
                _(
                    "Your certificates still show the name they were issued with. Open a "
                    "certificate from “My courses” to have it reissued with your new name."
                ),
            )
        return redirect(next_url)
    return render(request, "accounts/name.html", {"form": form, "next": next_url})


@login_required
def name_prompt_dismiss(request: HttpRequest) -> HttpResponse:
    """ "Not now" on the dashboard's request for a name: it is not asked again (a year)."""
    response = redirect("enrollments:dashboard")
    if request.method == "POST":
        response.set_cookie(
            NAME_PROMPT_COOKIE,
            "dismissed",
            max_age=365 * 24 * 3600,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


@never_cache
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """The person's own data as a JSON download (private: never stored in any cache)."""
    response = JsonResponse(
        personal_data(user=request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link: who invites you to what, and the way in. GET shows it; a logged-in
    visitor accepts with a POST; a visitor without an account signs up with the invited
    address (which the link verifies) or logs in, and comes back here."""
    try:
        invite = services.invitation_for_token(token)
    except services.InvitationInvalid as error:
        return render(
            request, "accounts/invitation_invalid.html", {"message": error.messages[0]}, status=404
        )
    course = invite.course
    if not course.live:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"message": _("This course is not available right now.")},
            status=404,
        )
    here = request.get_full_path()
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(invitation=invite, user=request.user)
        except services.InvitationInvalid as error:
            messages.error(request, " ".join(error.messages))
            return redirect(here)
        messages.success(request, _("You are enrolled. Enjoy the course!"))
        return redirect(course.get_url(request=request) or "/")
    if not request.user.is_authenticated:
        request.session[SESSION_KEY] = token
    enrolled = (
        request.user.is_authenticated
        and Enrollment.objects.filter(
            user=request.user, course=course, status=Enrollment.Status.ACTIVE
        ).exists()
    )
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": invite,
            "course": course,
            "enrolled": enrolled,
            "signup_url": reverse("account_signup")
            + "?"
            + urlencode({"email": invite.email, **_name_parts(invite.name), "next": here}),
            "login_url": reverse("account_login") + "?" + urlencode({"next": here}),
        },
    )


def _name_parts(name: str) -> dict[str, str]:
    """The name an instructor typed for the invitee, as the sign-up form's two fields."""
    first, _space, last = " ".join((name or "").split()).partition(" ")
    return {key: value for key, value in (("first_name", first), ("last_name", last)) if value}


class SignupView(allauth_views.SignupView):
    """allauth's sign-up, whose form also takes the name from the link: an invitation that
    names the invitee fills it in, as it fills in the address (allauth reads `email`)."""

    def get_initial(self) -> dict:
        initial = super().get_initial()
        for field in ("first_name", "last_name"):
            value = " ".join(self.request.GET.get(field, "").split())[:150]
            if value:
                initial[field] = value
        return initial


signup = SignupView.as_view()


def admin_login(request: HttpRequest) -> HttpResponse:
    """Wagtail's log-in page (`/cms/login/`), replaced: everyone logs in through allauth's
    page, so one failed-log-in limit and one e-mail verification rule cover every account.

    Wagtail's own form authenticated without either (a locked or unverified account got in).
    Anonymous visitors, POST included, are sent to allauth's log-in with their `next`
    (default: the admin's home); a logged-in user without admin access gets the 403 page
    rather than a redirect loop between the two log-in pages.
    """
    next_url = get_next_redirect_url(request) or reverse("wagtailadmin_home")
    if request.user.is_authenticated:
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect(next_url)
        raise PermissionDenied
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
