"""Buying a course through Stripe Checkout, and Stripe's webhook endpoint."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from courses.models import CoursePage

from . import services, stripe_api
from .models import Order

logger = logging.getLogger(__name__)


@login_required
@require_POST
def checkout_start(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live().specific(), pk=course_id)
    try:
        _order, checkout_url = services.order_checkout_start(user=request.user, course=course)
    except services.AlreadyEnrolled:
        messages.info(request, _("You already have access to this course."))
    except services.NotForSale:
        messages.error(request, _("This course cannot be bought right now."))
    except stripe_api.PaymentsNotConfigured:
        messages.error(request, _("Payments are not configured yet. Please try again later."))
    except stripe_api.PaymentProviderError:
        messages.error(
            request, _("The payment service could not be reached. Please try again in a minute.")
        )
    else:
        # 303: the browser follows with a GET to Stripe's hosted Checkout page.
        return HttpResponseRedirect(checkout_url, status=303)
    return redirect(course.url)


@login_required
def checkout_success(request, reference):
    order = get_object_or_404(
        Order.objects.select_related("course"), reference=reference, user=request.user
    )
    return render(
        request, "payments/checkout_success.html", {"order": order, "course": order.course}
    )


@login_required
def checkout_cancel(request, reference):
    order = get_object_or_404(
        Order.objects.select_related("course"), reference=reference, user=request.user
    )
    return render(
        request, "payments/checkout_cancel.html", {"order": order, "course": order.course}
    )


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: verified, stored once and applied. 400 for anything unsigned, badly
    signed or too old (nothing changes); 503 while no signing secret is configured, so Stripe
    retries later; 200 for replays and event types we do not handle."""
    try:
        event = stripe_api.webhook_event(
            payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
    except stripe_api.PaymentsNotConfigured:
        logger.error("Stripe webhook received but STRIPE_WEBHOOK_SECRET is not set")
        return HttpResponse("webhook secret not configured", status=503, content_type="text/plain")
    except stripe_api.InvalidWebhook as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain")
    applied = services.stripe_event_process(event=event)
    return HttpResponse("ok" if applied else "ignored", content_type="text/plain")
