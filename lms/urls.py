from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from courses.routing import serve as serve_page
from payments.views import stripe_webhook

from . import views

urlpatterns = [
    path(settings.ADMIN_URL, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Outside the language prefixes: Stripe posts here (set up in Stripe's Dashboard).
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    path("anymail/", include("anymail.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_static, {"document_root": settings.MEDIA_ROOT}),
    ]

# Dutch pages live at /, English ones under /en/: each URL has one language, so pages can
# be cached and linked without guessing from browser headers.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("learn/", include("enrollments.urls")),
    path("waitlist/", include("waitlist.urls")),
    path("mail/", include("delivery.urls")),
    path("payments/", include("payments.urls")),
    # Wagtail's front-end URLs, with the page routing cached (courses/routing.py).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    prefix_default_language=False,
)

handler500 = "lms.views.server_error"
