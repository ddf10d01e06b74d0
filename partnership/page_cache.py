"""
The page cache: the only code that touches ``django.core.cache``.

It stays correct with several gunicorn workers and several servers. Everything cached here lives
in the shared cache (CACHE_URL) under keys that include the *content version*: a random token,
itself kept in the shared cache, that is replaced whenever content changes (the
``content_changed`` signal). The next request from any worker on any server then finds the version
out of date, makes a new one and renders afresh, so an edit shows at once with no per-process
state to clear.

A change writes a new *generation* (another token) rather than deleting the version, and a version
is good only for the generation it was made under. A request that read the data just before a
save committed, and stores its version (or a page) just after, stores it under the old
generation, so the next request replaces it instead of serving what the save changed.

The version also records when the public site next changes by itself (the next scheduled
publish date, or local midnight for date-based rules such as a vision coming into force) and
is replaced at that moment, so a scheduled item appears on time.

Three things are cached under the version: whole public pages (``PageCacheMiddleware``), the
furniture every page needs (``furniture()``), and nothing else. Outside the version, short-lived
counters limit how often one address may send visitor feedback (``within_limit()``).

The cache only makes the site faster: when it fails, pages are served from the database
(``shared_cache`` says how this process last found it).
"""

import contextvars
import datetime
import gzip
import hashlib
import logging
import secrets
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from lscp_site.security import is_admin_request

from .contrast import contrast_from
from .models import content_models
from .signals import scheduled_work

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
GENERATION_KEY = "content-generation"
# Furniture is kept for a day at most; any edit or scheduled change replaces it sooner.
FURNITURE_SECONDS = 24 * 60 * 60


# --- The cache failing -----------------------------------------------------------------------


class SharedCacheState:
    """How this process last found the shared cache.

    After a failure the cache is left alone for ``retry_seconds`` and pages are served from the
    database at once: a stalled cache (one that answers nothing until the socket timeout) costs
    each worker one wait every few seconds instead of one per request, and the log gets one
    traceback a minute instead of one per request.

    A new generation that could not be written (an edit saved while the cache was failing) is
    owed, and written before anything else once the cache answers: a cache that comes back with
    its data (after a stall, or a restart from disk) must not serve pages from before the edit.
    """

    retry_seconds = 2.0
    log_seconds = 60.0

    def __init__(self):
        self.retry_at = 0.0
        self.logged_at = float("-inf")
        self.generation_owed = False

    def available(self):
        return time.monotonic() >= self.retry_at

    def failed(self, message, *args):
        """Note a failure (call from an ``except`` block); log it if none was logged lately."""
        now = time.monotonic()
        self.retry_at = now + self.retry_seconds
        if now - self.logged_at >= self.log_seconds:
            self.logged_at = now
            logger.exception(message + " Until it answers, pages are served uncached.", *args)


shared_cache = SharedCacheState()


# --- The content version ---------------------------------------------------------------------

# Set while content is changed only to be shown and rolled back (an editor's preview of a working
# copy): nothing then is read from the shared cache or written to it.
_bypassed = contextvars.ContextVar("page_cache_bypassed", default=False)


@contextmanager
def bypassed():
    """Keep the shared cache out of whatever runs inside.

    A preview applies a working copy in a transaction it then rolls back. Whatever that request
    made of the uncommitted content (furniture, a version with its next scheduled change) must
    never be stored where the public's next request would find it, and a change that will be
    rolled back has no version to forget.
    """
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def content_version():
    """Return the current content version: ``{"token", "generation", "expires"}``.

    One round trip to the shared cache when the version is current, as it nearly always is.
    """
    if shared_cache.generation_owed:
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        shared_cache.generation_owed = False
    found = cache.get_many([VERSION_KEY, GENERATION_KEY])
    version, generation = found.get(VERSION_KEY), found.get(GENERATION_KEY)
    if generation is None:
        # A cache that is new or was emptied: start a generation unless another worker just did.
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if (
        version is None
        or version.get("generation") != generation
        or version["expires"] <= time.time()
    ):
        # The generation is read before the data next_change() reads, so a save committing
        # in between leaves this version already out of date.
        version = {
            "token": secrets.token_hex(8),
            "generation": generation,
            "expires": next_change(),
        }
        cache.set(VERSION_KEY, version, timeout=None)
    return version


def forget_content_version():
    # An editor's save must never fail, or wait, because the cache is down: the new generation
    # is then owed, and written when the cache answers again.
    if shared_cache.available():
        try:
            cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
            return
        except Exception:
            shared_cache.failed("Shared cache unavailable: the content version is owed.")
    shared_cache.generation_owed = True


def seconds_left(version, limit):
    """How long something cached under ``version`` may live: ``limit`` or less."""
    return max(0, min(limit, int(version["expires"] - time.time())))


def next_change():
    """When the public site next changes without an edit, as epoch seconds.

    The sooner of the next moment any content model names (``changes_after()``: a scheduled
    publish or unpublish date, say), in one query across them all, the next scheduled work
    (``scheduled_work``: a working copy to publish, made first if it has come due), and the next
    local midnight, for date-based rules such as a vision coming into force.
    """
    now = timezone.now()
    changes = []
    upcoming = [when for _receiver, when in scheduled_work.send(sender=None, now=now) if when]
    for model in content_models():
        found = model.objects.changes_after(now)
        for part in [found] if isinstance(found, QuerySet) else found or []:
            if isinstance(part, QuerySet):
                changes.append(part)
            else:
                # A moment worked out in Python (a line opening or closing).
                upcoming.append(part)
    if changes:
        upcoming += changes[0].union(*changes[1:], all=True)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    return min([midnight, *upcoming]).timestamp()


def content_changed(sender, **kwargs):
    """Receiver of ``partnership.signals.content_changed``: start a new generation.

    At once (the editor's own next request, and tests, see the change) and again when the
    transaction commits, because a request served between the two read what the database held
    before the commit.
    """
    if _bypassed.get():
        return
    forget_content_version()
    transaction.on_commit(forget_content_version)


# --- Furniture -------------------------------------------------------------------------------


def furniture(request, load):
    """What every page shows (``load()``'s result), fetched once per content version."""
    if _bypassed.get() or not shared_cache.available():
        return load()
    try:
        version = getattr(request, "content_version", None) or content_version()
        return cache.get_or_set(
            f"furniture:{version['token']}", load, seconds_left(version, FURNITURE_SECONDS)
        )
    except DatabaseError:
        raise
    except Exception:
        # With the cache down the page still renders, from the database.
        shared_cache.failed("Shared cache unavailable: site furniture read from the database.")
        return load()


# --- Rate limits ----------------------------------------------------------------------------


def within_limit(name, limit, seconds):
    """Count one more event under ``name``; False once more than ``limit`` happened within
    ``seconds`` of the first. Shared by every worker, so a flood spread across them is caught.

    ``name`` should not be personal data: callers pass a keyed hash, and the counter expires.
    With the cache failing the event is allowed: feedback matters less than the site answering.
    """
    if not shared_cache.available():
        return True
    key = f"limit:{name}"
    try:
        if cache.add(key, 1, timeout=seconds):
            return True
        return cache.incr(key) <= limit
    except ValueError:
        # Expired between add() and incr(): this is the first event of a new window.
        return True
    except Exception:
        shared_cache.failed("Shared cache unavailable: a rate limit was not applied.")
        return True


# --- Health ----------------------------------------------------------------------------------


def cache_answers():
    """Whether the shared cache answers, for the health check: one read, nothing written.

    Reading the generation makes the cache do a round trip (a down Redis raises); a miss is an
    answer too (a cache just emptied by a restart).
    """
    cache.get(GENERATION_KEY)
    return True


# --- Whole pages -----------------------------------------------------------------------------


def page_key(request, host, token):
    # What the site routes on (path_info) and what it renders links with (the script prefix,
    # fixed by FORCE_SCRIPT_NAME), never the address the client claims as a whole.
    query = request.META.get("QUERY_STRING", "")
    url = f"{request.scheme}://{host}{get_script_prefix()}|{request.path_info}?{query}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    # The contrast preference is the only thing a public page varies by; unknown values count as
    # none, so junk cookies cannot multiply the cache entries.
    return f"page:{token}:{contrast_from(request) or ''}:{digest}"


# Headers worked out afresh for each response served from the cache; every other header the view
# and inner middleware set (X-Frame-Options, security headers) is stored with the page. Cookies
# are never stored: a response that sets one is not cached at all.
PER_RESPONSE_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "date",
    "etag",
    "expires",
    "last-modified",
    "vary",
}


class PageCacheMiddleware:
    """Serve public GET pages from the shared cache, compressed, with headers a CDN can trust.

    A response is stored only if it is the same for every visitor with the same contrast
    preference: a 200, not streamed, setting no cookie, varying on nothing (the session above
    all) but the encoding, without a CSRF token or a CSP nonce, and not marked private by the
    view (``never_cache``).
    """

    # Pages this process has already fetched from the shared cache, under the same versioned keys,
    # so a repeat visit costs one shared-cache read (the version), not two. Emptied when full.
    local_entries = 500

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = {}
        self.seconds = settings.PAGE_CACHE_SECONDS
        self.cdn_seconds = settings.CDN_CACHE_SECONDS

    def __call__(self, request):
        if (
            not self.seconds
            or request.method not in ("GET", "HEAD")
            or is_admin_request(request)
            or not shared_cache.available()
        ):
            return self.get_response(request)
        # Outside the cache's try: a Host outside ALLOWED_HOSTS is the client's mistake, and
        # Django answers it with the site's 400 page.
        host = request.get_host()

        try:
            version = content_version()
            key = page_key(request, host, version["token"])
            entry = self.local.get(key) or cache.get(key)
        except DatabaseError:
            # The database failing (while the version read the next scheduled change) is no
            # reason to leave the cache alone; the view will meet the same error.
            raise
        except Exception:
            # The cache only makes the site faster: if it is down, serve every page uncached.
            shared_cache.failed("Shared cache unavailable: serving %s uncached.", request.path)
            return self.get_response(request)
        # furniture() keys on the same version without asking the cache again.
        request.content_version = version
        state = "hit"
        if entry is None:
            response = self.get_response(request)
            if not self.storable(request, response):
                return response
            entry = self.entry_from(response)
            try:
                cache.set(key, entry, seconds_left(version, self.seconds))
            except Exception:
                shared_cache.failed("Shared cache unavailable: %s was not stored.", request.path)
            state = "miss"
        if len(self.local) >= self.local_entries:
            self.local.clear()
        self.local[key] = entry
        return self.response_from(request, entry, version, state)

    @staticmethod
    def storable(request, response):
        # Pages are keyed by URL and contrast only; gzip is handled here.
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        cache_control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and vary <= {"accept-encoding"}
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "nonce-" not in response.get("Content-Security-Policy", "")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )

    @staticmethod
    def entry_from(response):
        content = response.content
        return {
            "headers": {
                name: value
                for name, value in response.items()
                if name.lower() not in PER_RESPONSE_HEADERS
            },
            # Stored compressed only: nearly every client accepts gzip.
            "gzip": gzip.compress(content, compresslevel=6, mtime=0),
            # Weak: the plain and gzip bodies are the same page, so they share one ETag.
            "etag": f'W/"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
        }

    def response_from(self, request, entry, version, state):
        if accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response = HttpResponse(entry["gzip"], headers=entry["headers"])
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(entry["gzip"]), headers=entry["headers"])
        response["Content-Length"] = len(response.content)
        response["ETag"] = entry["etag"]
        # Browsers check back every time (a cheap 304 thanks to the ETag); a CDN or proxy may
        # keep the page briefly, never past the next scheduled change.
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={seconds_left(version, self.cdn_seconds)}"
        )
        patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
        response["X-Page-Cache"] = state
        return response


def accepts_gzip(accept_encoding):
    """Whether an Accept-Encoding header allows gzip (RFC 9110 12.5.3: q=0 means "not this")."""
    weights = {}
    for item in accept_encoding.lower().split(","):
        coding, *parameters = (part.strip() for part in item.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if coding:
            weights[coding] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0
