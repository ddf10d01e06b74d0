"""Content editors read visitors' feedback and may delete it; nobody edits it."""

from partnership.roles import CONTENT_EDITORS


def let_editors_read_feedback(using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=CONTENT_EDITORS)
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="feedback", codename__in=("view_feedback", "delete_feedback")
        )
    )
