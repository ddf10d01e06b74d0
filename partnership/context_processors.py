"""Page furniture that every template needs: the partnership's identity and contacts."""

from dataclasses import dataclass

from django.conf import settings

from . import page_cache
from .contrast import contrast_from
from .models import (
    BannerTranslation,
    ConcernContact,
    NavigationLink,
    Page,
    Readers,
    SiteSettings,
)
from .sections import navigation_sections

# The query string that picks the banner's language: part of the page cache's key, so each
# language is cached apart, and a link that shares or bookmarks it keeps it.
LANGUAGE_PARAMETER = "lang"


@dataclass(frozen=True)
class NavigationItem:
    """A header link, as cached with the furniture: only what the template shows."""

    label: str
    url: str


def load_furniture():
    site_settings = SiteSettings.objects.select_related(
        "logo", "accessibility_statement", "contact_page", "staying_safe_page"
    ).current()
    links = NavigationLink.objects.filter(site=site_settings.pk).shown()
    return {
        "site_settings": site_settings,
        # The banner is for the public: every line is on the "Report a concern" page.
        "concern_contacts": list(
            ConcernContact.objects.for_readers(Readers.PUBLIC).prefetch_related("opening_hours")
        ),
        "footer_pages": list(Page.objects.published().filter(show_in_footer=True)),
        # The editors' choice, or the fixed sections on a site whose editors have made none.
        "navigation": [NavigationItem(link.text, link.url) for link in links]
        or [NavigationItem(section.label, section.url) for section in navigation_sections()],
        "banner_translations": list(BannerTranslation.objects.active()),
    }


def concern_banner(contacts, translation):
    """The banner's rows: each contact's words in the chosen language where an editor has
    translated them, English where not (named in ``english``, so the page marks them
    ``lang="en-GB"``). Numbers never change."""
    words = {row.contact_id: row for row in translation.contacts.all()} if translation else {}
    rows = []
    for contact in contacts:
        translated = words.get(contact.pk)
        row = {"contact": contact, "english": set()}
        for field in ("label", "description", "hours"):
            row[field] = getattr(translated, field, "") or getattr(contact, field)
            if translation and row[field] and row[field] == getattr(contact, field):
                row["english"].add(field)
        rows.append(row)
    return rows


def most_urgent(contacts):
    """The number the banner shows first on a phone: the first line, as they come most urgent
    first (``for_readers()``): the emergency line where there is one."""
    return contacts[0] if contacts else None


def site(request):
    # The same on every page, so it is fetched once per content version, not once per render.
    furniture = page_cache.furniture(request, load_furniture)
    chosen = request.GET.get(LANGUAGE_PARAMETER)
    translation = next((t for t in furniture["banner_translations"] if t.language == chosen), None)
    rows = concern_banner(furniture["concern_contacts"], translation)
    urgent = most_urgent(furniture["concern_contacts"])
    return {
        **furniture,
        "banner_translation": translation,
        "banner_rows": rows,
        "banner_urgent": next((row for row in rows if row["contact"] is urgent), None),
        "admin_url": "/" + settings.ADMIN_URL,
    }


def contrast(request):
    """The contrast choice from the cookie, so base.html renders the theme with no flash."""
    return {"contrast": contrast_from(request)}
