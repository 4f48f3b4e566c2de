"""bench_urls.py without Wagtail's admin, as lms/urls_public.py is to lms/urls.py: what
requests outside the admin are resolved against (core/urlconf.py), /bench/bare/ included."""

from django.http import HttpResponse
from django.urls import path

from lms.urls_public import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
