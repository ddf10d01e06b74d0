from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning library"

    def ready(self):
        from partnership.search import add_source
        from partnership.sitemaps import add_sitemap

        from .search import LEARNING_SOURCE
        from .sitemaps import LearningSitemap, TopicSitemap

        # Search and the sitemap cover the library; the core never imports this app.
        add_source(LEARNING_SOURCE)
        add_sitemap("learning", LearningSitemap)
        add_sitemap("learning-topics", TopicSitemap)
