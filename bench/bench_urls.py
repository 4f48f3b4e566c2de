"""The site's URLs plus /bench/bare/: the cheapest answer Django gives through the same
middleware stack, the baseline every page's requests per second are divided by. Requests
outside the admin are resolved against bench_urls_public.py (core/urlconf.py)."""

from django.urls import path

from bench.bench_urls_public import bare
from lms.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
