from django.urls import path

from . import views

app_name = "waitlist"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", views.signup, name="signup"),
    path("<slug:slug>/thanks/", views.thanks, name="thanks"),
]
