"""Page furniture that every template needs: the partnership's identity and contacts."""

from dataclasses import dataclass

from django.conf import settings

from . import page_cache
from .contrast import contrast_from
from .models import ConcernContact, NavigationLink, Page, SiteSettings
from .sections import navigation_sections


@dataclass(frozen=True)
class NavigationItem:
    """A header link, as cached with the furniture: only what the template shows."""

    label: str
    url: str


def load_furniture():
    site_settings = SiteSettings.objects.select_related("logo").current()
    links = NavigationLink.objects.filter(site=site_settings.pk).shown()
    return {
        "site_settings": site_settings,
        "concern_contacts": list(ConcernContact.objects.active()),
        "footer_pages": list(Page.objects.published().filter(show_in_footer=True)),
        # The editors' choice, or the fixed sections on a site whose editors have made none.
        "navigation": [NavigationItem(link.text, link.url) for link in links]
        or [NavigationItem(section.label, section.url) for section in navigation_sections()],
    }


def site(request):
    # The same on every page, so it is fetched once per content version, not once per render.
    return {
        **page_cache.furniture(request, load_furniture),
        "admin_url": "/" + settings.ADMIN_URL,
    }


def contrast(request):
    """The contrast choice from the cookie, so base.html renders the theme with no flash."""
    return {"contrast": contrast_from(request)}
