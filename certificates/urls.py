from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "certificates"

urlpatterns = [
    path("learn/courses/<int:course_id>/completed/", views.completed, name="completed"),
    path("learn/certificates/<str:code>/pdf/", views.certificate_pdf, name="pdf"),
    path("learn/certificates/<str:code>/reissue/", views.reissue, name="reissue"),
    # Dutch /certificaat/<code>/, English /en/certificate/<code>/ (translated route).
    path(_("certificate/<str:code>/"), views.verify, name="verify"),
]
