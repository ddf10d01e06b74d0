"""Public pages of the learning library: thin views over published()."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from partnership.views import ForgivingPaginationMixin, PublicContentMixin

from .forms import LibraryFilterForm
from .models import LearningItem, Topic


class LibraryView(PublicContentMixin, ForgivingPaginationMixin, ListView):
    """Every published item, newest first, filtered by topic, type and readers."""

    model = LearningItem
    template_name = "learning/library.html"
    context_object_name = "items"

    def get_queryset(self):
        self.filters = LibraryFilterForm(self.request.GET, topics=list(Topic.objects.all()))
        items = self.filters.filter(super().get_queryset())
        return items.newest_first().prefetch_related("topics")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters, filter_query=self.filters.query, **kwargs
        )


class TopicView(PublicContentMixin, ForgivingPaginationMixin, ListView):
    """One topic's page: its items, newest first, and its feed."""

    model = LearningItem
    template_name = "learning/topic.html"
    context_object_name = "items"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return super().get_queryset().filter(topics=self.topic).newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class LearningItemView(PublicContentMixin, DetailView):
    """A briefing, summary, newsletter or guidance as a web page, printable on A4."""

    model = LearningItem
    template_name = "learning/item_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return super().get_queryset().select_related("download", "review")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topics=list(self.object.topics.all()), metadata_item=self.object, **kwargs
        )
