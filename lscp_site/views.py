"""Endpoints for machines rather than readers: the health check and security.txt."""

import logging
import uuid
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ok():
    # A fresh key each time: a value another worker left behind proves nothing.
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


@never_cache
@require_safe
def health(request):
    """For load balancers: 200 when the database and the cache answer, 503 when either does not."""
    checks = {}
    for name, check in (("database", _database_ok), ("cache", _cache_ok)):
        try:
            checks[name] = "ok" if check() else "failing"
        except Exception:  # Any failure means "take this server out of rotation".
            logger.exception("Health check: the %s is not answering", name)
            checks[name] = "failing"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503
    )


def security_txt_expires():
    """The Expires date: from settings, or six months ahead so a fresh file is never stale."""
    if settings.SECURITY_TXT_EXPIRES:
        return settings.SECURITY_TXT_EXPIRES
    return timezone.now().replace(microsecond=0) + timedelta(days=182)


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): how to report a vulnerability in this site."""
    if not settings.SECURITY_TXT_CONTACT:
        raise Http404("No security contact is configured.")
    expires = security_txt_expires().astimezone(UTC)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACT]
    lines += [
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
