"""Production-safe defaults. dev.py, test.py and production.py change only what differs.

Every environment variable read here is listed in docs/configuration.md.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import (
    base_url,
    cache_from_url,
    env,
    env_bool,
    env_int,
    env_list,
    env_required,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The one public address every absolute link is built from (mails, feeds, API, iCal,
# JSON-LD, sitemap, Wagtail's notifications): see home/links.py. The default Site's
# host name and port follow it after every `manage.py migrate`.
PORTAL_BASE_URL = base_url(
    "PORTAL_BASE_URL", env("PORTAL_BASE_URL", "http://127.0.0.1:8000")
)

INSTALLED_APPS = [
    "home",
    "practices",
    "events",
    "search",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise directly after SecurityMiddleware, as its docs require.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.csp.PortalCSPMiddleware",
    # 304 Not Modified from the ETag/Last-Modified that the page cache sets.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions, CSRF and authentication: a cached page needs none of them.
    "home.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.UrlLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user as verified once the second factor was given in this session.
    "django_otp.middleware.OTPMiddleware",
    "practices.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: answers a locked-out login with its own page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "home.context_processors.navigation",
            ],
        },
    },
]

# Django's form rendering, with <select> options joined in Python (home/forms.py).
FORM_RENDERER = "home.forms.PortalFormRenderer"

# Database: SQLite file by default, PostgreSQL when DATABASE_URL is set.
SQLITE_PATH = env("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3"))
DATABASE_URL = env("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead
                # of failing half-way with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts (see docs/security.md). django-axes checks every login before Django's own
# backend: after LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one client
# address, logins are refused for LOGIN_COOLOFF_MINUTES.
# AxesBackend (not the standalone one) also answers get_user, so a session that names the
# first backend, as force_login and Wagtail's test helpers do, still finds its user.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Proxies in front of the portal that append to X-Forwarded-For (0: none, the client's
# address is REMOTE_ADDR). Used by every limit that counts per client address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# No start-up banner: it would stand between `make run`'s admin login and the reader.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "practices.login_throttle.locked_out"
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if TRUSTED_PROXY_COUNT else ("REMOTE_ADDR",)
)
# Editors and administrators must use a second factor (TOTP, with recovery codes);
# contributors may. practices/two_factor.py enforces it in the admin.
TWO_FACTOR_REQUIRED_FOR_EDITORS = True
OTP_TOTP_ISSUER = "Kennisportaal Wijkaanpak & Ondermijning"
# Invitation and password links stay valid for this long (and only until used).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_LINK_VALID_DAYS", 7) * 24 * 60 * 60
LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "practices.invitations.PasswordResetForm"  # noqa: S105 (a form class)
# Django's own admin (/django-admin/) only in development: it bypasses Wagtail's
# permissions and the second factor.
DJANGO_ADMIN_ENABLED = False

# Security headers on every response. The public site allows scripts only from the
# portal itself or with the per-response nonce; the Wagtail admin gets its own, looser
# policy (portal/csp.py explains why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# URL prefixes of the admin interfaces (their own CSP, and the second factor).
ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}
# The contact of /.well-known/security.txt (RFC 9116), e.g. mailto:security@… or an
# https:// form; without it the file is not served.
SECURITY_CONTACT = env("SECURITY_CONTACT", "")

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Dutch first, English second (interface text only).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]

# Static files and uploads.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache: local memory by default; Redis (CACHE_URL=redis://…) as soon as there is more than
# one app server process, because the page cache and the rate limits must be shared.
CACHES = {
    "default": cache_from_url(
        env("CACHE_URL", "locmem://kennisportaal"),
        key_prefix=env("CACHE_KEY_PREFIX", "kennisportaal"),
    )
}

# E-mail. Every message goes to the outbox (home/outbox.py) in the transaction of the
# change that causes it; the background worker delivers it through
# OUTBOX_DELIVERY_BACKEND with retries. EMAIL_BACKEND itself is not configurable.
EMAIL_BACKEND = "home.outbox.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = env(
    "OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# Attempts per message before it is marked failed (editors can resend it).
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10)
# Wait after the first failed attempt; doubled per attempt up to the maximum.
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 3600)
# A row claimed longer ago than this by a worker that died is sent again.
OUTBOX_CLAIM_TIMEOUT_SECONDS = env_int("OUTBOX_CLAIM_TIMEOUT_SECONDS", 900)
# Sent and failed rows are deleted after this many days (manage.py send_outbox --prune).
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)
# Page cache for anonymous visitors (home/page_cache.py, docs/deployment.md): seconds a
# page stays in the cache above (0: off). A change invalidates the pages that show it at
# once in a shared cache; a local-memory cache is per process, so other processes could
# serve an old copy until it expires: there the default is short.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = env_int(
    "PAGE_CACHE_TIMEOUT",
    10 if CACHES["default"]["BACKEND"].endswith("LocMemCache") else 600,
)
# Seconds that data many pages share (the practice filters' choices) stays cached; a
# change refreshes it at once (0: computed on every request).
DATA_CACHE_TIMEOUT = env_int("DATA_CACHE_TIMEOUT", 3600)
# Seconds a CDN or proxy in front may keep an anonymous page (Cache-Control s-maxage).
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", 60)
# A CDN or caching proxy in front, purged through Wagtail's front-end cache when a page
# changes: FRONTEND_CACHE_BACKEND = http (Varnish, nginx, Squid: PURGE requests to
# FRONTEND_CACHE_LOCATION) or cloudflare; empty = no CDN to purge.
_FRONTEND_CACHE_BACKENDS = {
    "http": (
        "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        {"LOCATION": "FRONTEND_CACHE_LOCATION"},
    ),
    "cloudflare": (
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        {
            "BEARER_TOKEN": "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN",
            "ZONEID": "FRONTEND_CACHE_CLOUDFLARE_ZONEID",
        },
    ),
}
FRONTEND_CACHE_BACKEND = env("FRONTEND_CACHE_BACKEND", "").strip().lower()
if FRONTEND_CACHE_BACKEND:
    if FRONTEND_CACHE_BACKEND not in _FRONTEND_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            "FRONTEND_CACHE_BACKEND must be one of "
            f"{', '.join(_FRONTEND_CACHE_BACKENDS)}, not {FRONTEND_CACHE_BACKEND!r}"
        )
    _backend, _variables = _FRONTEND_CACHE_BACKENDS[FRONTEND_CACHE_BACKEND]
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": _backend,
            **{key: env_required(name) for key, name in _variables.items()},
        }
    }
# The page cache purges every language's URL itself (Dutch has no prefix).
WAGTAILFRONTENDCACHE_LANGUAGES = []

EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Kennisportaal <noreply@kennisportaal.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (django-tasks): the database backend (django-tasks-db), run by
# `manage.py db_worker` (started by `make run`; see docs/deployment.md). Enqueueing
# writes the task row in the current transaction, together with the outbox row.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Wagtail.
WAGTAIL_SITE_NAME = "Kennisportaal Wijkaanpak & Ondermijning"
# Wagtail's notification mails and its API build their links from the same address.
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL
# Wagtail's own admin search stays on the database, in every set-up: the portal's public
# search is the search app's business (see docs/search.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "ods",
    "odp",
    "pdf",
    "pptx",
    "txt",
    "xlsx",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are never served straight from MEDIA_ROOT: Wagtail's serve view checks the
# collection's privacy and, through practices/documents.py, confidential documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: no third-party requests from the admin (and its CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# --- search app ---
# Which engine serves the public search: "database" (SQLite/PostgreSQL) or "elasticsearch".
SEARCH_ENGINE = env("SEARCH_ENGINE", "database")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "kennisportaal")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 5)

# --- events app ---
# Days after a session ends before registrants' personal data is removed.
REGISTRATION_RETENTION_DAYS = env_int("REGISTRATION_RETENTION_DAYS", 90)
# The registration rate limit takes the client address with TRUSTED_PROXY_COUNT (set
# above, with the login throttling; docs/events.md).
# Registrations accepted per client address per hour (simple abuse guard).
REGISTRATION_RATE_LIMIT_PER_HOUR = env_int("REGISTRATION_RATE_LIMIT_PER_HOUR", 20)
# Hours before a session that the reminder e-mail goes out.
SESSION_REMINDER_HOURS = env_int("SESSION_REMINDER_HOURS", 48)
# "Volg deze zoekopdracht" requests accepted per client address per hour.
SEARCH_FOLLOW_RATE_LIMIT_PER_HOUR = env_int("SEARCH_FOLLOW_RATE_LIMIT_PER_HOUR", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task is noise at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}
