"""
Share links: a working copy's preview for someone outside the admin (a partner's press office).

The link carries a random token; only its hash is stored. It shows the preview until it expires
(``DJANGO_SHARE_LINK_DAYS``, 7 by default) or is withdrawn, and only while the working copy and
the published item are as they were when it was made: after any change it shows nothing, so what
someone approved by link is what is published.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .models import ShareLink
from .versions import latest_version

DEFAULT_DAYS = settings.SHARE_LINK_DAYS


def fingerprint(working_copy):
    """What the link was made for: this save of the working copy, over this published version."""
    latest = latest_version(working_copy.item())
    stamp = f"{working_copy.pk}:{working_copy.revision}:{latest.pk if latest else 0}"
    return hashlib.sha256(stamp.encode()).hexdigest()


def make_link(working_copy, user, note, days):
    """A new link's address (shown once: only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    ShareLink.objects.create(
        working_copy=working_copy,
        token_hash=ShareLink.hash(token),
        fingerprint=fingerprint(working_copy),
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(days=days),
        note=note,
    )
    return reverse("editing:share", args=[token])


class Refused(Exception):
    """Why a share link shows nothing, in words for whoever followed it."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def link_for(token):
    """The usable link for ``token``, or Refused."""
    link = (
        ShareLink.objects.filter(token_hash=ShareLink.hash(token or ""))
        .select_related("working_copy", "created_by")
        .first()
    )
    if link is None:
        raise Refused("This preview link is not valid. Check it was copied whole.", 404)
    if link.revoked_at is not None or link.expires_at <= timezone.now():
        raise Refused("This preview link has expired or been withdrawn.", 410)
    if fingerprint(link.working_copy) != link.fingerprint:
        raise Refused(
            "The item has changed since this link was made, so it shows nothing. Ask for a "
            "new link.",
            410,
        )
    return link
