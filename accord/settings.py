"""Django settings for Accord.

Everything that differs between a laptop and production comes from the environment
(see the README's "Configuration"); the defaults give a working embedded SQLite site.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("ACCORD_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# The fallback is for the demo and the tests only: with DEBUG off, `gunicorn accord.wsgi`
# refuses to start on it and `accord check --deploy` reports an error
# (accord/accounts/deploy_checks.py).
INSECURE_FALLBACK_SECRET_KEY = "insecure-accord-development-key-change-me-" + "x" * 20
if not SECRET_KEY:
    SECRET_KEY = INSECURE_FALLBACK_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "accord.core",
    "accord.accounts",
    "accord.law",
    "accord.expertise",
    "accord.trafficking",
    "accord.standards",
    "accord.provision",
    "accord.knowledge",
    "accord.programmes",
    "accord.legislation",
]

MIDDLEWARE = [
    "accord.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accord.accounts.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accord.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accord.accounts.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accord.core.middleware.DenialAuditMiddleware",
    "accord.core.middleware.ConfidentialReadAuditMiddleware",
    "csp.middleware.CSPMiddleware",
    "accord.core.middleware.ServiceErrorMiddleware",
    "accord.core.export_audit.ExportAuditMiddleware",
    # Last, so that it sees failed sign-ins after the view has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "accord.urls"
WSGI_APPLICATION = "accord.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.core.context_processors.navigation",
                "accord.core.views_notifications.unread_notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite in the working directory unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{Path.cwd() / 'accord.sqlite3'}"),
        # Persistent connections (opening one costs 3-6 ms on PostgreSQL, issue 18), each
        # checked before reuse so a connection the server dropped is replaced, not failed.
        conn_max_age=int(os.environ.get("ACCORD_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL for concurrent readers, FULL so a committed transaction survives power loss;
    # IMMEDIATE so writers queue for the lock instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ACCORD_TEST_SQLITE_NAME")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation is for long analytical queries; on short list pages it only adds
    # latency (bench/RESULTS.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# A refused CSRF token answers the 403 page with the request id, not Django's own page.
CSRF_FAILURE_VIEW = "accord.core.web.csrf_failure"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = int(os.environ.get("ACCORD_SESSION_AGE", str(8 * 3600)))
# A signed-in user's 403/404 answers are audited at most once per window (the rest counted).
ACCORD_AUDIT_DENIALS = env_bool("ACCORD_AUDIT_DENIALS", True)
ACCORD_DENIAL_AUDIT_WINDOW_SECONDS = int(os.environ.get("ACCORD_DENIAL_AUDIT_WINDOW_SECONDS", "60"))
# A session idle this long is signed out, whatever is left of SESSION_COOKIE_AGE.
ACCORD_SESSION_IDLE_MINUTES = int(os.environ.get("ACCORD_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("ACCORD_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# `__Host-` once cookies are Secure: the browser keeps such a cookie only if it is
# Secure, has Path=/ and no Domain, so a sibling sub-domain cannot plant or overwrite it.
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SESSION_COOKIE_SECURE else "csrftoken"

# django-axes: lock an account (username + address) after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("ACCORD_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("ACCORD_SIGNIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind a proxy every request comes from the proxy's address: the lockout keys on the
# client address the trusted proxies report (accord/accounts/client_ip.py). The number of
# proxies in front of Accord that append to X-Forwarded-For (1 behind the README's TLS
# proxy; 0 = none, use the peer address) and, optionally, their addresses.
ACCORD_TRUSTED_PROXY_COUNT = int(os.environ.get("ACCORD_TRUSTED_PROXY_COUNT", "0"))
ACCORD_TRUSTED_PROXY_ADDRESSES = env_list("ACCORD_TRUSTED_PROXY_ADDRESSES")
AXES_CLIENT_IP_CALLABLE = "accord.accounts.client_ip.client_address"
AXES_LOCKOUT_CALLABLE = "accord.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Accord"
# These roles always sign in with a second factor (TOTP), whatever their role policy says;
# ACCORD_RELAX_SECOND_FACTOR turns the rule off for a demo (role policies still apply).
ACCORD_SECOND_FACTOR_ROLES = env_list(
    "ACCORD_SECOND_FACTOR_ROLES", "administrator,auditor,legal_adviser"
)
ACCORD_RELAX_SECOND_FACTOR = env_bool("ACCORD_RELAX_SECOND_FACTOR", False)
# Signing a conclusion or a vote asks again for the one-time code or password (core.stepup).
ACCORD_STEP_UP_SIGNATURES = env_bool("ACCORD_STEP_UP_SIGNATURES", True)

# API tokens expire: the default lifetime of a new token, and the longest one may ask for.
ACCORD_API_TOKEN_MAX_DAYS = int(os.environ.get("ACCORD_API_TOKEN_MAX_DAYS", "365"))
ACCORD_API_TOKEN_DAYS = int(os.environ.get("ACCORD_API_TOKEN_DAYS", "90"))

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("ACCORD_TIME_ZONE", "UTC")
USE_TZ = True

# --- Static files ------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("ACCORD_STATIC_ROOT", Path.cwd() / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("ACCORD_TESTING")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("ACCORD_TESTING")
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
MEDIA_ROOT = Path(os.environ.get("ACCORD_MEDIA_ROOT", Path.cwd() / "media"))

# --- Content-Security-Policy ---------------------------------------------------------------
# django-csp 4: a nonce per response (`request.csp_nonce`, used by base.html), no
# 'unsafe-inline' anywhere: page templates carry no inline script, <style> or style=""
# (CSS lives in static files; htmx's own indicator <style> is switched off in base.html).
# ACCORD_CSP_REPORT_URI, when set, is where browsers report violations.
from csp.constants import NONCE as CSP_NONCE  # noqa: E402

CSP_SELF, CSP_NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF, CSP_NONCE],
        "style-src": [CSP_SELF, CSP_NONCE],
        "img-src": [CSP_SELF, "data:"],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_NONE],
        "frame-ancestors": [CSP_NONE],
        "form-action": [CSP_SELF],
        **(
            {"report-uri": [os.environ["ACCORD_CSP_REPORT_URI"]]}
            if os.environ.get("ACCORD_CSP_REPORT_URI")
            else {}
        ),
    },
}

# --- API -----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accord.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "accord.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "accord.core.api.errors.exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "accord.core.api.renderers.ContentNegotiation",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Accord API",
    "DESCRIPTION": (
        "The API of Accord, the information system of the agreement on cooperation on new "
        "types of weapons and technologies under international humanitarian law. "
        "Authenticate with `Authorization: Token <key>`; keys are created on the profile "
        "page or through /api/v1/tokens/. A record you may not see answers 404."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Every operation documents the error answers it can give (accord/core/api/schema.py).
    # One name for the classification levels wherever a field offers them (a clearance too).
    "ENUM_NAME_OVERRIDES": {"ClassificationEnum": "accord.core.models.Classification"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "accord.core.api.schema.document_error_answers",
    ],
}

# --- Accord ----------------------------------------------------------------------------------
# Refuse to start on a database whose durability settings are off (see core/checks.py).
ACCORD_REQUIRE_DURABLE_DATABASE = env_bool("ACCORD_REQUIRE_DURABLE_DATABASE", True)

EMAIL_BACKEND = os.environ.get(
    "ACCORD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("ACCORD_FROM_EMAIL", "accord@localhost")
# SMTP, when ACCORD_EMAIL_BACKEND is django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = os.environ.get("ACCORD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("ACCORD_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("ACCORD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("ACCORD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("ACCORD_EMAIL_STARTTLS", False)
EMAIL_USE_SSL = env_bool("ACCORD_EMAIL_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("ACCORD_EMAIL_TIMEOUT", "30"))
# Display names of the classification levels (stored values and their order never change),
# as JSON, e.g. {"1": {"en": "Official", "ru": "Для служебного пользования"}}; `accord check`
# reports a mistake (accord/core/classification.py).
ACCORD_CLASSIFICATION_NAMES = os.environ.get("ACCORD_CLASSIFICATION_NAMES", "")
# Notifications also go out by e-mail to users who have an address.
ACCORD_NOTIFY_BY_EMAIL = env_bool("ACCORD_NOTIFY_BY_EMAIL", False)
# The address of the site, for links in e-mails (e.g. https://accord.example.org).
ACCORD_BASE_URL = os.environ.get("ACCORD_BASE_URL", "")
# API list pages count the rows a user may see up to this many; above it the answer says
# `"count_exact": false` (accord/core/api/pagination.py).
ACCORD_API_COUNT_CAP = int(os.environ.get("ACCORD_API_COUNT_CAP", "10000"))

# --- Illicit trafficking -----------------------------------------------------------------
# Days a requested party has to answer a tracing request, and the reminder before that.
ACCORD_TRACING_DUE_DAYS = int(os.environ.get("ACCORD_TRACING_DUE_DAYS", "30"))
ACCORD_TRACING_REMIND_DAYS_BEFORE = int(os.environ.get("ACCORD_TRACING_REMIND_DAYS_BEFORE", "7"))
# A value (serial, marking, name) shared by more incidents than this is flagged as common
# and links nothing, so that a default serial such as 0000 cannot flood correlation.
ACCORD_TRAFFICKING_COMMON_VALUE_LIMIT = int(
    os.environ.get("ACCORD_TRAFFICKING_COMMON_VALUE_LIMIT", "20")
)
# A word carried by more watchlist entities than this (among those the officer may see) is
# "common": screening does not narrow candidates by it, and the page says so.
ACCORD_TRAFFICKING_SCREENING_COMMON_LIMIT = int(
    os.environ.get("ACCORD_TRAFFICKING_SCREENING_COMMON_LIMIT", "200")
)

# --- Protection standards ------------------------------------------------------------------
# The default adoption rule of a new ballot: "consensus" (a quorum of member states voted,
# none disapproved) or "qualified_majority" (of votes cast, at least APPROVE_SHARE approve
# and at most DISAPPROVE_SHARE disapprove). Shares are exact fractions written "2/3".
ACCORD_BALLOT_RULE = os.environ.get("ACCORD_BALLOT_RULE", "consensus")
ACCORD_BALLOT_QUORUM = os.environ.get("ACCORD_BALLOT_QUORUM", "1/2")
ACCORD_BALLOT_APPROVE_SHARE = os.environ.get("ACCORD_BALLOT_APPROVE_SHARE", "2/3")
ACCORD_BALLOT_DISAPPROVE_SHARE = os.environ.get("ACCORD_BALLOT_DISAPPROVE_SHARE", "1/4")
# The fewest facilities a cross-party aggregate is drawn from; below it the figure is
# suppressed, so that no single facility can be read out of it.
ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES = int(
    os.environ.get("ACCORD_STANDARDS_AGGREGATE_MIN_FACILITIES", "3")
)

# --- Background work (django-tasks, database backend) ------------------------------------
# Tasks are rows in the database; `accord worker` runs them and the daily jobs below, so a
# deployment is two processes (web + worker) and needs no cron and no extra server.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("ACCORD_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# The daily jobs `accord worker` runs (each safe to run twice): name -> callable, called
# without arguments. The worker claims a job's row before running it, so several workers
# run each job once a day.
ACCORD_PERIODIC_JOBS = {
    "trafficking.remind-tracing": "accord.trafficking.services.tracing.tracing_reminders_send",
    "standards.close-ballots": "accord.standards.services.consultation.ballots_close_due",
    "expertise.mark-expired": "accord.expertise.services.mark_expired",
    "core.prune-finished-work": "accord.core.housekeeping.prune_finished_work",
    "provision.recheck-clearances": "accord.provision.services.clearances_recheck",
    "provision.remind-checks": "accord.provision.services.checks_remind",
}
# How long finished background work is kept (accord/core/housekeeping.py), in days.
ACCORD_FINISHED_WORK_DAYS = int(os.environ.get("ACCORD_FINISHED_WORK_DAYS", "30"))
ACCORD_FAILED_WORK_DAYS = int(os.environ.get("ACCORD_FAILED_WORK_DAYS", "90"))
# The hour (local time) from which a daily job is due.
ACCORD_PERIODIC_HOUR = int(os.environ.get("ACCORD_PERIODIC_HOUR", "2"))

# Signed audit checkpoints (accord/core/checkpoints.py): the deployment's Ed25519 private
# key (`accord audit keygen FILE` makes one); the worker signs the chain's head every N
# events or M minutes and drops a copy in the checkpoint directory for the parties'
# auditors; verify trusts `<signer>.pub` files in the trusted-keys directory.
# Matches one officer may run in any hour (page and API); 429 beyond (THREAT_MODEL.md).
ACCORD_TRAFFICKING_MATCHES_PER_HOUR = int(
    os.environ.get("ACCORD_TRAFFICKING_MATCHES_PER_HOUR", "300")
)
# /readyz answers 503 when no `accord worker` was seen for this long (0: not checked, for
# a deployment that runs without a worker, e.g. the tests).
ACCORD_WORKER_STALE_SECONDS = int(os.environ.get("ACCORD_WORKER_STALE_SECONDS", "300"))
ACCORD_AUDIT_SIGNING_KEY = os.environ.get("ACCORD_AUDIT_SIGNING_KEY", "")
ACCORD_AUDIT_TRUSTED_KEYS = os.environ.get("ACCORD_AUDIT_TRUSTED_KEYS", "")
ACCORD_AUDIT_CHECKPOINT_DIR = os.environ.get("ACCORD_AUDIT_CHECKPOINT_DIR", "")
ACCORD_AUDIT_CHECKPOINT_EVERY = int(os.environ.get("ACCORD_AUDIT_CHECKPOINT_EVERY", "1000"))
ACCORD_AUDIT_CHECKPOINT_MINUTES = int(os.environ.get("ACCORD_AUDIT_CHECKPOINT_MINUTES", "60"))
# Who handles each outbox topic (accord/core/outbox.py): one row per handler, written in
# the transaction of the change, handled by the worker, retried when it fails.
ACCORD_OUTBOX_HANDLERS = {
    "law.participation_changed": [
        "accord.expertise.services.rereview_on_participation_change",
    ],
}
# How many times a failed e-mail or outbox row is tried before it is left as failed.
ACCORD_TASK_MAX_ATTEMPTS = int(os.environ.get("ACCORD_TASK_MAX_ATTEMPTS", "5"))

# Every log line carries the request id, the user id and the path (core.request_id);
# ACCORD_LOG_FORMAT=json writes one JSON object per line for a log collector.
ACCORD_LOG_FORMAT = os.environ.get("ACCORD_LOG_FORMAT", "text").strip().lower()
if ACCORD_LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("ACCORD_LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "accord.core.request_id.RequestIdFilter"}},
    "formatters": {
        "request": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s user=%(user_id)s "
            "%(path)s] %(name)s: %(message)s"
        },
        "json": {"()": "accord.core.request_id.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if ACCORD_LOG_FORMAT == "json" else "request",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "WARNING")},
}

SECURE_SSL_REDIRECT = env_bool("ACCORD_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("ACCORD_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ACCORD_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("ACCORD_HSTS_PRELOAD", False)
if not DEBUG:
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
    SECURE_PROXY_SSL_HEADER = (
        ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("ACCORD_BEHIND_TLS_PROXY") else None
    )
