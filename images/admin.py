"""The image library in the admin: upload, describe, find, and pick images for rich text."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join

from .forms import ImageAdminForm
from .models import Image
from .rendering import picture, preview_url
from .usage import text_references, usages


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """Not a versioned ContentAdmin: an old version would name renditions that are gone."""

    form = ImageAdminForm
    list_display = ("thumbnail", "title", "alt_text", "decorative", "dimensions", "created_at")
    list_display_links = ("thumbnail", "title")
    list_filter = ("decorative",)
    search_fields = ("title", "alt_text", "caption", "credit")
    date_hierarchy = "created_at"
    readonly_fields = ("preview", "dimensions", "used_on")
    fieldsets = (
        (None, {"fields": ("title", "file", "preview", "dimensions")}),
        (
            "For people who cannot see it",
            {
                "fields": ("alt_text", "decorative"),
                "description": "Every picture needs alternative text unless it is purely "
                "decorative. Describe what matters about it here, in a sentence.",
            },
        ),
        ("Shown with the picture", {"fields": ("caption", "credit")}),
        ("Where it is used", {"fields": ("used_on",)}),
    )

    class Media:
        css = {"all": ("images/admin.css",)}

    @admin.display(description="picture")
    def thumbnail(self, obj):
        return picture(obj, sizes="8rem", alt="", css_class="image-thumbnail")

    @admin.display(description="how it looks")
    def preview(self, obj):
        return picture(obj, sizes="24rem", alt="", css_class="image-preview") or "—"

    @admin.display(description="size in pixels")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description="used on")
    def used_on(self, obj):
        found = usages(obj) if obj.pk else []
        if not found:
            return "Not used anywhere yet."
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((u,) for u in found))
        )

    def get_deleted_objects(self, objs, request):
        # A picture placed in a page's text is protected like one that is a page's lead image:
        # take it out of the text first, so no page loses a picture without an editor knowing.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            for model, obj in text_references(image):
                protected.append(f"{model._meta.verbose_name.capitalize()}: {obj} (in its text)")
        return deleted, counts, perms_needed, protected

    def get_urls(self):
        return [
            path(
                "choose/",
                self.admin_site.admin_view(self.choose_view),
                name="images_image_choose",
            ),
            *super().get_urls(),
        ]

    def choose_view(self, request):
        """The picker the rich-text editor's "Browse…" opens: click a picture to place it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset, _ = self.get_search_results(request, Image.objects.all(), request.GET.get("q"))
        page = Paginator(queryset, 24).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Choose a picture",
            "page_obj": page,
            "choices": [(image, preview_url(image)) for image in page],
            "query": request.GET.get("q", ""),
            "func_num": request.GET.get("CKEditorFuncNum", ""),
        }
        return TemplateResponse(request, "admin/images/image/choose.html", context)
