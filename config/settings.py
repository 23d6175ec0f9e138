"""warta's one settings module.

Every setting comes from the environment, with defaults that are safe for development and the
demo. ``WARTA_PRODUCTION=true`` switches to the production profile: secrets must be given, cookies
are secure, and ``manage.py check --deploy`` is clean.
"""

import importlib.util
import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from warta.web.content_security import READER_SCRIPT_HASHES

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WARTA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = env_bool("WARTA_PRODUCTION", False)
DEBUG = env_bool("WARTA_DEBUG", not PRODUCTION)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in the production profile.")
    # Development: a random key kept outside the repository, so no secret is ever committed.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# --- The publication -----------------------------------------------------------------------

WARTA_SITE_NAME = os.environ.get("WARTA_SITE_NAME", "The Warta Daily")
WARTA_SITE_TAGLINE = os.environ.get("WARTA_SITE_TAGLINE", "News from Indonesia and the world")
# Absolute URL of the logo; empty means the bundled wordmark.
WARTA_LOGO_URL = os.environ.get("WARTA_LOGO_URL", "")
# The public origin, used in canonical URLs, feeds, sitemaps and social cards.
WARTA_BASE_URL = os.environ.get("WARTA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WARTA_TIME_ZONE = os.environ.get("WARTA_TIME_ZONE", "Asia/Jakarta")
try:
    ZoneInfo(WARTA_TIME_ZONE)
except Exception as exc:  # ZoneInfoNotFoundError or ValueError for a malformed key
    raise ImproperlyConfigured(f"WARTA_TIME_ZONE={WARTA_TIME_ZONE!r} is not a time zone.") from exc
# How many paragraphs a teaser shows when the body has no explicit teaser break.
WARTA_TEASER_PARAGRAPHS = int(os.environ.get("WARTA_TEASER_PARAGRAPHS", "2"))
WARTA_ARTICLES_PER_PAGE = int(os.environ.get("WARTA_ARTICLES_PER_PAGE", "20"))
# The news sitemap lists what was published in this many hours (Google's rule is 48).
WARTA_NEWS_SITEMAP_HOURS = 48

# --- Applications --------------------------------------------------------------------------

INSTALLED_APPS = [
    "warta.accounts",
    "warta.newsroom",
    "warta.subscriptions",
    "warta.gifts",
    "warta.feedback",
    "warta.wire",
    "warta.web",
    "warta.worker",
    "warta.backups",
    "warta.demo",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "warta.accounts.apps.WagtailUsersConfig",  # wagtail.users, with its group screens
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The API's documentation page (/api/v1/docs) with its own scripts, not a CDN's.
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    # The app's sign-in: allauth's JSON API at /_allauth/app/v1/, session tokens (decision 0020).
    "allauth.headless",
    "axes",
    "django_tasks_db",
    "crontask",
]

MIDDLEWARE = [
    # Outside SecurityMiddleware: its redirect of plain HTTP to HTTPS is never shared-cacheable.
    "warta.web.scheme_redirects.SchemeRedirectsNotSharedMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, static files included;
    # the back office's own policy is chosen inside (decision 0023).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "warta.web.content_security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "warta.web.cache_policy.CachePolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Readers get the site's own 404 page, also with DEBUG on (the demo).
    "warta.web.not_found.ReaderNotFoundMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
                "warta.web.context_processors.publication",
                # {{ csp_nonce }}: made only when a template reads it (decision 0023).
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Data ----------------------------------------------------------------------------------

# SQLite is the embedded default. WAL lets readers run beside the one writer; IMMEDIATE takes the
# write lock at BEGIN so two writers queue on the busy timeout instead of failing half-way;
# synchronous=FULL makes a committed transaction survive a power cut.
SQLITE_INIT = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'warta.sqlite3'}"),
        conn_max_age=int(os.environ.get("WARTA_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no var/ yet: make it for the default database file; a folder named
    # in DATABASE_URL must exist (SQLite would only say "unable to open database file").
    _sqlite_folder = Path(DATABASES["default"]["NAME"]).parent
    if _sqlite_folder == VAR_DIR:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    elif not _sqlite_folder.is_dir():
        raise ImproperlyConfigured(
            f"DATABASE_URL names a SQLite file in {_sqlite_folder}, which does not exist: "
            "create the folder, or leave DATABASE_URL unset for $WARTA_VAR_DIR/warta.sqlite3."
        )
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": SQLITE_INIT,
    }
    # A file (not memory) so tests can use real concurrency; one per process so runs never collide.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"warta-test-{os.getpid()}.sqlite3")
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's PostgreSQL search backend needs it (system check postgres.E005 otherwise).
    INSTALLED_APPS.append("django.contrib.postgres")
    # The site's queries are short; PostgreSQL's JIT compiled for longer than they ran
    # (measured at a million articles: docs/performance.md).
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# An operator who runs one web process and no background worker (a benchmark, a trial) may say
# so deliberately; bin/serve then starts one web worker.
NO_SHARED_CACHE = env_bool("WARTA_NO_SHARED_CACHE", False)
if PRODUCTION and not REDIS_URL and not NO_SHARED_CACHE:
    # Several processes serve the site (one web worker per core, the background worker): what
    # must be exact across them (the signed-in user's state, rate limits, the scheduler's lock)
    # needs a cache they share. Decision 0013.
    raise ImproperlyConfigured(
        "REDIS_URL must be set in the production profile (e.g. redis://127.0.0.1:6379/0): "
        "the web workers and the background worker share sessions, rate limits and the "
        "scheduler's lock through it (docs/operations.md). A single web process with no "
        "background worker may set WARTA_NO_SHARED_CACHE=true instead."
    )
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # Sessions are read from Redis and kept in the database, so a Redis restart signs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Sessions in the database, read with one plain statement on every request.
    SESSION_ENGINE = "warta.accounts.sessions"

# --- The background worker (decision 0013, docs/operations.md) ---------------------------------

# Django's tasks API. "worker" is the database queue that `manage.py db_worker` runs (several
# workers on several machines take each job once: row locks on PostgreSQL); `manage.py crontask`
# enqueues the periodic jobs. "default" is what Wagtail's own jobs use through the django-tasks
# backport (reference index, search index, renditions): they keep running at once, in the
# process that asks for them, because the database worker can only run Django's own tasks
# (inside `warta.worker.deferred_tasks.tasks_deferred()`, each distinct one once, at the end).
TASKS = {
    "default": {"BACKEND": "warta.worker.deferred_tasks.DeferrableImmediateBackend"},
    "worker": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail", "purge", "wire"],
    },
}
# One scheduler enqueues the periodic jobs: with Redis, a lock keeps a second one (on another
# machine) waiting until the first stops; without Redis (the demo, one machine) there is one.
# It waits for as long as the first runs (crontask's own default gives up after 15 s, and
# bin/worker then stopped that machine's worker too).
CRONTASK = {"REDIS_URL": REDIS_URL or None, "LOCK_BLOCKING_TIMEOUT": None}
# A job RUNNING for longer than this whose worker is gone (killed, its machine lost) goes back to
# the queue (warta/worker/job_holds.py). On SQLite, which cannot tell, the age alone decides.
WARTA_WORKER_ABANDONED_AFTER = int(os.environ.get("WARTA_WORKER_ABANDONED_AFTER", "300"))
# The worker's nightly backup (warta/backups/tasks.py): the hour it starts in the site's time zone
# (empty: none), and how many of its files var/backups keeps.
_backup_hour = os.environ.get("WARTA_BACKUP_HOUR", "2").strip()
WARTA_BACKUP_HOUR = int(_backup_hour) if _backup_hour else None
if WARTA_BACKUP_HOUR is not None and not 0 <= WARTA_BACKUP_HOUR <= 23:
    raise ImproperlyConfigured("WARTA_BACKUP_HOUR is an hour from 0 to 23, or empty for none.")
WARTA_BACKUPS_KEEP = int(os.environ.get("WARTA_BACKUPS_KEEP", "14"))
if WARTA_BACKUPS_KEEP < 1:
    raise ImproperlyConfigured("WARTA_BACKUPS_KEEP must be 1 or more.")

# --- Accounts and security -----------------------------------------------------------------

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes counts failed sign-ins to the back office and locks the attacker out.
    "axes.backends.AxesStandaloneBackend",
    # Django's and allauth's backends, reading the signed-in user from the cache on each request.
    "warta.accounts.backends.ModelBackend",
    "warta.accounts.backends.AccountBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Readers' accounts (django-allauth). Sign in with e-mail or username; sign up with e-mail.
ACCOUNT_ADAPTER = "warta.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get(
    "WARTA_EMAIL_VERIFICATION", "mandatory" if PRODUCTION else "optional"
)
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # allauth's throttles for readers (per IP and per account); axes guards the back office.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# The app signs in through allauth's headless API, app client only (the site keeps its pages at
# /accounts/): the session token it gets goes in X-Session-Token (docs/api.md, decision 0020).
# Mails keep linking to the site's pages, which the app opens in a browser.
HEADLESS_CLIENTS = ("app",)
HEADLESS_ONLY = False
# Session tokens, allauth's default, read with one lookup of the session, not two.
HEADLESS_TOKEN_STRATEGY = "warta.accounts.session_token_strategy.OneReadSessionTokenStrategy"  # noqa: S105 - a class path

# django-axes: only the back office's sign-in (readers have allauth's rate limits).
AXES_HANDLER = "warta.accounts.axes_handler.BackOfficeAxesHandler"
AXES_ONLY_ADMIN_SITE = True
AXES_FAILURE_LIMIT = int(os.environ.get("WARTA_ADMIN_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("WARTA_PROXY_COUNT", "0")) or None

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview sets SAMEORIGIN on its own views
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("WARTA_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("WARTA_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("WARTA_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# --- E-mail (account mail and workflow notifications, sent by the worker) ------------------

_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_EMAIL_BACKEND = os.environ.get(
    "WARTA_EMAIL_BACKEND",
    _SMTP if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
# "none": the operator says deliberately that the site sends no mail (each message is dropped
# with a log line). A development backend in production is refused (warta/worker/mail_checks.py).
if _EMAIL_BACKEND == "none":
    _EMAIL_BACKEND = "warta.worker.no_mail.NoMailBackend"
# Requests enqueue mail ("default"); the worker sends it with the real backend ("delivery") and
# tries again while the mail server refuses or cannot be reached (warta/worker/mail.py).
MAILERS = {
    "default": {"BACKEND": "warta.worker.mail.QueuedMailBackend"},
    "delivery": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
        if _EMAIL_BACKEND == _SMTP
        else {},
    },
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# --- Payments ---------------------------------------------------------------------------------

# "development" activates a subscription at once, with no payment (the demo); refused in
# production. "stripe" uses Stripe Checkout and the customer portal.
WARTA_PAYMENT_PROVIDER = os.environ.get(
    "WARTA_PAYMENT_PROVIDER", "stripe" if PRODUCTION else "development"
)
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_WEBHOOK_TOLERANCE = 300  # seconds a signed webhook may be old
if PRODUCTION and WARTA_PAYMENT_PROVIDER == "development":
    raise ImproperlyConfigured("The development payment provider is refused in production.")

# --- The paywall --------------------------------------------------------------------------------

# Premium articles a signed-in reader may read each month without subscribing (0 = off).
WARTA_METER_PREMIUM_PER_MONTH = int(os.environ.get("WARTA_METER_PREMIUM_PER_MONTH", "0"))

# --- Gift articles -----------------------------------------------------------------------------

WARTA_GIFT_LINK_DAYS = int(os.environ.get("WARTA_GIFT_LINK_DAYS", "30"))
WARTA_GIFT_MAX_BROWSERS = int(os.environ.get("WARTA_GIFT_MAX_BROWSERS", "10"))
# New gift links one subscriber may make in any hour (0 = no limit): holds back scripts and
# revoke-and-gift-again loops (a revoked link nobody opened gives its gift back).
WARTA_GIFT_LINKS_PER_HOUR = int(os.environ.get("WARTA_GIFT_LINKS_PER_HOUR", "20"))

# --- Reader tools ------------------------------------------------------------------------------
# Text size, share options, "Continue in the app" and the outdated-browser notice
# (docs/decisions/0009-reader-tools-on-shared-pages.md). None of them makes an anonymous page
# differ between readers.

# The publisher's app. Empty (the default) means no app: no banner, no apple-itunes-app meta,
# and /.well-known/apple-app-site-association and /.well-known/assetlinks.json answer 404.
WARTA_APP_NAME = os.environ.get("WARTA_APP_NAME", "")
WARTA_APP_IOS_APP_ID = os.environ.get("WARTA_APP_IOS_APP_ID", "")  # numeric App Store id
WARTA_APP_IOS_TEAM_ID = os.environ.get("WARTA_APP_IOS_TEAM_ID", "")
WARTA_APP_IOS_BUNDLE_ID = os.environ.get("WARTA_APP_IOS_BUNDLE_ID", "")
WARTA_APP_ANDROID_PACKAGE = os.environ.get("WARTA_APP_ANDROID_PACKAGE", "")
# The signing certificates' SHA-256 fingerprints ("AB:CD:..."), comma-separated.
WARTA_APP_ANDROID_SHA256_FINGERPRINTS = env_list("WARTA_APP_ANDROID_SHA256_FINGERPRINTS", [])
# A custom URL scheme the app registers (e.g. "wartadaily"): the fallback when a universal or
# app link does not open the app.
WARTA_APP_SCHEME = os.environ.get("WARTA_APP_SCHEME", "")
# Days the "Continue in the app" banner stays away once a reader dismissed it.
WARTA_APP_BANNER_DISMISS_DAYS = 30

# The supported-browser policy: the oldest major version of each browser that gets no "Please
# update your browser" notice. About three years of releases; Internet Explorer is never
# supported. The browser decides (web/static/web/browser-policy.js): the page is the same for all.
# Review twice a year: Chrome and Edge ship every 4 weeks, Firefox every 4, Samsung Internet
# about every 3 months, Safari once a year (September).
WARTA_SUPPORTED_BROWSERS = {
    "chrome": 119,  # October 2023
    "edge": 119,  # November 2023
    "firefox": 120,  # November 2023
    "safari": 17,  # September 2023 (macOS and iOS)
    "samsung": 23,  # October 2023
}

# --- Caching ------------------------------------------------------------------------------------

# How long warta's own cache keeps an anonymous page (a change to what it shows makes it stale at
# once); 0 = off.
WARTA_PAGE_CACHE_SECONDS = int(os.environ.get("WARTA_PAGE_CACHE_SECONDS", "300"))
# How long a signed-in reader's subscription and gift facts are kept between requests (services
# forget them when they change them; edits by hand in the back office show after this); 0 = off.
WARTA_READER_FACTS_SECONDS = int(os.environ.get("WARTA_READER_FACTS_SECONDS", "60"))
# How long the signed-in user's row is kept between requests (saving the user forgets it); 0 = off.
WARTA_USER_CACHE_SECONDS = int(os.environ.get("WARTA_USER_CACHE_SECONDS", "300"))
# How long a process trusts what it read of the log of content changes (a publication reaches
# every process's cached pages within this); 0 = read it on every request.
WARTA_CONTENT_CHANGES_SECONDS = float(os.environ.get("WARTA_CONTENT_CHANGES_SECONDS", "1"))
# How long warta keeps the pieces pages are made of (an article page per kind of reader, what
# deciding access needs of an article): a change to the article makes them stale at once; 0 = off.
WARTA_FRAGMENT_CACHE_SECONDS = int(os.environ.get("WARTA_FRAGMENT_CACHE_SECONDS", "300"))
# How long past its lifetime, or after a change made it stale, a cached page may still be served
# while one process renders it anew (the others answer with the stale copy meanwhile).
WARTA_PAGE_STALE_SECONDS = int(os.environ.get("WARTA_PAGE_STALE_SECONDS", "30"))
# How long a process trusts a signed-in reader's user row and facts it read from Redis (the
# process that changes them forgets them at once, others within this); 0 = not at all.
WARTA_READER_TRUST_SECONDS = float(os.environ.get("WARTA_READER_TRUST_SECONDS", "1"))
# Pages and article shells kept in each process's memory in front of Redis; 0 = none.
WARTA_LOCAL_CACHE_ENTRIES = int(os.environ.get("WARTA_LOCAL_CACHE_ENTRIES", "256"))
# Shared caches in front of warta to empty on every publication (e.g. Varnish: http://host:6081/).
WARTA_CACHE_PURGE_URLS = env_list("WARTA_CACHE_PURGE_URLS", [])
# The purge job opens them (newsroom/tasks.py): plain HTTP(S) only, never file: or ftp:.
for _url in WARTA_CACHE_PURGE_URLS:
    if urlsplit(_url).scheme not in {"http", "https"} or not urlsplit(_url).netloc:
        raise ImproperlyConfigured(
            f"WARTA_CACHE_PURGE_URLS: {_url!r} is not an http:// or https:// address."
        )

# --- Reader feedback ----------------------------------------------------------------------------

WARTA_FEEDBACK_MIN_FILL_SECONDS = int(os.environ.get("WARTA_FEEDBACK_MIN_FILL_SECONDS", "3"))
WARTA_FEEDBACK_PER_CLIENT = int(os.environ.get("WARTA_FEEDBACK_PER_CLIENT", "5"))
WARTA_FEEDBACK_WINDOW_SECONDS = int(os.environ.get("WARTA_FEEDBACK_WINDOW_SECONDS", "600"))

# --- Search ------------------------------------------------------------------------------------

# Searches one client (a signed-in reader, or an address) may make a minute; 0: no limit.
WARTA_SEARCH_PER_MINUTE = int(os.environ.get("WARTA_SEARCH_PER_MINUTE", "30"))

# --- The content API ---------------------------------------------------------------------------

# Requests a minute to /api/ that warta answers itself (answers a shared cache gives cost
# nothing): per session token for the app's signed-in readers, per address for everyone else
# (warta/api/rate_limits.py). 0: no limit.
WARTA_API_TOKEN_PER_MINUTE = int(os.environ.get("WARTA_API_TOKEN_PER_MINUTE", "300"))
WARTA_API_ADDRESS_PER_MINUTE = int(os.environ.get("WARTA_API_ADDRESS_PER_MINUTE", "600"))

# --- Time and language ---------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = WARTA_TIME_ZONE
USE_I18N = True
USE_TZ = True

# --- Static files and media ----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("WARTA_MEDIA_ROOT", VAR_DIR / "media"))
# Where uploaded images live (decision 0015, docs/operations.md "Media"): "filesystem" (MEDIA_ROOT,
# served by warta itself at MEDIA_URL) or "s3", an S3-compatible object store through
# django-storages (`pip install 'warta[s3]'`), shared by several machines and served by the store
# or a CDN in front of it. Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the machine's role): no secret passes through these settings.
WARTA_MEDIA_STORAGE = os.environ.get("WARTA_MEDIA_STORAGE", "filesystem").strip().lower()
# A year, and never revalidated: an image's file name never changes its bytes (Wagtail gives a
# new upload a new name, and a rendition's name says its size and focal point).
MEDIA_IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"
if WARTA_MEDIA_STORAGE == "filesystem":
    _MEDIA_STORAGE: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif WARTA_MEDIA_STORAGE == "s3":
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "WARTA_MEDIA_STORAGE=s3 needs django-storages: pip install 'warta[s3]' "
            "(docs/operations.md, Media)."
        )
    if not os.environ.get("WARTA_S3_BUCKET"):
        raise ImproperlyConfigured("WARTA_MEDIA_STORAGE=s3 needs WARTA_S3_BUCKET.")
    _MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["WARTA_S3_BUCKET"],
            "endpoint_url": os.environ.get("WARTA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("WARTA_S3_REGION") or None,
            "location": os.environ.get("WARTA_S3_PREFIX", ""),
            # The public address of the images: a CDN or the store's own host, no scheme.
            "custom_domain": os.environ.get("WARTA_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": "https:" if env_bool("WARTA_S3_HTTPS", True) else "http:",
            # Plain URLs (pages are cached; signed ones would expire inside them), and a new
            # upload never overwrites an older image of the same name.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": MEDIA_IMMUTABLE_CACHE_CONTROL},
        },
    }
else:
    raise ImproperlyConfigured(
        f"WARTA_MEDIA_STORAGE={WARTA_MEDIA_STORAGE!r}: say filesystem (the default) or s3."
    )
STORAGES = {
    "default": _MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
# warta serves the images in MEDIA_ROOT at MEDIA_URL itself (warta/web/media.py), in production
# too; false when a web server or CDN in front serves that folder instead.
WARTA_SERVE_MEDIA = WARTA_MEDIA_STORAGE == "filesystem" and env_bool("WARTA_SERVE_MEDIA", True)

# --- Content-Security-Policy (docs/decisions/0023-content-security-policy.md) ---------------

# Where images come from besides this site: the media store's public host when it is not warta.
if WARTA_MEDIA_STORAGE == "s3":
    _media_host = _MEDIA_STORAGE["OPTIONS"]["custom_domain"]
    _endpoint = _MEDIA_STORAGE["OPTIONS"]["endpoint_url"]
    if _media_host:
        _MEDIA_SOURCES = [f"{_MEDIA_STORAGE['OPTIONS']['url_protocol']}//{_media_host}"]
    elif _endpoint:
        _MEDIA_SOURCES = [f"{urlsplit(_endpoint).scheme}://{urlsplit(_endpoint).netloc}"]
    else:
        _MEDIA_SOURCES = ["https://*.amazonaws.com"]
else:
    _MEDIA_SOURCES = []
# Forms post to warta only; Chrome applies form-action to the redirect that follows a post too,
# and the subscribe and billing forms are answered with a redirect to Stripe's own pages.
_FORM_TARGETS = (
    ["https://checkout.stripe.com", "https://billing.stripe.com"]
    if WARTA_PAYMENT_PROVIDER == "stripe"
    else []
)
_CSP_COMMON = {
    "default-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF, *_FORM_TARGETS],
}
# Every page but the back office's. Shared pages (the page cache, Varnish) carry it whole, so it
# allows inline scripts by hash, never by nonce; a page that reads the nonce is made private
# (warta/web/cache_policy.py).
SECURE_CSP = {
    **_CSP_COMMON,
    "script-src": [CSP.SELF, *READER_SCRIPT_HASHES],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, *_MEDIA_SOURCES],
    "frame-ancestors": [CSP.NONE],  # as X_FRAME_OPTIONS = "DENY"
}
SECURE_CSP_REPORT_ONLY: dict = {}
# The back office (/admin/, warta/web/content_security.py). The strict policy: no inline script
# or style but by nonce (Django adds one to a response whose rendering reads {{ csp_nonce }}).
# Wagtail's preview frames its own pages (frame-ancestors 'self', as its X-Frame-Options
# SAMEORIGIN); data: and blob: for Wagtail's images (wagtail/wagtail#7053).
WARTA_CSP_ADMIN_STRICT = {
    **_CSP_COMMON,
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:", *_MEDIA_SOURCES],
    "frame-ancestors": [CSP.SELF],
}
# Enforced on the back office but its sign-in: the strict policy with inline scripts and styles
# allowed, which Wagtail 8's edit forms still write (the choosers' and date fields' <script>, the
# editor's <style> elements); the strict one is sent report-only beside it.
WARTA_CSP_ADMIN = {
    **WARTA_CSP_ADMIN_STRICT,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}

# --- Wagtail -------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = WARTA_SITE_NAME
WAGTAILADMIN_BASE_URL = WARTA_BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "newsroom.NewsImage"
# What the image library takes (warta/newsroom/image_checks.py, docs/operations.md "Media"), from
# the back office and the wire alike: JPEG, PNG, WebP, AVIF by content; 50 megapixels fits a
# 45 MP camera's photos (8256x5504) and bounds a decode to ~200 MB; Pillow's guard says the same.
WARTA_IMAGE_MAX_PIXELS = int(os.environ.get("WARTA_IMAGE_MAX_PIXELS", "50000000"))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = WARTA_IMAGE_MAX_PIXELS
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("WARTA_IMAGE_MAX_UPLOAD_MB", "40")) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "jpeg", "jpg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "warta.newsroom.image_forms.NewsImageBaseForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# Documents always through Wagtail's view, which checks their collection's privacy; never a
# redirect to the media store (docs/operations.md, Media).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_FINDERS: list[dict[str, str]] = []  # embeds are links, never fetched or framed
# Staff avatars: the one uploaded in the admin's account, else Wagtail's own; never Gravatar
# (an outside host, told who is signed in, unreachable from many newsroom networks).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No look-up of Wagtail's latest release from administrators' browsers (releases.wagtail.org):
# the back office asks nothing of another server; upgrades are the operator's (operations.md).
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Logs (docs/operations.md, "Logs"): everything on standard error, one line per record, as text
# or as JSON (WARTA_LOG_FORMAT=json); one access line per request (warta/web/access_log.py, on in
# production); Django's 4xx lines are INFO, not warnings (warta/web/logs.py).
WARTA_LOG_LEVEL = os.environ.get("WARTA_LOG_LEVEL", "WARNING").strip().upper()
WARTA_LOG_FORMAT = os.environ.get("WARTA_LOG_FORMAT", "text").strip().lower()
if WARTA_LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"WARTA_LOG_FORMAT={WARTA_LOG_FORMAT!r}: say text or json.")
if WARTA_LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"WARTA_LOG_LEVEL={WARTA_LOG_LEVEL!r}: say DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )
WARTA_ACCESS_LOG = env_bool("WARTA_ACCESS_LOG", PRODUCTION)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "warta.web.logs.TextFormatter"},
        "json": {"()": "warta.web.logs.JsonFormatter"},
    },
    "filters": {"client_errors_are_info": {"()": "warta.web.logs.ClientErrorsAreInfo"}},
    # Lines in batches: at least once a second, at once from WARNING up (warta/web/log_batches.py).
    "handlers": {
        "console": {
            "class": "warta.web.log_batches.BatchedStreamHandler",
            "formatter": WARTA_LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": WARTA_LOG_LEVEL},
    "loggers": {
        # Django's own handlers off: its lines reach the console above once, in its format.
        "django": {"handlers": [], "level": WARTA_LOG_LEVEL, "propagate": True},
        "django.request": {"filters": ["client_errors_are_info"]},
        "warta.access": {"level": "INFO"},
    },
}
