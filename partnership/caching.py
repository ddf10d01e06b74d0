"""
Caching that stays correct with several gunicorn workers and several servers.

Everything cached here lives in the shared cache (CACHE_URL) under keys that include the *content
version*: a random token, itself kept in the shared cache, that is thrown away whenever content
is saved or deleted. The next request from any worker on any server then finds no version,
makes a new one and renders afresh, so an edit shows at once with no per-process state to clear.

The version also records when the public site next changes by itself (the next scheduled
publish date, or local midnight for date-based rules such as a vision coming into force) and
is replaced at that moment, so a scheduled item appears on time.
"""

import datetime
import hashlib
import logging
import secrets
import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .contrast import contrast_from
from .models import Publishable, Status

logger = logging.getLogger(__name__)

CONTENT_APPS = ("partnership",)
VERSION_KEY = "content-version"


def content_version():
    """Return the current content version: ``{"token": str, "expires": epoch seconds}``."""
    version = cache.get(VERSION_KEY)
    if version is None or version["expires"] <= time.time():
        version = {"token": secrets.token_hex(8), "expires": next_change()}
        cache.set(VERSION_KEY, version, timeout=None)
    return version


def forget_content_version():
    try:
        cache.delete(VERSION_KEY)
    except Exception:
        # An editor's save must never fail because the cache is down; with the cache down nothing
        # stale is served, and a cache that comes back empty (Redis without persistence) is fresh.
        logger.exception("Could not clear the content version: the shared cache is unavailable.")


def seconds_left(version, limit):
    """How long something cached under ``version`` may live: ``limit`` or less."""
    return max(0, min(limit, int(version["expires"] - time.time())))


def next_change():
    """When the public site next changes without an edit, as epoch seconds.

    The sooner of the next scheduled publish date (one query across every publishable model)
    and the next local midnight.
    """
    now = timezone.now()
    scheduled = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
        .order_by()
        .values_list("publish_at", flat=True)
        for model in apps.get_app_config("partnership").get_models()
        if issubclass(model, Publishable)
    ]
    upcoming = list(scheduled[0].union(*scheduled[1:], all=True)) if scheduled else []
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    return min([midnight, *upcoming]).timestamp()


def page_key(request, token):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    # The contrast preference is the only thing a public page varies by; unknown values count as
    # none, so junk cookies cannot multiply the cache entries.
    return f"page:{token}:{contrast_from(request) or ''}:{digest}"


def content_changed(sender, **kwargs):
    """Signal receiver: any saved or deleted content makes a new version.

    The version is dropped at once (the editor's own next request, and tests, see the change)
    and again when the transaction commits, because a request served between the two could
    have cached what the database held before the commit.
    """
    if sender._meta.app_label in CONTENT_APPS:
        forget_content_version()
        transaction.on_commit(forget_content_version)
