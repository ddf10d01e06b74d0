"""Page furniture that every template needs: the partnership's identity and contacts."""

from django.conf import settings

from . import page_cache
from .contrast import contrast_from
from .models import ConcernContact, Page, SiteSettings
from .sections import navigation_sections


def load_furniture():
    return {
        "site_settings": SiteSettings.objects.select_related("logo").current(),
        "concern_contacts": list(ConcernContact.objects.active()),
        "footer_pages": list(Page.objects.published().filter(show_in_navigation=True)),
    }


def site(request):
    # The same on every page, so it is fetched once per content version, not once per render.
    return {
        **page_cache.furniture(request, load_furniture),
        "navigation": navigation_sections(),
        "admin_url": "/" + settings.ADMIN_URL,
    }


def contrast(request):
    """The contrast choice from the cookie, so base.html renders the theme with no flash."""
    return {"contrast": contrast_from(request)}
