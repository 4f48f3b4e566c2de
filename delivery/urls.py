from django.urls import path

from . import views

app_name = "delivery"

urlpatterns = [
    path("settings/", views.mail_settings, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
