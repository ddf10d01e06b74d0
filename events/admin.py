"""Admin registration for events: how editors add the training calendar."""

from django.contrib import admin

from partnership.editorial import PUBLICATION_FIELDSET, PublishableAdmin

from . import views
from .models import Event


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    public_view = views.EventDetailView
    list_display = ("title", "starts_at", "level", "booking", "live")
    list_filter = ("level", "booking", "status", "for_public", "for_professionals", "for_children")
    search_fields = ("title", "summary", "venue")
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "description", "level")}),
        (
            "When",
            {
                "fields": (("start_date", "start_time"), ("end_date", "end_time")),
                "description": "In UK time. Leave both times empty for an all-day event; give an "
                "end date only for an event over several days. The event moves to the archive "
                "by itself when it ends.",
            },
        ),
        ("Where", {"fields": ("venue", "online")}),
        (
            "Who it is for",
            {
                "fields": (("for_public", "for_professionals", "for_children"),),
                "description": "Visitors can filter the events list by these.",
            },
        ),
        ("Booking", {"fields": ("booking", "booking_url", "booking_deadline")}),
        PUBLICATION_FIELDSET,
    )
