"""How site search finds events: upcoming ones, by title, summary and description."""

from partnership.search import Source, visible_text

from .models import Event

EVENT_SOURCE = Source(
    kind="Event",
    fields=(("title", "A", False), ("summary", "B", False), ("description", "C", True)),
    queryset=Event.objects.upcoming,
    url=lambda event: event.get_absolute_url(),
    text=lambda event: f"{event.summary} {visible_text(event.description)}",
    date_field="starts_at",
)
