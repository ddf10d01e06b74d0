"""sitemap.xml: every page the public can reach, and nothing that is not published.

Each sitemap lists at most ``ENTRIES_PER_SITEMAP`` addresses a file. Until one needs more,
/sitemap.xml is one list of everything; past that it becomes a sitemap index naming each
section's files (/sitemap-statements.xml?p=2 ...), which search engines read the same way.
"""

from django.contrib.sitemaps import Sitemap, views
from django.db.models import Max

from .models import Document, Page, PressStatement
from .sections import sitemap_sections

ENTRIES_PER_SITEMAP = 1000


class FixedPageSitemap(Sitemap):
    """The site's own sections, which always exist."""

    limit = ENTRIES_PER_SITEMAP

    def items(self):
        return sitemap_sections()

    def location(self, section):
        return section.url


class PublishedSitemap(Sitemap):
    """Published items of one model, with the date each last changed."""

    model = None
    limit = ENTRIES_PER_SITEMAP

    def items(self):
        return self.model.objects.published().order_by("id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the sitemap index: one MAX() rather than Django's walk through every item.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class StatementSitemap(PublishedSitemap):
    model = PressStatement

    def items(self):
        # A thousand to a file: their addresses and dates only, never their bodies.
        return super().items().only("slug", "publish_at", "updated_at")


class PageSitemap(PublishedSitemap):
    """The tree's pages in the order of the tree: each section, then the pages inside it."""

    model = Page

    def items(self):
        return Page.objects.published().only("url_path", "updated_at")


class PublicationSitemap(PublishedSitemap):
    """Each listed publication's page (its file is linked from there); archived reviews leave
    the sitemap as they leave the lists."""

    model = Document

    def items(self):
        return Document.objects.listed().order_by("id").only("slug", "updated_at")


SITEMAPS = {
    "pages": FixedPageSitemap,
    "statements": StatementSitemap,
    "editorial": PageSitemap,
    "publications": PublicationSitemap,
}


def sitemap(request):
    """/sitemap.xml: one list, or an index of the sections' lists once one is too long."""
    if any(sitemap().paginator.num_pages > 1 for sitemap in SITEMAPS.values()):
        return views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
    return views.sitemap(request, SITEMAPS)


def section_sitemap(request, section):
    """One section's list (a page of it with ?p=), as the index names it."""
    return views.sitemap(request, SITEMAPS, section=section)
