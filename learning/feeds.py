"""Atom feeds of the library, and of each topic."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from partnership.models import SiteSettings

from .models import LearningItem, Topic

FEED_LENGTH = 20


class LibraryFeed(Feed):
    """The newest learning items, as Atom 1.0."""

    feed_type = Atom1Feed

    def get_object(self, request):
        return None

    def site_name(self):
        return SiteSettings.objects.current().name

    def title(self, topic):
        return f"Learning library – {self.site_name()}"

    def subtitle(self, topic):
        return f"7-minute briefings, learning summaries and guidance from {self.site_name()}."

    def link(self, topic):
        return reverse("learning:library")

    def feed_url(self, topic):
        return reverse("learning:feed")

    def items(self, topic):
        return LearningItem.objects.published().newest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.get_kind_display()}: {item.summary}"

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at


class TopicFeed(LibraryFeed):
    """One topic's newest items."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{topic.name} – learning library – {self.site_name()}"

    def subtitle(self, topic):
        return topic.description or f"Learning about {topic.name.lower()}."

    def link(self, topic):
        return topic.get_absolute_url()

    def feed_url(self, topic):
        return topic.get_feed_url()

    def items(self, topic):
        return LearningItem.objects.published().filter(topics=topic).newest_first()[:FEED_LENGTH]
