from django.contrib.sitemaps import Sitemap

from partnership.sitemaps import ENTRIES_PER_SITEMAP, PublishedSitemap

from .models import LearningItem, Topic


class LearningSitemap(PublishedSitemap):
    model = LearningItem

    def items(self):
        return super().items().only("slug", "updated_at")


class TopicSitemap(Sitemap):
    """Each topic's page."""

    limit = ENTRIES_PER_SITEMAP

    def items(self):
        return Topic.objects.order_by("id").only("slug")
