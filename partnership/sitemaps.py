"""sitemap.xml: every page the public can reach, and nothing that is not published."""

from django.contrib.sitemaps import Sitemap

from .models import Document, Page, PressStatement
from .sections import sitemap_sections


class FixedPageSitemap(Sitemap):
    """The site's own sections, which always exist."""

    def items(self):
        return sitemap_sections()

    def location(self, section):
        return section.url


class PublishedSitemap(Sitemap):
    """Published items of one model, with the date each last changed."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("id")

    def lastmod(self, item):
        return item.updated_at


class StatementSitemap(PublishedSitemap):
    model = PressStatement


class PageSitemap(PublishedSitemap):
    model = Page


class DocumentSitemap(PublishedSitemap):
    """Uploaded documents only: a linked document lives on someone else's site."""

    model = Document

    def items(self):
        return super().items().exclude(file="")


SITEMAPS = {
    "pages": FixedPageSitemap,
    "statements": StatementSitemap,
    "editorial": PageSitemap,
    "documents": DocumentSitemap,
}
