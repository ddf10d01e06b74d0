"""An Atom feed of upcoming events (the .ics calendar is in views.py)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from partnership.models import SiteSettings

from .models import Event

FEED_LENGTH = 50


class EventFeed(Feed):
    """Upcoming events, soonest first, as Atom 1.0."""

    feed_type = Atom1Feed

    def get_object(self, request):
        return SiteSettings.objects.current()

    def title(self, site):
        return f"Events – {site.name}"

    def subtitle(self, site):
        return f"Training and events from {site.name}."

    def link(self):
        return reverse("events:event-list")

    def feed_url(self):
        return reverse("events:event-feed")

    def items(self):
        return Event.objects.upcoming()[:FEED_LENGTH]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        return event.summary

    def item_pubdate(self, event):
        return event.publish_at

    def item_updateddate(self, event):
        return event.updated_at
