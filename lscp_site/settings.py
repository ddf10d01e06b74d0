"""
Settings for the LSCP site: one module, every deploy-time value read from the environment.

Every variable is documented in README.md ("Configuration") and .env.example. Outside DEBUG the
site refuses to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import ipaddress
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is a convenience for development; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _required(name):
    """Return a required setting, or stop start-up with a message naming the variable."""
    value = env(name, default="")
    if not value:
        raise ImproperlyConfigured(f"You must set the {name} environment variable (see README.md).")
    return value


if DEBUG:
    # Only ever used on a developer's machine with DJANGO_DEBUG=true.
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-local-development-only")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = _required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "You must set the DJANGO_ALLOWED_HOSTS environment variable (see README.md)."
        )
    if "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the site's hosts, not '*'.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "reversion",
    "csp",
    "axes",
    "treebeard",
    "partnership",
    "images",
    "redirects",
    "feedback",
    "editing",
    "events",
    "learning",
    "quality",
]

MIDDLEWARE = [
    # First: forwarding headers from anyone but our own proxies are dropped before anything reads
    # them, and oversized bodies are refused before anything reads them.
    "lscp_site.security.TrustedProxyMiddleware",
    "lscp_site.security.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lscp_site.security.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "lscp_site.security.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers If-None-Match with 304 for pages, cached or not; then the shared page cache.
    "django.middleware.http.ConditionalGetMiddleware",
    "partnership.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lscp_site.security.AdminSessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware: an old address is looked up as it was written, before Django
    # tries it with a slash added.
    "redirects.middleware.RedirectFallbackMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # An admin form posted after the session ended is kept for when the editor signs in again.
    "editing.kept_forms.KeepUnsentFormMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lscp_site.urls"
WSGI_APPLICATION = "lscp_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # One way of writing dates and times everywhere: {{ value|moment }}, {{ value|day }}.
            "builtins": ["partnership.templatetags.dates"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnership.context_processors.site",
                "partnership.context_processors.contrast",
            ],
        },
    },
]

# Database: SQLite in the project by default; PostgreSQL through DATABASE_URL for production.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while an editor saves; IMMEDIATE takes the write lock at
        # the start of a transaction, so concurrent writers wait instead of failing with
        # "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache(url):
    """The cache named by ``url``, as django-environ reads CACHE_URL, for every worker to share."""
    config = env.cache_url_config(url)
    if config["BACKEND"].endswith(".RedisCache"):
        # django-redis keeps one client per process; Django's own backend builds a new redis.Redis
        # for every call (a get: 160 µs against 45 µs), and every page served reads the cache.
        config["BACKEND"] = "django_redis.cache.RedisCache"
        # Without a timeout a stalled Redis (a long fork, a network dropping packets) holds every
        # worker until gunicorn kills it. Half a second is hundreds of round trips on a local
        # network; then the page is served from the database. CACHE_URL's ?socket_timeout= wins.
        config["OPTIONS"] = {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            **config.get("OPTIONS", {}),
        }
    return config


# The cache must be shared by every worker (the page cache and content version live there): files
# in the project folder serve one server with several gunicorn workers; Redis serves several.
CACHES = {
    "default": _cache(
        env("CACHE_URL", default=f"filecache://{BASE_DIR / '.cache'}?max_entries=5000")
    )
}
# How long a rendered public page is kept (seconds; 0 turns page caching off). Edits and
# scheduled publishing replace pages sooner, so this only bounds memory.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=0 if DEBUG else 86400)
# How long a CDN or reverse proxy in front may reuse a public page (Cache-Control s-maxage).
CDN_CACHE_SECONDS = env.int("DJANGO_CDN_CACHE_SECONDS", default=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address are refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "en-gb"
# Dates as editors and visitors write them: "12 July 2022" (lscp_site/formats/).
FORMAT_MODULE_PATH = ["lscp_site.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

# The largest document editors may upload. A proxy in front (nginx client_max_body_size) must
# allow at least this much, or it refuses the upload before the site can explain why.
DOCUMENT_MAX_UPLOAD_MB = env.int("DJANGO_MAX_UPLOAD_MB", default=20)

# The image library (images/): the largest upload, and the most pixels an image may decode to.
# A photo from a phone is 3 to 8 MB and 12 to 50 million pixels; a "decompression bomb" is a small
# file that claims far more pixels, to exhaust the server's memory, and is refused.
IMAGE_MAX_UPLOAD_MB = env.int("DJANGO_MAX_IMAGE_MB", default=10)
IMAGE_MAX_PIXELS = env.int("DJANGO_MAX_IMAGE_PIXELS", default=50_000_000)
# Uploads larger than this are streamed to a temporary file rather than held in memory (Django's
# default, stated because a 50 MB upload must never sit in a worker's memory).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440


def _object_storage(url):
    """django-storages' S3 options from DJANGO_STORAGE_URL, s3://KEY:SECRET@host:port/bucket.

    ``?secure=false`` for a plain-HTTP endpoint (a gateway on the same network), ``&region=``
    for the bucket's region. The bucket is private: documents are sent by the site's download
    view, never from the bucket's own address.
    """
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    bucket = parts.path.strip("/")
    if parts.scheme != "s3" or not bucket or not parts.hostname:
        raise ImproperlyConfigured(
            "DJANGO_STORAGE_URL must look like s3://KEY:SECRET@host:port/bucket "
            "(see docs/deployment.md)."
        )
    scheme = "http" if query.get("secure", "true").lower() == "false" else "https"
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": f"{scheme}://{host}",
            "access_key": unquote(parts.username or ""),
            "secret_key": unquote(parts.password or ""),
            "region_name": query.get("region", "us-east-1"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            # Path-style addresses (host/bucket/key) work with every S3-compatible server.
            "addressing_style": "path",
            "signature_version": "s3v4",
        },
    }


# Uploads go to the local folder by default; with DJANGO_STORAGE_URL to an S3-compatible bucket
# that every server shares (django-storages). Code reaches them only through default_storage.
STORAGE_URL = env("DJANGO_STORAGE_URL", default="")
STORAGES = {
    "default": (
        _object_storage(STORAGE_URL)
        if STORAGE_URL
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A failed CSRF check (an editor's form left open while they signed in again elsewhere) gets a page
# in the site's design, and an admin form's contents are kept for when they open it again.
CSRF_FAILURE_VIEW = "editing.views.csrf_failure"

# E-mail (approvers are told when something waits for them): an SMTP server as a URL,
# smtp://user:password@host:587 (smtp+tls://, smtp+ssl:// for encryption); django-environ reads it.
vars().update(env.email_url("DJANGO_EMAIL_URL", default="smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="website@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How long a share link for a preview works, unless the editor who makes it says otherwise.
SHARE_LINK_DAYS = env.int("DJANGO_SHARE_LINK_DAYS", default=7)
# The site's own address, for links in e-mails sent with no request to hand (review reminders) and
# for telling the link checker which absolute links are the site's own.
SITE_URL = env("DJANGO_SITE_URL", default=f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "")

# The link checker (manage.py check_links): how long it waits for a server, how much of an answer
# it reads, and how many requests it makes to one host in a run, with a pause between them.
LINK_CHECK_TIMEOUT = env.float("DJANGO_LINK_CHECK_TIMEOUT", default=10.0)
LINK_CHECK_MAX_BYTES = env.int("DJANGO_LINK_CHECK_MAX_BYTES", default=64 * 1024)
LINK_CHECK_PER_HOST = env.int("DJANGO_LINK_CHECK_PER_HOST", default=50)
LINK_CHECK_PAUSE = env.float("DJANGO_LINK_CHECK_PAUSE", default=1.0)

# The admin lives at a path chosen per deployment (default "admin/").
ADMIN_URL = env("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"
# After signing in with no (or an off-site) `next`, editors land on the admin's index.
LOGIN_REDIRECT_URL = "admin:index"
# The site is served at the root of its host name. Fixed here so that a SCRIPT_NAME passed along by
# a proxy (or a client) can never change the links a page is rendered with.
FORCE_SCRIPT_NAME = ""
# The most a public (non-admin) request may send: the contrast form is a few dozen bytes.
PUBLIC_MAX_BODY_BYTES = 16 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # A Host outside DJANGO_ALLOWED_HOSTS is a scanner or a misdirected request, answered with
        # the site's 400 page (and in the access log); Django would log each one as an ERROR
        # with a traceback.
        "django.security.DisallowedHost": {"level": "CRITICAL"},
    },
}

# The content `manage.py load_initial_content` loads on first set-up; another partnership points
# this at its own file.
INITIAL_CONTENT = env(
    "DJANGO_INITIAL_CONTENT",
    default=str(BASE_DIR / "partnership" / "initial_content" / "solihull.json"),
)

# --- Security (README.md, "Security"). Anchors: Django's deployment checklist, the MDN HTTP
# Observatory rubric and OWASP ASVS level 1.

# TLS ends at the reverse proxy, which must set X-Forwarded-Proto (and strip any the client sent).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe the health endpoint over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole registrable domain (often the council's), so it is the domain
    # owner's decision: DJANGO_HSTS_PRELOAD=true once they have made it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No feature the site uses needs any of these; the browser refuses them to every frame and script
# (django-permissions-policy sends the header).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# An editor's session ends after this long without an admin request (AdminSessionIdleMiddleware
# renews it on each one), and when the browser closes.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Strict CSP: our script and style are static files, so 'self' is all the site needs; no nonces,
# because public pages are cached and shared between visitors. The admin's editor adds one hash
# (lscp_site.security.SiteCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Sign-in lock-out (django-axes): five failures for one username from one address lock that
# pair out for the cool-off period. Editors elsewhere, and the same editor elsewhere, still sign in.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = env.float("DJANGO_AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "lscp_site.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Password spraying (one address trying many usernames) locks the whole address out after this
# many failures within the cool-off, whatever the usernames (lscp_site.signin).
AXES_HANDLER = "lscp_site.signin.SignInLockoutHandler"
AXES_ADDRESS_FAILURE_LIMIT = env.int("DJANGO_AXES_ADDRESS_FAILURE_LIMIT", default=30)


def _networks(name, default):
    try:
        return tuple(
            ipaddress.ip_network(value, strict=False) for value in env.list(name, default=default)
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must list IP addresses or networks: {error}") from error


if "DJANGO_TRUSTED_PROXY_COUNT" in env.ENVIRON:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXY_COUNT is replaced by DJANGO_TRUSTED_PROXIES: list the proxies' "
        "addresses (e.g. 127.0.0.1,::1 for nginx on the same machine)."
    )
# The reverse proxies' own addresses (or networks). Forwarding headers (X-Forwarded-For, -Proto,
# -Host) are believed only on a connection from one of them; from anyone else they are dropped.
# Empty (the default): no proxy, the connection's address is the client's.
TRUSTED_PROXIES = _networks("DJANGO_TRUSTED_PROXIES", [])
# /health/ names which part failed only to these addresses (a load balancer, a monitor).
HEALTH_DETAIL_FROM = _networks("DJANGO_HEALTH_DETAIL_FROM", ["127.0.0.0/8", "::1"])

# /.well-known/security.txt (RFC 9116). No contact, no file: a 404 is better than a dead address.
SECURITY_TXT_CONTACT = env.list("DJANGO_SECURITY_CONTACT", default=[])
# An ISO 8601 date-time with its zone; empty means six months from the day the file is served.
try:
    SECURITY_TXT_EXPIRES = env("DJANGO_SECURITY_TXT_EXPIRES", default="")
    SECURITY_TXT_EXPIRES = (
        datetime.fromisoformat(SECURITY_TXT_EXPIRES) if SECURITY_TXT_EXPIRES else None
    )
except ValueError as error:
    raise ImproperlyConfigured(
        "DJANGO_SECURITY_TXT_EXPIRES must be an ISO 8601 date-time such as 2027-04-01T00:00:00Z."
    ) from error
if SECURITY_TXT_EXPIRES is not None and SECURITY_TXT_EXPIRES.tzinfo is None:
    raise ImproperlyConfigured("DJANGO_SECURITY_TXT_EXPIRES needs a time zone, e.g. ...T00:00:00Z.")
