"""The site without Wagtail's admin: every request outside the admin is resolved here.

`lms/urls.py` (ROOT_URLCONF) is these patterns plus the admin. A web worker resolves each
request outside the admin prefix against this module (`core.urlconf.PublicURLConfMiddleware`),
so a worker that serves learners and visitors never imports the admin's URL configuration,
its views and Wagtail's admin API (Django REST framework): about 20 MiB per worker (issue 21).
Reversing an admin URL name while handling such a request raises NoReverseMatch; a public
page that links into the admin builds the link without reversing (`{% admin_home_url %}`).
Everything outside a request (Celery tasks, management commands, tests calling `reverse()`)
uses the full ROOT_URLCONF.
"""

from anymail.urls import urlpatterns as anymail_urls
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts import views as account_views
from courses.routing import serve as serve_page
from payments.views import stripe_webhook

from . import views

# One way in for every account: allauth's log-in and password reset. Wagtail's own pages for
# both (admin and front end) are replaced by these patterns, which come before Wagtail's.
LOG_IN_ELSEWHERE = {"wagtailcore_login"}

urlpatterns = [
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("healthz/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Outside the language prefixes: Stripe posts here (set up in Stripe's Dashboard).
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    # Mail providers' webhooks (bounces, complaints suppress addresses). Only with a secret:
    # without one anymail accepts any caller, and anyone could suppress any address. A
    # provider whose own keys are missing answers 503 (it retries), not 500.
    anymail_patterns = decorate_urlpatterns(anymail_urls, views.webhook_configured_or_503)
    urlpatterns += [path("anymail/", include((anymail_patterns, "anymail")))]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_static, {"document_root": settings.MEDIA_ROOT}),
    ]

# Dutch pages live at /, English ones under /en/: each URL has one language, so pages can
# be cached and linked without guessing from browser headers.
urlpatterns += i18n_patterns(
    # Before allauth's own: the same view, with the invitee's name filled in from the link.
    path("accounts/signup/", account_views.signup, name="account_signup"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("learn/", include("enrollments.urls")),
    path("", include("certificates.urls")),
    path("learn/", include("plans.urls")),
    path("waitlist/", include("waitlist.urls")),
    path("mail/", include("delivery.urls")),
    path("payments/", include("payments.urls")),
    # Wagtail's front-end URLs, with the page routing cached (courses/routing.py).
    # Wagtail's log-in for private pages goes to allauth's, with the same ?next=.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    *[
        pattern
        for pattern in wagtail_urls.urlpatterns
        if pattern.name not in {"wagtail_serve", *LOG_IN_ELSEWHERE}
    ],
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    prefix_default_language=False,
)

handler400 = "lms.views.bad_request"
handler403 = "lms.views.permission_denied"
handler404 = "lms.views.page_not_found"
handler500 = "lms.views.server_error"
