"""
Security plumbing that Django and django-csp do not provide on their own.

- Forwarding headers believed only from our own proxies, and the client's real IP address behind
  them (for django-axes).
- Request bodies bounded before anything reads them.
- The Cross-Origin-Resource-Policy header.
- The Content-Security-Policy, with one exception for the admin's rich-text editor.
- Admin sessions that end after a period without activity.
"""

import base64
import functools
import hashlib
import ipaddress
import re

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.shortcuts import render

_SCRIPT_BODY = re.compile(r"<script[^>]*>(.*?)</script>", re.DOTALL)
# Tiptap, inside django-prose-editor, writes its fixed base stylesheet into a <style> element
# when the editor starts. This is that stylesheet's hash (django-prose-editor 0.28.0); the admin
# browser test fails with the new hash in its message if an upgrade changes it.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


# Headers only a proxy may set. Django reads X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER); axes, via
# client_ip, reads X-Forwarded-For; the others are dropped so nothing can come to rely on them.
FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def is_trusted_proxy(address):
    """Whether ``address`` is one of DJANGO_TRUSTED_PROXIES."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The visitor's address: the connection's, or what our own proxies say it was.

    Walking X-Forwarded-For from the right, each entry was written by the hop before it; while that
    hop is one of our proxies the entry is believed, and the first address that is not one of
    ours is the client. Entries further left were written by the client and could be forged to
    dodge the sign-in lock-out. A connection from anyone else carries no forwarding header at all
    (``TrustedProxyMiddleware`` drops it), whoever reaches gunicorn directly.
    """
    address = request.META.get("REMOTE_ADDR")
    hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    while hops and is_trusted_proxy(address):
        hop = hops.pop()
        try:
            address = str(ipaddress.ip_address(hop))
        except ValueError:
            # Not an address: written by someone other than our proxies. The last trusted hop
            # is the best we know.
            break
    return address


class TrustedProxyMiddleware:
    """Drop forwarding headers unless the connection comes from one of our proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for name in FORWARDING_HEADERS:
                request.META.pop(name, None)
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse an oversized body from its Content-Length, before a byte of it is read.

    Public pages accept only the contrast form; the admin accepts documents up to
    DJANGO_MAX_UPLOAD_MB (and a little for the form around them). Without this, Django would
    stream any file part of a multipart body to a temporary file before the view could refuse it.
    A body sent without a Content-Length is never read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if is_admin_request(request):
            limit = (settings.DOCUMENT_MAX_UPLOAD_MB + 1) * 1024 * 1024
        else:
            limit = settings.PUBLIC_MAX_BODY_BYTES
        if length > limit:
            response = render(request, "413.html", status=413)
            # The unread body would otherwise be taken as the next request on the connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


def is_admin_request(request):
    """Whether the request is for the admin, wherever the site itself is mounted."""
    return request.path_info.startswith("/" + settings.ADMIN_URL)


class CrossOriginResourcePolicyMiddleware:
    """Stops other sites loading our responses into theirs; Django has no setting for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


@functools.cache
def prose_editor_importmap_hash():
    """The CSP hash of the import map django-prose-editor writes inline in the admin.

    The map only names our own static files, so it is the same on every admin page for the life
    of the process; allowing exactly this script keeps 'unsafe-inline' out of the policy.
    """
    from django_prose_editor.widgets import importmap

    body = _SCRIPT_BODY.search(importmap.render()).group(1)
    digest = hashlib.sha256(body.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@functools.cache
def public_policy():
    """The Content-Security-Policy of every public response, from settings."""
    return build_policy()


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, plus the admin editor's inline import map and base stylesheet.

    Only admin pages get these exceptions; public pages keep a policy of 'self' alone.
    """

    def process_response(self, request, response):
        # Every public response without a nonce or a csp decorator gets the same policy: built
        # once per process, not per response (a third of a cached page's time, by profile).
        if (
            is_admin_request(request)
            or getattr(request, "_csp_nonce", None) is not None
            or any(name.startswith("_csp_") for name in vars(response))
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        ):
            return super().process_response(request, response)
        response.headers.setdefault(HEADER, public_policy())
        # As django-csp does: a template asking for a nonce after this is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin_request(request):
            update = dict(parts.update or {})
            update["script-src"] = [*update.get("script-src", []), prose_editor_importmap_hash()]
            update["style-src"] = [*update.get("style-src", []), PROSE_EDITOR_STYLE_HASH]
            parts.update = update
        return parts


class AdminSessionIdleMiddleware:
    """Refreshes a signed-in editor's session on each admin request, so it ends after idle time.

    Django's SESSION_SAVE_EVERY_REQUEST would do this for public pages too, sending a session
    cookie with pages that are meant to be cached and shared between visitors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin_request(request) and not request.session.is_empty():
            request.session.modified = True
        return self.get_response(request)
