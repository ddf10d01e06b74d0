"""The "Content editors" group: partnership staff who edit content but not users."""

CONTENT_EDITORS = "Content editors"


def sync_content_editor_permissions(using="default", **kwargs):
    """Give the group every permission on content models (and nothing on users or groups).

    Connected to post_migrate for every app, so a later app's content models join the group as
    soon as Django has made their permissions. History, restore and "recover deleted"
    (django-reversion) need nothing more: they check the content model's own permissions.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from .models import content_models

    group, _ = Group.objects.using(using).get_or_create(name=CONTENT_EDITORS)
    types = ContentType.objects.db_manager(using).get_for_models(*content_models()).values()
    group.permissions.add(*Permission.objects.using(using).filter(content_type__in=types))
