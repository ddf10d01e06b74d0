"""
The editorial machinery every content admin shares: history, compare, recover, preview, messages.

Every save is recorded by django-reversion (history, compare, restore, recover deleted);
publishable content also gets a preview and a message saying when it goes public. Each
publishable model's admin names the public view that previews it (``public_view``); a system
check (checks.py) stops start-up if one does not.

Editors' work in progress (autosave, the form kept over a sign-in, edit conflicts, working
copies, sign-off, share links, bulk publishing) comes from the editing app's ``EditingAdmin``,
mixed in here so that every content admin in any app has it.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextInputWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import SafeData, mark_safe
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from editing.machinery import EditingAdmin

from .dates import moment
from .forms import ReviewForm
from .history import field_changes
from .models import Document, Reviewed, Status, may_edit
from .widgets import LabelledSplitDateTime

PUBLICATION_FIELDSET = ("Publication", {"fields": ("status", "publish_at", "unpublish_at")})
REVIEW_FIELDSET = (
    "Owner and review",
    {
        "fields": ("owner", "review_by", "last_reviewed", "confirm_review"),
        "description": "Who keeps it right, and when they check it next.",
    },
)


def editors_time(value):
    """A moment as editors write it: "3 March 2027, 9am"."""
    return moment(value)


def go_live_time(obj):
    """When a scheduled item goes public."""
    return editors_time(obj.publish_at)


def publication_status(obj):
    """Where ``obj`` stands with the public, in one sentence."""
    leaves = f" It leaves the site on {editors_time(obj.unpublish_at)}." if obj.unpublish_at else ""
    if obj.is_scheduled:
        return f"“{obj}” is scheduled for {go_live_time(obj)}.{leaves}"
    if obj.is_live:
        return f"“{obj}” is published: it is on the public site now.{leaves}"
    if obj.status == Status.PUBLISHED and obj.is_unpublished():
        return (
            f"“{obj}” was taken off the public site on {editors_time(obj.unpublish_at)}, "
            "as scheduled."
        )
    return f"“{obj}” is a draft: the public cannot see it."


def publication_message(obj):
    """Tell the editor, in words, when the public will see what they just saved."""
    status = publication_status(obj)
    if obj.is_scheduled:
        return f"{status} It will appear on the public site then by itself."
    if obj.is_live:
        return status
    return f"{status} Use “Preview” to see it as they will."


def yearly_report_warning():
    """What editors are told when the yearly report is overdue, or "" when it is not."""
    overdue = Document.objects.yearly_report_overdue()
    if overdue is None:
        return ""
    if overdue.pk is None:
        return (
            "No yearly report has been published. Working Together to Safeguard Children "
            "expects one every 12 months."
        )
    return (
        f"The latest yearly report, “{overdue}”, is dated "
        f"{formats.date_format(overdue.publication_date, 'j F Y')}: more than 12 months ago. "
        "Working Together to Safeguard Children expects one every 12 months."
    )


class ContentAdmin(EditingAdmin, VersionAdmin):
    """Defaults for every content model's admin: every save and deletion is kept in its history."""

    formfield_overrides = {
        # An editor who types "www.example.org" means the secure site.
        models.URLField: {"assume_scheme": "https"},
        # Titles and summaries run to 300 characters: give them the admin's wide input, not 20em.
        models.CharField: {"widget": AdminTextInputWidget(attrs={"class": "vLargeTextField"})},
        # A label on the date box and on the time box, not bare "Date:" and "Time:".
        models.DateTimeField: {"widget": LabelledSplitDateTime},
    }
    object_history_template = "admin/partnership/object_history.html"
    history_latest_first = True

    # Text an editor types is spell-checked by the browser, in British English.
    SPELLCHECK = {"spellcheck": "true", "lang": "en-GB"}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        if isinstance(db_field, models.SlugField):
            formfield.label = "Web address"
        if isinstance(db_field, models.CharField | models.TextField) and not db_field.choices:
            widget = getattr(formfield.widget, "widget", formfield.widget)
            if isinstance(widget, forms.TextInput | forms.Textarea) and not isinstance(
                widget, forms.URLInput | forms.EmailInput
            ):
                if not isinstance(db_field, models.SlugField):
                    widget.attrs.update(self.SPELLCHECK)
        return formfield

    # django-reversion's and Django's titles, in editors' words.
    def changelist_view(self, request, extra_context=None):
        title = str(self.model._meta.verbose_name_plural).capitalize()
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        context = {"title": "Restore this version", **(extra_context or {})}
        return super().revision_view(request, object_id, version_id, context)

    def recover_view(self, request, version_id, extra_context=None):
        context = {"title": "Bring back a deleted item", **(extra_context or {})}
        return super().recover_view(request, version_id, context)

    def recoverlist_view(self, request, extra_context=None):
        context = {"title": "Deleted items you can bring back", **(extra_context or {})}
        return super().recoverlist_view(request, context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        title = f"History of “{obj}”" if obj is not None else "History"
        return super().history_view(request, object_id, {"title": title, **(extra_context or {})})

    def message_user(self, request, message, *args, **kwargs):
        # django-reversion says an item "was reverted successfully". Django's own messages are
        # safe HTML (a link to the item): they stay so.
        reworded = (
            str(message)
            .replace(
                "was reverted successfully. You may edit it again below.",
                "is restored to the earlier version. You can go on editing it below.",
            )
            .replace("was recovered successfully", "is back")
        )
        if isinstance(message, SafeData):
            reworded = mark_safe(reworded)  # noqa: S308 - only fixed words were replaced
        return super().message_user(request, reworded, *args, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if issubclass(self.model, Reviewed):
            base = kwargs.get("form", self.form)

            class OwnedForm(ReviewForm, base):
                editor = request.user

                def _post_clean(self):
                    super()._post_clean()
                    # A new item with no owner chosen: the editor who adds it owns it. (Not an
                    # existing one: whoever next saved it, or published a working copy of it,
                    # would silently become its owner.)
                    if (
                        self.instance._state.adding
                        and not self.instance.owner_id
                        and may_edit(self.editor, self._meta.model)
                    ):
                        self.instance.owner = self.editor

            OwnedForm.__name__ = base.__name__
            kwargs["form"] = OwnedForm
        return super().get_form(request, obj, change=change, **kwargs)

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
        if obj.is_live:
            return f"Yes, until {editors_time(obj.unpublish_at)}" if obj.unpublish_at else "Yes"
        if obj.status == Status.PUBLISHED:
            return f"No: unpublished on {editors_time(obj.unpublish_at)}"
        return "No: draft"

    def public_url(self, obj):
        """Where the public sees the item once it is live."""
        return obj.get_absolute_url()

    def view_on_site(self, obj):
        # "View on site" for a draft would be a 404: offer it only once the item is live.
        return self.public_url(obj) if obj.is_live else None

    # The public view that shows this model's items; its preview() renders one as if published.
    public_view = None

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
            # For the checks before publishing the banner shows (the quality app).
            "item": obj,
        }
        response = self.preview_response(request, obj)
        # A draft must never be stored by a cache or indexed by a search engine.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def preview_response(self, request, obj):
        return self.public_view.preview(request, obj)

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
