"""
Security plumbing that Django and django-csp do not provide on their own.

- The client's real IP address behind a known number of reverse proxies (for django-axes).
- The Cross-Origin-Resource-Policy header.
- The Content-Security-Policy, with one exception for the admin's rich-text editor.
- Admin sessions that end after a period without activity.
"""

import base64
import functools
import hashlib
import re

from csp.middleware import CSPMiddleware
from django.conf import settings

_SCRIPT_BODY = re.compile(r"<script[^>]*>(.*?)</script>", re.DOTALL)
# Tiptap, inside django-prose-editor, writes its fixed base stylesheet into a <style> element
# when the editor starts. This is that stylesheet's hash (django-prose-editor 0.28.0); the admin
# browser test fails with the new hash in its message if an upgrade changes it.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


def client_ip(request):
    """The visitor's address, trusting X-Forwarded-For only as far as our own proxies.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the site appends the address it saw, so
    the real client is that many entries from the right. Anything further left was written by
    the client and could be forged to dodge the sign-in lock-out. With no proxies configured,
    the header is ignored entirely.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


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


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, plus the admin editor's inline import map and base stylesheet.

    Only admin pages get these exceptions; public pages keep a policy of 'self' alone.
    """

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
