from django.contrib import admin
from django.utils.text import Truncator

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read-only: what visitors said. Each page's score sits above the list."""

    list_display = ("page", "answer", "comment_start", "received_on")
    list_filter = ("useful", "received_on")
    search_fields = ("page", "comment")
    date_hierarchy = "received_on"
    fields = ("page", "useful", "comment", "received_on")
    readonly_fields = fields

    @admin.display(description="useful?", boolean=True, ordering="useful")
    def answer(self, obj):
        return obj.useful

    @admin.display(description="comment")
    def comment_start(self, obj):
        return Truncator(obj.comment).chars(120) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # Scores for the pages the list is showing (search and filters apply to both).
        response = super().changelist_view(request, extra_context)
        if hasattr(response, "context_data") and "cl" in response.context_data:
            queryset = response.context_data["cl"].queryset
            response.context_data["scores"] = [
                {**row, "score": round(100 * row["yes"] / (row["yes"] + row["no"]))}
                for row in queryset.scores()
            ]
        return response
