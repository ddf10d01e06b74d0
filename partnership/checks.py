"""System checks: mistakes in how the site is put together fail at start-up, not on a click."""

from django.contrib import admin
from django.core.checks import Error, Tags, register
from django.db import connection

from .editorial import PublishableAdmin
from .models import Page, Publishable
from .sections import reserved_addresses


@register(Tags.admin)
def publishable_admins_declare_a_preview(app_configs, **kwargs):
    """Every publishable model's admin names the public view that previews it."""
    errors = []
    for model, model_admin in admin.site._registry.items():
        if not issubclass(model, Publishable):
            continue
        public_view = getattr(model_admin, "public_view", None)
        if not isinstance(model_admin, PublishableAdmin) or not hasattr(public_view, "preview"):
            errors.append(
                Error(
                    f"The admin for {model._meta.label} has no preview.",
                    hint="Subclass editorial.PublishableAdmin and set public_view to the public "
                    "view (a PublicContentMixin view) that shows the item.",
                    obj=type(model_admin),
                    id="partnership.E001",
                )
            )
    return errors


@register(Tags.urls, Tags.database)
def pages_do_not_shadow_the_site(app_configs, databases=None, **kwargs):
    """No top-level page has an address the site answers itself (a section, the admin ...).

    The page form refuses such an address; this catches pages made before a new section or a
    new DJANGO_ADMIN_URL took it. It reads the database, so it runs with ``migrate`` and
    ``check --database default``.
    """
    if not databases or Page._meta.db_table not in connection.introspection.table_names():
        # Without the database, or before the first migration made the table: nothing to check.
        return []
    shadowing = (
        Page.objects.top_level()
        .filter(slug__in=reserved_addresses())
        .values_list("slug", flat=True)
    )
    return [
        Error(
            f"The page at /{slug}/ is hidden by the site's own address /{slug}/.",
            hint="Give the page another web address in the admin.",
            id="partnership.E002",
        )
        for slug in shadowing
    ]
