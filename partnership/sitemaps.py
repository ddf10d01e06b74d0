"""sitemap.xml: every page the public can reach, and nothing that is not published."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Document, Page, PressStatement


class FixedPageSitemap(Sitemap):
    """The site's own pages, which always exist."""

    def items(self):
        return ["home", "partners", "vision", "priorities", "statement-list", "document-list"]

    def location(self, name):
        return reverse(f"partnership:{name}")


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
