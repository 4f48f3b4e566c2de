from django.urls import path

from . import views

app_name = "enrollments"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("steps/<int:page_id>/done/", views.step_done, name="step_done"),
    path("steps/<int:page_id>/undo/", views.step_undo, name="step_undo"),
]
