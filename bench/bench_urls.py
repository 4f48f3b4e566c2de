"""The site's URLs plus /bench/bare/: the cheapest answer Django gives through the same
middleware stack, the baseline every page's requests per second are divided by."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
