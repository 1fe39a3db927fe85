"""Django settings, read from the environment so that no secret lives in the repository.

Environment variables:
- DATABASE_URL: e.g. postgres://user@127.0.0.1:5432/trajectory; SQLite under var/ when unset.
- SECRET_KEY: required (the server refuses to start without it), one value shared by every
  server, except on a machine in demo mode, in debug mode or running the test suite, which keeps
  a random key in var/secret_key.
- TRAJECTORY_DEMO: "1" on a machine that only runs the demo (`./run demo` sets it): the key in
  var/, and static files served straight from the source folders.
- TRAJECTORY_STORAGE: folder holding immutable return versions (Parquet, by content hash).
- TRAJECTORY_CHART_CACHE: folder of chart specs every server process shares (default
  var/cache/charts; "memory" keeps them per process). Safe to empty at any time.
- TRAJECTORY_REFERENCE_DIR: folder of public reference data (DfE, Ofsted, ONS files); default
  ../shared/data where that exists, else var/reference (filled by `trajectory reference fetch`).
- TRAJECTORY_REFERENCE_BASE_URL: a mirror for `trajectory reference fetch` (replaces the scheme
  and host of each pinned URL in the reference manifest).
- TRAJECTORY_DEBUG: "1" for Django's debug pages (never in production).
- TRAJECTORY_ALLOWED_HOSTS: comma-separated host names.
- TRAJECTORY_CSRF_TRUSTED_ORIGINS: comma-separated origins (https://trajectory.example.gov.uk)
  whose forms are accepted, when the proxy's host differs from the app's.
- TRAJECTORY_BEHIND_TLS_PROXY: "1" when a proxy terminates TLS and sets X-Forwarded-Proto
  (trusted for whether the request was HTTPS; the proxy must overwrite any the client sent).
- TRAJECTORY_SSL_REDIRECT: "1" to redirect plain HTTP to HTTPS.
- TRAJECTORY_HSTS_SECONDS: Strict-Transport-Security max-age (e.g. 31536000; default 0, none).
- TRAJECTORY_HSTS_PRELOAD: "1" to add "preload" to it (the domain owner's decision).
- TRAJECTORY_STATIC_ROOT: where `trajectory collectstatic` puts static files (default var/static).
- TRAJECTORY_MAX_UPLOAD_MB: largest upload accepted, in megabytes (default 100).
- TRAJECTORY_PROXY_COUNT: how many reverse proxies stand in front of the app, each appending
  the address it saw to X-Forwarded-For (default 0: the client is REMOTE_ADDR).
- TRAJECTORY_SIGN_IN_ADDRESS_FAILURE_LIMIT: failed sign-ins from one address, across user
  names, that lock the address out for an hour (default 20).
- TRAJECTORY_RETENTION_DAYS: days a refused, discarded or never-decided upload keeps its
  problems and flagged child rows before `trajectory purge` deletes them (default 30).
- TRAJECTORY_STALE_DATA_DAYS: days after the last date a return covers beyond which every page
  built on it warns that its figures are out of date (default 120; returns/freshness.py).
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("TRAJECTORY_VAR", PROJECT_DIR / "var"))

DEBUG = os.environ.get("TRAJECTORY_DEBUG") == "1"
# One machine on its own: the demo, a developer's debug server, or the test suite (in-process;
# the servers the tests start are production-like and are given a SECRET_KEY).
LOCAL_ONLY = DEBUG or os.environ.get("TRAJECTORY_DEMO") == "1" or "pytest" in sys.modules


def _secret_key() -> str:
    """SECRET_KEY signs sessions and CSRF tokens, so every server behind one address must share
    it: a key generated per replica would sign people out at random. Only a machine that is
    alone (LOCAL_ONLY) may keep a generated key in var/ (never committed)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    if not LOCAL_ONLY:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to one long random value shared by every server, "
            "e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
            "On a machine that only runs the demo, set TRAJECTORY_DEMO=1 instead."
        )
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _reference_dir() -> Path:
    """The configured folder, else the development checkout's ../shared/data, else var/reference."""
    if configured := os.environ.get("TRAJECTORY_REFERENCE_DIR"):
        return Path(configured)
    shared = PROJECT_DIR.parent / "shared" / "data"
    if shared.is_dir():
        return shared
    return VAR_DIR / "reference"


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = os.environ.get("TRAJECTORY_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("TRAJECTORY_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

TRAJECTORY_STORAGE = Path(os.environ.get("TRAJECTORY_STORAGE", VAR_DIR / "returns"))

# Chart specs are derived from figures and keyed by their content (web/chart_cache.py), so a
# shared copy can never be stale. Files on this machine by default, shared by every server
# process; TRAJECTORY_CHART_CACHE names another folder, or "memory" for one process's own.
_CHART_CACHE = os.environ.get("TRAJECTORY_CHART_CACHE", str(VAR_DIR / "cache" / "charts"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "charts": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "charts"}
        if _CHART_CACHE == "memory"
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": _CHART_CACHE,
            "TIMEOUT": 60 * 60 * 24 * 40,  # a month's run and its charts, and some
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    ),
}
TRAJECTORY_REFERENCE_DIR = _reference_dir()
TRAJECTORY_REFERENCE_BASE_URL = os.environ.get("TRAJECTORY_REFERENCE_BASE_URL", "")
# Reference data some data-quality rules need (dataquality/reference.py): absent, they are
# reported "not run" with the reason.
TRAJECTORY_POSTCODES = os.environ.get("TRAJECTORY_POSTCODES", "")
TRAJECTORY_PROVIDERS = os.environ.get("TRAJECTORY_PROVIDERS", "")
TRAJECTORY_MAX_UPLOAD_BYTES = int(os.environ.get("TRAJECTORY_MAX_UPLOAD_MB", "100")) * 1024 * 1024
TRAJECTORY_RETENTION_DAYS = int(os.environ.get("TRAJECTORY_RETENTION_DAYS", "30"))
TRAJECTORY_STALE_DATA_DAYS = int(os.environ.get("TRAJECTORY_STALE_DATA_DAYS", "120"))
# Django buffers larger request bodies to disk; the limit above is checked by the import itself.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "trajectory.web",
    "trajectory.audit",
    "trajectory.councils",
    "trajectory.returns",
    "trajectory.indicators",
    "trajectory.inspections",
    "trajectory.plans",
    "trajectory.benchmarking",
    "trajectory.spc",
    "trajectory.targets",
    "trajectory.history",
    "trajectory.assessment",
    "trajectory.intervention",
    "trajectory.governance",
    "trajectory.escalations",
    "trajectory.workforce",
    "trajectory.assurance",
    "trajectory.supervision",
    "trajectory.voice",
    "trajectory.reports",
    "trajectory.dataquality",
    "trajectory.synth",
    "trajectory.reference",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Who is signed in is known (from the session cookie) before anything reads a body, so the
    # guard can refuse oversized and signed-out uploads before CSRF parses them (issue 6.7).
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "trajectory.web.middleware.RequestBodyGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "trajectory.councils.middleware.PasswordChangeRequiredMiddleware",
    # ?download=csv&table=N, ?download=png|svg&chart=ID: a page's table or chart as a file,
    # after the page's own checks (issue 7.18).
    "trajectory.web.downloads.PageDownloadMiddleware",
]

ROOT_URLCONF = "trajectory.urls"
WSGI_APPLICATION = "trajectory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trajectory.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'trajectory.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on SQLite (DESIGN.md "No lost writes"): every transaction takes the
    # write lock when it begins (IMMEDIATE), so two writers queue on the busy timeout instead
    # of one failing with "database is locked" when a read lock cannot be upgraded; WAL lets
    # readers carry on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling (trajectory.councils.sign_in_throttle): five failures for one user name
# from one address lock that name there for an hour; 20 failures from one address across any
# user names lock the whole address for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "trajectory.councils.sign_in_throttle.SignInThrottle"
TRAJECTORY_SIGN_IN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("TRAJECTORY_SIGN_IN_ADDRESS_FAILURE_LIMIT", "20")
)
# The client address (throttling and the audit log alike): REMOTE_ADDR unless the app stands
# behind this many reverse proxies, each appending to X-Forwarded-For.
TRAJECTORY_PROXY_COUNT = int(os.environ.get("TRAJECTORY_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "trajectory.client_address.client_address"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SECURE = not DEBUG and os.environ.get("TRAJECTORY_INSECURE_COOKIES") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a TLS-terminating proxy (README "Production"): HTTPS is what the proxy says it was.
if os.environ.get("TRAJECTORY_BEHIND_TLS_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("TRAJECTORY_SSL_REDIRECT") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("TRAJECTORY_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Preloading binds the whole domain in browsers for months: the domain owner's decision, not
# the app's, so its deploy-check warning is silenced unless the owner asks for it.
SECURE_HSTS_PRELOAD = os.environ.get("TRAJECTORY_HSTS_PRELOAD") == "1"
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content Security Policy: everything from our own origin; Vega runs with its AST interpreter so
# no 'unsafe-eval' is needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
# Filled by `trajectory collectstatic` (`./run serve` runs it) in a server deployment.
STATIC_ROOT = Path(os.environ.get("TRAJECTORY_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
# Third-party assets (GOV.UK Frontend, Vega) are built here by `./run setup`, never committed.
STATICFILES_DIRS = [PROJECT_DIR / "build" / "static"]
if LOCAL_ONLY:
    # Straight from the source folders, no collectstatic needed.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = DEBUG
else:
    # Served from STATIC_ROOT only, as `trajectory collectstatic` left it: names carry a hash
    # of the content, so WhiteNoise sends them with a ten-year immutable max-age, compressed.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
