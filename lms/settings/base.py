"""Settings for every environment.

Everything that differs between a laptop demo, CI and production is read from the
environment (see `.env.example`). The defaults are the embedded demo set-up: SQLite,
a file-based cache, Celery on kombu's filesystem transport and e-mails written to
files under `var/`, so the platform runs with no outside service at all.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from django_guid.integrations import CeleryIntegration

from core.release import code_fingerprint

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    # Only a development machine may run on a key that is in the repository.
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "lms",
    "core",
    "delivery",
    "courses",
    "enrollments",
    "payments",
    "waitlist",
    "outreach",
    "plans",
    "certificates",
    "accounts",
    "wagtail.contrib.forms",
    # Four of Wagtail's apps through configs that leave out the v3 API, which this site does
    # not serve and which costs every process ~9 MiB (core/wagtail_apps.py).
    "core.wagtail_apps.WagtailRedirectsConfig",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "core.wagtail_apps.WagtailSnippetsConfig",
    "core.wagtail_apps.WagtailDocumentsConfig",
    "core.wagtail_apps.WagtailImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "anymail",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_guid",
    "csp",
]

MIDDLEWARE = [
    # Before anything resolves or reverses: requests outside the admin use the site's URLs
    # without the admin, so serving them never loads it (core/urlconf.py).
    "core.urlconf.PublicURLConfMiddleware",
    # The session is read lazily anywhere below, and brings the generations along.
    "core.caching.GenerationPerRequestMiddleware",
    "lms.logging.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so the headers added above (CSP, security, language) are on cached answers too.
    "courses.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "lms.urls"
# ROOT_URLCONF -> the same site without Wagtail's admin, for requests outside ADMIN_URL.
PUBLIC_URLCONFS = {"lms.urls": "lms.urls_public"}
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one SQLite file in the demo: wait for locks instead of
    # failing, and take the write lock at BEGIN so two writers cannot deadlock. Connections
    # are kept (CONN_MAX_AGE) as on PostgreSQL: between requests they hold no transaction,
    # so no stale snapshot, and reopening one cost a logged-in page a fifth of its time.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's own cursors bind values on the client and never prepare a statement; only the
    # delivery engine's per-mail UPDATE goes through a server-binding cursor
    # (delivery/services.py), which psycopg prepares once it has run this many times.
    # "none" behind a pooler that cannot keep prepared statements (PgBouncer before 1.21).
    _prepare = env.str("DATABASE_PREPARE_THRESHOLD", default="5").strip().lower()
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        None if _prepare in ("", "none") else int(_prepare)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

CACHES = {
    "default": env.cache_url("CACHE_URL", default=REDIS_URL or f"filecache://{VAR_DIR / 'cache'}"),
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis away is a slower site, not an outage: a failing cache is a miss, counters fall
    # back to process memory (core/cache_backend.py; the rules in core/caching.py).
    CACHES["default"]["BACKEND"] = "core.cache_backend.ResilientRedisCache"
# Which release of the code runs: set RELEASE at deploy (a commit or image tag); without it a
# fingerprint of the code. Part of every cache key, so no process reads another release's
# entries (core/caching.py).
RELEASE = env.str("RELEASE", default="") or code_fingerprint(BASE_DIR)
CACHES["default"]["KEY_PREFIX"] = f"lms:{RELEASE}"

SESSION_ENGINE = "core.sessions"  # cached_db, reading the cache generations along

# --- Auth and accounts (django-allauth, log-in by e-mail) ------------------------------------

AUTHENTICATION_BACKENDS = [
    "accounts.backends.CachedPermissionsBackend",
    "accounts.backends.AuthenticationBackend",  # allauth's, with a faster user lookup
]
# Backends that older sessions name, and the name to read them as (core.sessions): their
# users stay logged in.
RENAMED_AUTHENTICATION_BACKENDS = {
    "allauth.account.auth_backends.AuthenticationBackend": (
        "accounts.backends.AuthenticationBackend"
    ),
}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "enrollments:dashboard"  # the learner dashboard, /learn/
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# First and last name on the sign-up form (mails greet by name; certificates carry it).
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Brute-force protection: allauth counts failed log-ins per account and IP in the cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
}
# One log-in for every account (items 2-3 of issue 13): Wagtail's admin and private pages send
# people to allauth's log-in (lms/urls.py replaces Wagtail's own log-in pages), so allauth's
# failed-log-in limit and mandatory verification hold everywhere. Passwords are reset and
# changed only on allauth's pages too (rate-limited, and the learner is told by e-mail).
WAGTAILADMIN_LOGIN_URL = "admin_login"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Behind N load balancers/proxies that append to X-Forwarded-For, the visitor's address is
# read from there (log-in and waitlist rate limits); 0 means REMOTE_ADDR is the visitor.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# One address per learner; a new one replaces the old only once it is verified.
ACCOUNT_CHANGE_EMAIL = True
# Tell the learner by e-mail when their password or address changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Learners log in by e-mail; the username made from it is internal and never shown.
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
# allauth's mails in the platform's layout (plain + HTML), greeting by name.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"

# An instructor's invitation link to a course stays valid this many days.
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=30)

# --- Internationalisation --------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "core.storage.StaticFilesStorage"
        )
    },
}
# Media (course images) are served by the app itself; a small academy has no CDN.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

# --- Wagtail ---------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "MCMT Academie"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No avatars from Gravatar: it would send a hash of every instructor's address to a third
# party (and the admin's CSP would block the image anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
ADMIN_URL = env.str("ADMIN_URL", default="cms/").strip("/") + "/"

# Wagtail runs its own small background jobs (reference index, image renditions) through
# django-tasks, apart from Celery. Running them in-process after commit is right for their size.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": True,
    }
}

# --- Forms -----------------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# An oversized request body is refused before any form sees it (answered with a 400).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

# --- Course landing page ---------------------------------------------------------------------

# "37 learners enrolled" appears only from this many learners up (a small number says more
# against a course than for it).
SOCIAL_PROOF_MIN_LEARNERS = env.int("SOCIAL_PROOF_MIN_LEARNERS", default=20)

# --- E-mail ----------------------------------------------------------------------------------

# Default: every message is written as a file under var/mail/ so the demo's mails can be read.
EMAIL_URL = env.str("EMAIL_URL", default=f"filemail://{VAR_DIR / 'mail'}")
EMAIL_CONFIG = env.email_url_config(EMAIL_URL)
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(EMAIL_CONFIG.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(EMAIL_CONFIG.get("EMAIL_USE_SSL"))
if EMAIL_BACKEND.endswith("filebased.EmailBackend"):
    # django-environ drops the leading "/" of a filemail path (and reads "var" in
    # filemail://var/mail as a host name): take the path as written, a relative one from the
    # project folder, so mail lands where the README says whatever the working directory.
    _mail_dir = Path(EMAIL_URL.split("://", 1)[1] or VAR_DIR / "mail")
    EMAIL_FILE_PATH = str(_mail_dir if _mail_dir.is_absolute() else BASE_DIR / _mail_dir)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="MCMT Academie <cursus@mcmt.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Before the subject of every mail the platform sends (core.mail), allauth's included.
MAIL_SUBJECT_PREFIX = env.str("MAIL_SUBJECT_PREFIX", default="[MCMT Academie] ")
ACCOUNT_EMAIL_SUBJECT_PREFIX = MAIL_SUBJECT_PREFIX
ANYMAIL = {"WEBHOOK_SECRET": env.str("ANYMAIL_WEBHOOK_SECRET", default="")}

# --- Celery ----------------------------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Embedded broker for the demo: messages are files, so web, worker and beat need no server.
    _queue_dir = VAR_DIR / "celery" / "queue"
    _queue_dir.mkdir(parents=True, exist_ok=True)  # every process that sends or receives needs it
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
else:
    # Redis redelivers unacknowledged messages after this long; our tasks finish well within it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # kombu's Redis transport with the fix that keeps a busy worker alive through a Redis
    # restart (lms/celery_redis.py, loaded on the first connection to the broker).
    CELERY_BROKER_TRANSPORT = "lms.celery_redis:RedisTransport"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only after it ran, and requeued if its worker dies mid-way; every task
# is written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing gives up quickly when the broker is away (lms/celery.py keeps the message and
# publishes it later), so a request that queued a mail does not hang for the outage.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "courses.tasks.publish_scheduled_pages",
        "schedule": timedelta(seconds=env.int("SCHEDULE_PUBLISH_SECONDS", default=60)),
    },
    # Waitlist: announce courses whose launch moment passed, and resume stalled sends.
    "waitlist-dispatch-due-announcements": {
        "task": "waitlist.tasks.dispatch_due_announcements",
        "schedule": timedelta(seconds=60),
    },
    # Every mail to many people (delivery engine): resume sends that stalled (a killed
    # worker, a queued task lost with the broker).
    "delivery-requeue-stalled": {
        "task": "delivery.tasks.requeue_stalled",
        "schedule": timedelta(seconds=env.int("DELIVERY_SWEEP_SECONDS", default=20)),
    },
    # Instructors' scheduled messages, and reminders to learners who stopped.
    "outreach-dispatch-due-messages": {
        "task": "outreach.tasks.dispatch_due_messages",
        "schedule": timedelta(seconds=60),
    },
    "outreach-dispatch-reminders": {
        "task": "outreach.tasks.dispatch_reminders",
        "schedule": timedelta(seconds=env.int("REMINDER_DISPATCH_SECONDS", default=3600)),
    },
    # Paid but not enrolled must never last: fulfil Checkout Sessions whose webhook we missed.
    "reconcile-checkout-sessions": {
        "task": "payments.tasks.reconcile_checkout_sessions",
        "schedule": timedelta(seconds=env.int("STRIPE_RECONCILE_SECONDS", default=300)),
    },
}

# --- Stripe ----------------------------------------------------------------------------------

STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")  # tests point the SDK at a local server
STRIPE_AUTOMATIC_TAX = env.bool("STRIPE_AUTOMATIC_TAX", default=False)  # EU VAT via Stripe Tax

# --- Security --------------------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview overrides this for its own same-origin iframe

# The public site runs no inline script or style at all, so the policy can be strict. The
# Wagtail admin (behind its own URL and a login) uses inline scripts and is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_URL}"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'none'"],
        # Buying redirects the form post to Stripe Checkout.
        "form-action": ["'self'", "https://checkout.stripe.com"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Logging ---------------------------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# django-guid's log filter and Celery integration carry the request id into log lines and the
# tasks a request queues; lms.logging.RequestContextMiddleware sets the id (the load balancer's
# X-Request-ID when it is a UUID, so nobody writes what they like into our log lines and
# response headers, issue 13 item 8) in place of django-guid's slower middleware.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "INTEGRATIONS": [
        # Tasks log the id of the request that queued them and their own task id.
        CeleryIntegration(use_django_logging=True, log_parent=True)
    ],
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "task_id": {"()": "django_guid.integrations.celery.log_filters.CeleryTracing"},
        "user_id": {"()": "lms.logging.UserIdFilter"},
    },
    "formatters": {
        "plain": {
            "format": (
                "%(asctime)s %(levelname)s %(name)s "
                "[req=%(correlation_id)s user=%(user_id)s task=%(celery_current_id)s] %(message)s"
            )
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id", "task_id", "user_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},
        "celery": {"level": LOG_LEVEL},
        "django_tasks": {"level": "WARNING"},
    },
}

# Errors to Sentry when a DSN is configured; nothing is sent otherwise.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

# --- Waitlist --------------------------------------------------------------------------------

WAITLIST_CONFIRM_MAX_AGE = env.int("WAITLIST_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
WAITLIST_SIGNUP_RATE_LIMIT = env.int("WAITLIST_SIGNUP_RATE_LIMIT", default=10)  # per IP ...
WAITLIST_SIGNUP_RATE_WINDOW = env.int("WAITLIST_SIGNUP_RATE_WINDOW", default=3600)  # seconds
# The public certificate verification page, against guessing codes: look-ups per IP ...
CERTIFICATE_VERIFY_RATE_LIMIT = env.int("CERTIFICATE_VERIFY_RATE_LIMIT", default=30)
CERTIFICATE_VERIFY_RATE_WINDOW = env.int("CERTIFICATE_VERIFY_RATE_WINDOW", default=600)  # s
# Certificate PDFs compressed (off only so a test can read the text in the file).
CERTIFICATE_PDF_COMPRESS = env.bool("CERTIFICATE_PDF_COMPRESS", default=True)
WAITLIST_MAX_BODY_BYTES = env.int("WAITLIST_MAX_BODY_BYTES", default=10_000)

# --- Delivery engine (every mail to many people: delivery/services.py) -----------------------

# Rows claimed per batch, and how often a temporarily refused mail is tried.
DELIVERY_BATCH_SIZE = env.int("DELIVERY_BATCH_SIZE", default=200)
DELIVERY_MAX_ATTEMPTS = env.int("DELIVERY_MAX_ATTEMPTS", default=5)
# The lease of a claimed batch: how long a killed worker's untaken rows wait. Each row's own
# lease is lengthened to 5 x EMAIL_TIMEOUT + 5 s right before its mail goes out.
DELIVERY_LEASE_SECONDS = env.int("DELIVERY_LEASE_SECONDS", default=40)
# A message whose rows have not moved this long, with pending rows nobody holds, is re-queued
# by the sweeper (beat, every DELIVERY_SWEEP_SECONDS).
DELIVERY_STALLED_AFTER_SECONDS = env.int("DELIVERY_STALLED_AFTER_SECONDS", default=30)

# --- The learner's MCMT plan (plans/) ---------------------------------------------------------
# Slugs of courses whose learners are coached one by one: their instructors see each
# learner's plan on the learner page. Elsewhere instructors see the plan's state and
# anonymous aggregates only.
PLANS_COACHED_COURSES = env.list("PLANS_COACHED_COURSES", default=[])
# Compress the plan PDF's streams (off in tests: the browser test reads the text from the file).
PLANS_PDF_COMPRESS = env.bool("PLANS_PDF_COMPRESS", default=True)
