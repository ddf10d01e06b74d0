"""Redirects in the admin: one at a time, or a whole old website's addresses from a CSV file."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from partnership.editorial import ContentAdmin

from .forms import RedirectImportForm
from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(ContentAdmin):
    list_display = ("old_path", "new_path", "automatic", "created_at")
    list_filter = ("automatic",)
    search_fields = ("old_path", "new_path")
    fields = ("old_path", "new_path")
    change_list_template = "admin/redirects/redirect/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="redirects_redirect_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Import an old website's addresses from a CSV file, all or nothing."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = RedirectImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                added, updated = form.save()
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(
                    request, f"Imported the file: {added} new redirect(s), {updated} changed."
                )
                return redirect(reverse("admin:redirects_redirect_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import redirects from a CSV file",
            "form": form,
        }
        return TemplateResponse(request, "admin/redirects/redirect/import.html", context)
