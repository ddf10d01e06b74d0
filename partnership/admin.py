"""The editors' whole product: every piece of public content is edited here.

Every save is recorded by django-reversion (history, compare, restore, recover deleted);
publishable content also gets a preview and a message saying when it goes public.
"""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import views
from .documents import ACCEPTED_EXTENSIONS, validate_document_upload
from .history import field_changes
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

PUBLICATION_FIELDSET = ("Publication", {"fields": ("status", "publish_at")})


def go_live_time(obj):
    """When a scheduled item goes public, as editors write it: "3 March 2027, 09:00"."""
    return formats.date_format(timezone.localtime(obj.publish_at), "j F Y, H:i")


def publication_status(obj):
    """Where ``obj`` stands with the public, in one sentence."""
    if obj.is_scheduled:
        return f"“{obj}” is scheduled for {go_live_time(obj)}."
    if obj.is_live:
        return f"“{obj}” is published: it is on the public site now."
    return f"“{obj}” is a draft: the public cannot see it."


def publication_message(obj):
    """Tell the editor, in words, when the public will see what they just saved."""
    status = publication_status(obj)
    if obj.is_scheduled:
        return f"{status} It will appear on the public site then by itself."
    if obj.is_live:
        return status
    return f"{status} Use “Preview” to see it as they will."


class ContentAdmin(VersionAdmin):
    """Defaults for every content model's admin: every save and deletion is kept in its history."""

    formfield_overrides = {
        # An editor who types "www.example.org" means the secure site.
        models.URLField: {"assume_scheme": "https"},
        # Titles and summaries run to 300 characters: give them the admin's wide input, not 20em.
        models.CharField: {"widget": AdminTextInputWidget(attrs={"class": "vLargeTextField"})},
    }
    object_history_template = "admin/partnership/object_history.html"
    history_latest_first = True

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:version_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id, version_id):
        """What one saved version changed, compared with the version before it."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        versions = list(
            Version.objects.get_for_object_reference(self.model, object_id)
            .select_related("revision__user")
            .order_by("pk")
        )
        index = next((i for i, v in enumerate(versions) if v.pk == version_id), None)
        if index is None:
            raise Http404("There is no such version of this item.")
        version, previous = versions[index], versions[index - 1] if index else None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Changes to “{version.object_repr}”",
            "version": version,
            "previous": previous,
            "changes": field_changes(self.model, previous, version),
            "revert_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=(object_id, version.pk),
            ),
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=(object_id,),
            ),
        }
        return TemplateResponse(request, "admin/partnership/compare.html", context)

    def delete_model(self, request, obj):
        # Record the item as it was, so "Recover deleted" can bring back even content that was
        # never saved through the admin (the initial content).
        with self.create_revision(request):
            set_comment("Deleted.")
            add_to_revision(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with self.create_revision(request):
            set_comment("Deleted.")
            for obj in queryset:
                add_to_revision(obj)
        super().delete_queryset(request, queryset)


class PublishableAdmin(ContentAdmin):
    """Shared columns, filters, preview and messages for content with a draft/published status."""

    list_filter = ("status",)
    date_hierarchy = "publish_at"

    @admin.display(description="on the public site", ordering="publish_at")
    def live(self, obj):
        if obj.is_scheduled:
            return f"Scheduled for {go_live_time(obj)}"
        return "Yes" if obj.is_live else "No: draft"

    def public_url(self, obj):
        """Where the public sees the item once it is live."""
        return obj.get_absolute_url()

    def view_on_site(self, obj):
        # "View on site" for a draft would be a 404: offer it only once the item is live.
        return self.public_url(obj) if obj.is_live else None

    def render_preview(self, request, obj):
        """The public page that shows ``obj``, rendered as if it were published."""
        raise NotImplementedError

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("There is no such item.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        # base.html shows this above the public page, so a preview is never taken for the
        # real thing.
        request.preview = {
            "status": publication_status(obj),
            "change_url": self.item_url("change", object_id),
        }
        response = self.render_preview(request, obj)
        # A draft must never be stored by a cache or indexed by a search engine.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def item_url(self, view, object_id):
        """The admin's ``view`` ("change", "preview") of one item, by its id as in the URL."""
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=(object_id,)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        preview_url = self.item_url("preview", object_id)
        extra_context = {"preview_url": preview_url, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        messages.info(request, publication_message(obj))


def render_detail(view_class, request, obj):
    """Render a public detail view for ``obj`` without its published() lookup."""
    view = view_class()
    view.setup(request)
    view.object = obj
    return view.render_to_response(view.get_context_data(object=obj))


@admin.register(SiteSettings)
class SiteSettingsAdmin(ContentAdmin):
    fieldsets = (
        ("Identity", {"fields": ("name", "short_name", "area", "contact_email")}),
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
    autocomplete_fields = ("replaced_by",)
    fieldsets = (
        (None, {"fields": ("organisation", ("lead_role", "lead_role_preposition"), "kind")}),
        ("About", {"fields": ("website", "description", "order")}),
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
    def public_url(self, obj):
        return reverse("partnership:vision")

    def render_preview(self, request, obj):
        visions = VisionStatement.objects.published_with(obj)
        return views.VisionView.as_view(visions=visions)(request)

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


@admin.register(Priority)
class PriorityAdmin(PublishableAdmin):
    def public_url(self, obj):
        return reverse("partnership:priorities")

    def render_preview(self, request, obj):
        priorities = Priority.objects.published_with(obj)
        return views.PrioritiesView.as_view(priorities=priorities)(request)

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


@admin.register(PressStatement)
class PressStatementAdmin(PublishableAdmin):
    list_display = ("title", "publish_at", "live", "spokesperson_name")
    search_fields = ("title", "summary", "body", "spokesperson_name")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        ("Spokesperson", {"fields": ("spokesperson_name", "spokesperson_role")}),
        PUBLICATION_FIELDSET,
    )

    def render_preview(self, request, obj):
        return render_detail(views.StatementDetailView, request, obj)


class CurrentFile:
    """The "Currently:" link of a file input, pointed somewhere other than the file's URL."""

    def __init__(self, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class DocumentFileInput(forms.ClearableFileInput):
    """A file input whose "Currently:" link opens the document's preview.

    Uploads are not served from MEDIA_URL (only the download view sends them, with safe
    headers), so the widget's usual link to the file would be a dead end.
    """

    preview_url = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"] and self.preview_url:
            context["widget"]["value"] = CurrentFile(PurePath(value.name).name, self.preview_url)
        return context


class DocumentAdminForm(forms.ModelForm):
    """Checks an upload's content and size before anything is stored."""

    class Meta:
        model = Document
        # The admin's fieldsets add the other fields.
        fields = ("file",)
        widgets = {"file": DocumentFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "A PDF, Word, Excel, PowerPoint or OpenDocument file, up to "
            f"{settings.DOCUMENT_MAX_UPLOAD_MB} MB. Or give a link to it below (one or the other)."
        )
        if self.instance.pk:
            self.fields["file"].widget.preview_url = reverse(
                "admin:partnership_document_preview", args=(self.instance.pk,)
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            self.instance.file_type = validate_document_upload(file)
            self.instance.file_size = file.size
        return file

    def _post_clean(self):
        refused = self.has_error("file")
        super()._post_clean()
        if refused:
            # Say why the upload was refused, not also the model's "upload a file or a link".
            del self.errors["file"][1:]


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    form = DocumentAdminForm
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

    def render_preview(self, request, obj):
        return views.document_response(obj)


@admin.register(ConcernContact)
class ConcernContactAdmin(ContentAdmin):
    list_display = ("label", "phone_number", "hours", "kind", "active", "order")
    list_editable = ("order",)
    list_filter = ("kind", "active")
    search_fields = ("label", "phone_number", "description")


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ("title", "slug", "show_in_navigation", "order", "live")
    list_editable = ("order",)
    list_filter = ("status", "show_in_navigation")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        ("Navigation", {"fields": ("show_in_navigation", "order")}),
        PUBLICATION_FIELDSET,
    )

    def render_preview(self, request, obj):
        return render_detail(views.PageView, request, obj)
