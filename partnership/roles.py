"""The "Content editors" group: partnership staff who edit content but not users."""

CONTENT_EDITORS = "Content editors"

# Apps whose models content editors may add, change, delete and view. History, restore and
# "recover deleted" (django-reversion) need nothing more: they check the content model's own
# view, change and add permissions, so the reversion app is deliberately not listed.
CONTENT_APPS = ("partnership",)


def sync_content_editor_permissions(using="default", **kwargs):
    """Give the group every permission on content models (and nothing on users or groups)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=CONTENT_EDITORS)
    group.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label__in=CONTENT_APPS)
    )
