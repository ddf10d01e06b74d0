"""Page furniture that every template needs: the partnership's identity and contacts."""

import logging

from django.conf import settings
from django.core.cache import cache

from .caching import content_version, seconds_left
from .contrast import contrast_from
from .models import ConcernContact, Page, SiteSettings

logger = logging.getLogger(__name__)

# Kept for a day at most; any edit or scheduled change replaces it sooner.
FURNITURE_SECONDS = 24 * 60 * 60


def load_furniture():
    return {
        "site_settings": SiteSettings.load(),
        "concern_contacts": list(ConcernContact.objects.filter(active=True)),
        "footer_pages": list(Page.objects.published().filter(show_in_navigation=True)),
    }


def site(request):
    # The same on every page, so it is fetched once per content version, not once per render.
    try:
        version = getattr(request, "content_version", None) or content_version()
        furniture = cache.get_or_set(
            f"furniture:{version['token']}",
            load_furniture,
            seconds_left(version, FURNITURE_SECONDS),
        )
    except Exception:
        # With the cache down the page still renders, from the database.
        logger.exception("Shared cache unavailable: site furniture read from the database.")
        furniture = load_furniture()
    return {**furniture, "admin_url": "/" + settings.ADMIN_URL}


def contrast(request):
    """The contrast choice from the cookie, so base.html renders the theme with no flash."""
    return {"contrast": contrast_from(request)}
