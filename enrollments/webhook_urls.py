from django.urls import path

from . import payment_views

app_name = "stripe"

urlpatterns = [
    path("webhook/", payment_views.stripe_webhook, name="webhook"),
]
