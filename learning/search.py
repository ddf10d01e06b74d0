"""How site search finds the library's items."""

from partnership.search import Source, visible_text

from .models import LearningItem

LEARNING_SOURCE = Source(
    kind="Learning",
    fields=(("title", "A", False), ("summary", "B", False), ("body", "C", True)),
    queryset=LearningItem.objects.published,
    url=lambda item: item.get_absolute_url(),
    text=lambda item: f"{item.summary} {visible_text(item.body)}",
    date_field="publish_at",
    kind_of=lambda item: item.get_kind_display(),
)
