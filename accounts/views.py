"""Account pages of our own, beside allauth's (log-in, sign-up, e-mail, password)."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import AccountDeleteForm


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
