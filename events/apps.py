from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Training and events"

    def ready(self):
        from partnership.search import add_source
        from partnership.sitemaps import add_sitemap

        from .search import EVENT_SOURCE
        from .sitemaps import EventSitemap

        # Search and the sitemap cover events; the core never imports this app.
        add_source(EVENT_SOURCE)
        add_sitemap("events", EventSitemap)
