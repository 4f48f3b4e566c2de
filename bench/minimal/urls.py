"""One view: the cheapest answer a stock Django project gives, at the same path as the
project's own bare view (bench/bench_urls.py) so both are loaded with the same request."""

from django.http import HttpResponse
from django.urls import path


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare")]
