"""The sign-off rules, for administrators: which kinds of content need an approver."""

from django.contrib import admin

from .models import SignOffRule


@admin.register(SignOffRule)
class SignOffRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "required")
    list_editable = ("required",)
    list_display_links = None
    ordering = ("content_type__app_label", "content_type__model")

    @admin.display(description="kind of content")
    def kind(self, rule):
        model = rule.model
        return str(model._meta.verbose_name_plural).capitalize() if model else "—"

    def has_add_permission(self, request):
        # One rule per kind of content, made by the site itself (signoff.keep_sign_off_rules).
        return False

    def has_delete_permission(self, request, obj=None):
        return False
