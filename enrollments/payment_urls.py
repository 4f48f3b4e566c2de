from django.urls import path

from . import payment_views

app_name = "payments"

urlpatterns = [
    path("checkout/<int:course_id>/", payment_views.checkout_start, name="checkout_start"),
    path(
        "orders/<uuid:reference>/success/", payment_views.checkout_success, name="checkout_success"
    ),
    path("orders/<uuid:reference>/cancel/", payment_views.checkout_cancel, name="checkout_cancel"),
]
