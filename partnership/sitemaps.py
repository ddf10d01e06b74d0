"""sitemap.xml: every page the public can reach, and nothing that is not published.

Each sitemap lists at most ``ENTRIES_PER_SITEMAP`` addresses a file. Until one needs more,
/sitemap.xml is one list of everything; past that it becomes a sitemap index naming each
section's files (/sitemap-statements.xml?p=2 ...), which search engines read the same way.

The lists are written directly (``urlset()``) rather than through Django's sitemap template,
which takes twice as long over a thousand entries for parts of the format the site never uses.
"""

from django.contrib.sitemaps import Sitemap, views
from django.core.paginator import InvalidPage
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.utils.html import escape

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


def add_sitemap(name, sitemap_class):
    """List another app's pages (events, learning): called from that app's ``ready()``, so the
    core never imports the apps built on it."""
    SITEMAPS.setdefault(name, sitemap_class)


def urlset(request, sitemaps, page):
    """A <urlset> of page ``page`` of each of ``sitemaps``; a page that does not exist is a 404."""
    base = f"{request.scheme}://{request.get_host()}"
    entries = []
    for sitemap in sitemaps:
        lastmod = getattr(sitemap, "lastmod", None)
        try:
            items = sitemap.paginator.page(page).object_list
        except InvalidPage:
            raise Http404(f"There is no page {page} of this sitemap.") from None
        for item in items:
            entry = f"<url><loc>{escape(base + sitemap.location(item))}</loc>"
            if lastmod:
                entry += f"<lastmod>{lastmod(item):%Y-%m-%d}</lastmod>"
            entries.append(f"{entry}</url>\n")
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{''.join(entries)}</urlset>\n",
        content_type="application/xml",
    )
    # As Django's sitemap views say: the sitemap itself is not a page for search results.
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def sitemap(request):
    """/sitemap.xml: one list, or an index of the sections' lists once one is too long."""
    sitemaps = [sitemap() for sitemap in SITEMAPS.values()]
    if any(sitemap.paginator.num_pages > 1 for sitemap in sitemaps):
        return views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
    return urlset(request, sitemaps, 1)


def section_sitemap(request, section):
    """One section's list (a page of it with ?p=), as the index names it."""
    if section not in SITEMAPS:
        raise Http404("There is no such sitemap.")
    return urlset(request, [SITEMAPS[section]()], request.GET.get("p", "1"))
