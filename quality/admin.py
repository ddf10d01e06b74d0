"""The quality app's screens: the retired names editors keep, and the link checker's report."""

from django.contrib import admin
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join

from .models import CheckedLink, RetiredName


@admin.register(RetiredName)
class RetiredNameAdmin(admin.ModelAdmin):
    list_display = ("name", "use_instead")
    search_fields = ("name", "use_instead")


class ResultFilter(admin.SimpleListFilter):
    title = "result"
    parameter_name = "result"

    def lookups(self, request, model_admin):
        return (("broken", "Broken"), ("working", "Working"))

    def queryset(self, request, queryset):
        if self.value() == "broken":
            return queryset.filter(ok=False)
        if self.value() == "working":
            return queryset.filter(ok=True)
        return queryset


@admin.register(CheckedLink)
class CheckedLinkAdmin(admin.ModelAdmin):
    """The link checker's report: read only, broken links first, with where each is used."""

    list_display = ("link", "result", "where_used", "checked")
    list_filter = (ResultFilter,)
    search_fields = ("url", "problem")
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("ok", "url")

    @admin.display(description="link", ordering="url")
    def link(self, obj):
        return obj.url

    @admin.display(description="what the checker found", ordering="ok")
    def result(self, obj):
        if not obj.ok:
            return format_html("<strong>Broken:</strong> {}", obj.problem)
        if obj.redirected_to:
            return f"Works, but has moved to {obj.redirected_to}: change the link to that address."
        return "Works"

    @admin.display(description="where it is used")
    def where_used(self, obj):
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                ((use["admin_url"], use["title"], use["kind"]) for use in obj.used_on),
            ),
        )

    @admin.display(description="checked", ordering="checked_at")
    def checked(self, obj):
        return formats.date_format(timezone.localtime(obj.checked_at), "j F Y, g:ia")
