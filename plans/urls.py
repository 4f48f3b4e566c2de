from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("answers/<int:page_id>/<str:block_id>/", views.exercise_save, name="exercise_save"),
    path("<slug:course_slug>/plan/", views.plan_page, name="plan"),
    path("<slug:course_slug>/plan/print/", views.plan_print, name="print"),
    path("<slug:course_slug>/plan/pdf/", views.plan_pdf, name="pdf"),
    path("<slug:course_slug>/plan/sheets/<slug:kind>/", views.sheet_save, name="sheet_save"),
]
