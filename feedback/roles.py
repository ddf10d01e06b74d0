"""Every editor's role reads visitors' feedback and may delete it; nobody edits it."""

from partnership.roles import ROLES


def let_editors_read_feedback(using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.using(using).filter(
        content_type__app_label="feedback", codename__in=("view_feedback", "delete_feedback")
    )
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.add(*permissions)
