from partnership.sitemaps import PublishedSitemap

from .models import Event


class EventSitemap(PublishedSitemap):
    """Every published event's page, upcoming and past (past ones stay readable)."""

    model = Event

    def items(self):
        return super().items().only("slug", "updated_at")
