"""The quality app's screens: the retired names editors keep, and the link checker's report."""

from django.contrib import admin

from .models import RetiredName


@admin.register(RetiredName)
class RetiredNameAdmin(admin.ModelAdmin):
    list_display = ("name", "use_instead")
    search_fields = ("name", "use_instead")
