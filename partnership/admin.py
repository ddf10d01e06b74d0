"""Admin registrations: which content editors edit, and how each form is laid out.

The machinery every content admin shares (history, preview, messages) is in editorial.py.
"""

from django.contrib import admin
from django.urls import reverse

from . import views
from .editorial import PUBLICATION_FIELDSET, ContentAdmin, PublishableAdmin
from .forms import DocumentAdminForm
from .models import (
    ConcernContact,
    Document,
    ExecutiveMember,
    Page,
    Partner,
    PressStatement,
    Priority,
    SiteSettings,
    VisionOutcome,
    VisionStatement,
    WorkingPrinciple,
)


@admin.register(SiteSettings)
class SiteSettingsAdmin(ContentAdmin):
    fieldsets = (
        ("Identity", {"fields": ("name", "short_name", "area", "logo", "contact_email")}),
        (
            "Home page",
            {
                "fields": (
                    "introduction_heading",
                    "introduction",
                    "partners_introduction",
                    "executive_introduction",
                )
            },
        ),
        ("Safety", {"fields": ("quick_exit_url",)}),
    )
    list_display = ("name", "short_name", "updated_at")
    autocomplete_fields = ("logo",)

    def has_add_permission(self, request):
        # One row only: offer "add" just until it exists.
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(ContentAdmin):
    list_display = ("organisation", "lead_title", "kind", "active", "order")
    list_editable = ("order",)
    list_filter = ("kind", "active")
    search_fields = ("organisation", "lead_role", "description")
    list_select_related = ("replaced_by",)
    autocomplete_fields = ("replaced_by", "logo")
    fieldsets = (
        (None, {"fields": ("organisation", ("lead_role", "lead_role_preposition"), "kind")}),
        ("About", {"fields": ("website", "logo", "description", "order")}),
        (
            "Leaving the partnership",
            {
                "fields": ("active", "left_on", "replaced_by"),
                "description": "A partner that is replaced stays on the partners page under "
                "“Former partners”, so the record of who was responsible survives.",
            },
        ),
    )

    @admin.display(description="lead role", ordering="lead_role")
    def lead_title(self, obj):
        return obj.lead_title


@admin.register(ExecutiveMember)
class ExecutiveMemberAdmin(ContentAdmin):
    list_display = ("role", "partner", "name", "active", "order")
    list_editable = ("order",)
    list_filter = ("active", "partner")
    list_select_related = ("partner",)
    search_fields = ("role", "name", "partner__organisation")
    autocomplete_fields = ("partner",)


class VisionOutcomeInline(admin.TabularInline):
    model = VisionOutcome
    extra = 1
    verbose_name = "outcome"
    verbose_name_plural = "outcomes: the partnership will strive to ensure all children …"


class WorkingPrincipleInline(admin.TabularInline):
    model = WorkingPrinciple
    extra = 1
    verbose_name = "working principle"
    verbose_name_plural = "working principles: working together is underpinned by …"


@admin.register(VisionStatement)
class VisionStatementAdmin(PublishableAdmin):
    public_view = views.VisionView
    list_display = ("__str__", "statement", "live")
    list_filter = ("status",)
    date_hierarchy = None
    search_fields = ("statement", "outcomes__text", "principles__text")
    inlines = (VisionOutcomeInline, WorkingPrincipleInline)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "statement",
                    "in_force_from",
                    "outcomes_introduction",
                    "principles_introduction",
                )
            },
        ),
        PUBLICATION_FIELDSET,
    )

    def public_url(self, obj):
        return reverse("partnership:vision")


@admin.register(Priority)
class PriorityAdmin(PublishableAdmin):
    public_view = views.PrioritiesView
    list_display = ("title", "business_year", "order", "live")
    list_editable = ("order",)
    list_filter = ("year", "status")
    search_fields = ("title", "description")
    fieldsets = (
        (None, {"fields": ("title", "description", "year", "order")}),
        PUBLICATION_FIELDSET,
    )

    @admin.display(description="business year", ordering="year")
    def business_year(self, obj):
        return obj.business_year

    def public_url(self, obj):
        return reverse("partnership:priorities")


@admin.register(PressStatement)
class PressStatementAdmin(PublishableAdmin):
    public_view = views.StatementDetailView
    list_display = ("title", "publish_at", "live", "spokesperson_name")
    search_fields = ("title", "summary", "body", "spokesperson_name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_image",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "lead_image", "body")}),
        ("Spokesperson", {"fields": ("spokesperson_name", "spokesperson_role")}),
        PUBLICATION_FIELDSET,
    )


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    form = DocumentAdminForm
    public_view = views.DocumentDownloadView
    list_display = ("title", "kind", "file_details", "publish_at", "live")
    list_filter = ("kind", "status")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("file_details",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary")}),
        ("The document", {"fields": ("file", "file_details", "external_url")}),
        PUBLICATION_FIELDSET,
    )

    @admin.display(description="type and size")
    def file_details(self, obj):
        return obj.file_details or "—"


@admin.register(ConcernContact)
class ConcernContactAdmin(ContentAdmin):
    list_display = ("label", "phone_number", "hours", "kind", "active", "order")
    list_editable = ("order",)
    list_filter = ("kind", "active")
    search_fields = ("label", "phone_number", "description")


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    public_view = views.PageView
    list_display = ("title", "slug", "show_in_navigation", "order", "live")
    list_editable = ("order",)
    list_filter = ("status", "show_in_navigation")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_image",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "lead_image", "body")}),
        ("Navigation", {"fields": ("show_in_navigation", "order")}),
        PUBLICATION_FIELDSET,
    )
