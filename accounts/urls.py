from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("delete/", views.account_delete, name="delete"),
    path("name/", views.account_name, name="name"),
    path("name/not-now/", views.name_prompt_dismiss, name="name_prompt_dismiss"),
    path("my-data/", views.my_data, name="my_data"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
