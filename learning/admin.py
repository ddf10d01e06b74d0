"""Admin registrations for the learning library."""

from django.contrib import admin

from partnership.editorial import PUBLICATION_FIELDSET, ContentAdmin, PublishableAdmin

from . import views
from .models import LearningItem, Topic


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(LearningItem)
class LearningItemAdmin(PublishableAdmin):
    public_view = views.LearningItemView
    list_display = ("title", "kind", "publish_at", "live")
    list_filter = ("kind", "topics", "status", "for_public", "for_professionals", "for_children")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("topics",)
    autocomplete_fields = ("download", "review")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary", "body")}),
        (
            "Topics and readers",
            {
                "fields": ("topics", ("for_public", "for_professionals", "for_children")),
                "description": "The library can be filtered by these, and each topic has its own "
                "page and feed.",
            },
        ),
        ("Download and review", {"fields": ("download", "review")}),
        PUBLICATION_FIELDSET,
    )
