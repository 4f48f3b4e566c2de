"""Mail settings (switches per topic, language) and the one-click unsubscribe link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import preferences, topics
from .forms import MailSettingsForm


@login_required
@require_http_methods(["GET", "POST"])
def mail_settings(request):
    user = request.user
    if request.method == "POST":
        form = MailSettingsForm(request.POST)
        if form.is_valid():
            preferences.topics_set(user=user, wanted=form.wanted_topics())
            preferences.language_record(
                user=user, language=form.cleaned_data["language"], chosen=True
            )
            messages.success(request, _("Your mail settings are saved."))
            return redirect("delivery:preferences")
    else:
        refused = preferences.opted_out_topics(user)
        initial = {f"topic_{t.key}": t.key not in refused for t in topics.all_topics()}
        initial["language"] = preferences.language_of(user)
        form = MailSettingsForm(initial=initial)
    context = {"form": form, "suppressed": preferences.is_suppressed(user.email or "")}
    return render(request, "delivery/preferences.html", context)


# csrf_exempt: RFC 8058 one-click unsubscribe is a POST sent by the mail client, without any
# cookie or token of ours; the signed token in the URL is the authorisation.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        payload = preferences.read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "delivery/unsubscribe.html", {"state": "invalid"}, status=400)
    if request.method == "GET":  # a button, so mail scanners that follow links change nothing
        return render(request, "delivery/unsubscribe.html", {"state": "ask"})
    if not preferences.unsubscribe_all(user_id=payload["u"]):
        return render(request, "delivery/unsubscribe.html", {"state": "invalid"}, status=400)
    return render(request, "delivery/unsubscribe.html", {"state": "done"})
