"""Whole-page caching for the public site, shared by every worker and server (see caching.py)."""

import gzip
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from lscp_site.security import is_admin_request

from .caching import content_version, page_key, seconds_left

logger = logging.getLogger(__name__)

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
        if not self.seconds or request.method not in ("GET", "HEAD") or is_admin_request(request):
            return self.get_response(request)

        try:
            version = content_version()
            key = page_key(request, version["token"])
            entry = self.local.get(key) or cache.get(key)
        except Exception:
            # The cache only makes the site faster: if it is down, serve every page uncached.
            logger.exception("Shared cache unavailable: serving %s uncached.", request.path)
            return self.get_response(request)
        # The site-furniture context processor keys on the same version without asking again.
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
                logger.exception("Shared cache unavailable: %s was not stored.", request.path)
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
        if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
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
