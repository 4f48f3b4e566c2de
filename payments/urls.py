from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("checkout/<int:course_id>/", views.checkout_start, name="checkout_start"),
    path("orders/<uuid:reference>/success/", views.checkout_success, name="checkout_success"),
    path("orders/<uuid:reference>/cancel/", views.checkout_cancel, name="checkout_cancel"),
]
