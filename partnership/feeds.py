"""RSS and Atom feeds of the partnership's published press statements."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import PressStatement, SiteSettings

FEED_LENGTH = 20


class StatementFeed(Feed):
    """The newest published press statements, as RSS 2.0."""

    def get_object(self, request):
        # The feed's title comes from the database, like every word the public reads.
        return SiteSettings.objects.current()

    def title(self, site):
        return f"Press statements – {site.name}"

    def description(self, site):
        return f"The latest press statements from {site.name}."

    def link(self):
        return reverse("partnership:statement-list")

    def feed_url(self):
        return reverse("partnership:statement-feed")

    def items(self):
        return PressStatement.objects.published()[:FEED_LENGTH]

    def item_title(self, statement):
        return statement.title

    def item_description(self, statement):
        return statement.summary

    def item_pubdate(self, statement):
        return statement.publish_at

    def item_updateddate(self, statement):
        return statement.updated_at

    def item_author_name(self, statement):
        return statement.spokesperson or None


class AtomStatementFeed(StatementFeed):
    """The same statements as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, site):
        return self.description(site)

    def feed_url(self):
        return reverse("partnership:statement-feed-atom")
