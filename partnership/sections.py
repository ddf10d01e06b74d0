"""
The site's fixed sections, declared once.

``SECTIONS`` gives the header navigation's choices (and its links until editors choose their
own), the fixed-page sitemap and the names search gives its results. The addresses top-level pages
may not take come from the URLconf itself (``reserved_addresses()``), so a new URL anywhere in the
project, or a custom DJANGO_ADMIN_URL, is protected without a list to keep in step or a migration.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse


@dataclass(frozen=True)
class Section:
    """One fixed part of the site: a page of its own with an address in ``partnership:``, or in
    another app's namespace when its URL name says so (``events:event-list``)."""

    url_name: str
    # What the header navigation calls it.
    label: str
    # What search calls a result from this section ("Press statement"), if search covers it.
    item_name: str = ""
    # In the header navigation of a site whose editors have not chosen its links yet.
    in_navigation: bool = True
    # Whether editors can choose it for the header navigation.
    navigable: bool = True
    in_sitemap: bool = True

    @property
    def url(self):
        name = self.url_name if ":" in self.url_name else f"partnership:{self.url_name}"
        return reverse(name)


SECTIONS = (
    Section("home", "Who we are"),
    Section("partners", "Partners", item_name="Partner"),
    Section("vision", "Vision"),
    Section("priorities", "Priorities", item_name="Priority"),
    Section("statement-list", "Statements", item_name="Press statement"),
    Section("publication-list", "Publications", item_name="Publication"),
    # Apps of their own (events/, learning/): the URL name carries its namespace.
    Section("events:event-list", "Training and events", item_name="Event"),
    Section("learning:library", "Learning library", item_name="Learning"),
    # Linked from the concern banner on every page rather than from the navigation.
    Section("report-concern", "Report a concern", in_navigation=False),
    Section("search", "Search", in_navigation=False, navigable=False, in_sitemap=False),
)

# The URL name of editorial pages, whose addresses are whatever editors choose.
PAGE_URL_NAME = "page"


def section(url_name):
    """The declared section with this URL name."""
    return next(s for s in SECTIONS if s.url_name == url_name)


def navigation_sections():
    return [s for s in SECTIONS if s.in_navigation]


def navigable_sections():
    return [s for s in SECTIONS if s.navigable]


def sitemap_sections():
    return [s for s in SECTIONS if s.in_sitemap]


def _first_segments(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name == PAGE_URL_NAME:
            continue
        segment = str(pattern.pattern).lstrip("^").split("/", 1)[0]
        if segment and "<" not in segment:
            yield segment.rstrip("$")
        elif isinstance(pattern, URLResolver) and not segment:
            # An include() at the root (the partnership's own URLs): look inside.
            yield from _first_segments(pattern.url_patterns)


def reserved_addresses():
    """First path segments the site already answers, which an editorial page would shadow."""
    prefixes = (settings.STATIC_URL, settings.MEDIA_URL, settings.ADMIN_URL)
    fixed = {prefix.strip("/").split("/", 1)[0] for prefix in prefixes if prefix}
    return frozenset(fixed | set(_first_segments(get_resolver().url_patterns)))


def shadowing_message(slug):
    """Why ``slug`` cannot be a page's address, or "" if it can."""
    if slug in reserved_addresses():
        return f"“{slug}” is already used by the site. Choose another web address."
    return ""
