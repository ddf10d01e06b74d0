"""The editors' roles: groups an administrator puts each member of staff in.

- *Authors* add and change all content. Where a kind of content needs approval (the sign-off
  rules), they prepare drafts and working copies and submit them; they never publish them.
- *Approvers* do what authors do, and approve and publish (or send back) what needs approval.
- *Administrators* do what approvers do, and manage user accounts, groups and the sign-off rules.

The "Content editors" group of earlier versions became *Approvers* (migration
editing/0002_roles): its members published alone before, and still can the day after an upgrade.
"""

AUTHORS = "Authors"
APPROVERS = "Approvers"
ADMINISTRATORS = "Administrators"
ROLES = (AUTHORS, APPROVERS, ADMINISTRATORS)

# What each role may do beyond editing content, as (app label, codename).
APPROVE = ("editing", "approve")
# Every editor keeps the list of retired names and reads the link checker's report (quality app).
KEEPING_CONTENT_RIGHT = [
    *(("quality", f"{action}_retiredname") for action in ("add", "change", "delete", "view")),
    ("quality", "view_checkedlink"),
]
EXTRA_PERMISSIONS = {
    AUTHORS: [*KEEPING_CONTENT_RIGHT],
    APPROVERS: [APPROVE, *KEEPING_CONTENT_RIGHT],
    ADMINISTRATORS: [
        APPROVE,
        *KEEPING_CONTENT_RIGHT,
        *(("editing", f"{action}_signoffrule") for action in ("view", "change")),
        *(
            ("auth", f"{action}_{model}")
            for model in ("user", "group")
            for action in ("add", "change", "delete", "view")
        ),
    ],
}


def sync_role_permissions(using="default", **kwargs):
    """Give each role every permission on content models, plus its own extras.

    Connected to post_migrate for every app, so a later app's content models join the roles as
    soon as Django has made their permissions. History, restore and "recover deleted"
    (django-reversion) need nothing more: they check the content model's own permissions.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from .models import content_models

    types = ContentType.objects.db_manager(using).get_for_models(*content_models()).values()
    content = Permission.objects.using(using).filter(content_type__in=types)
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.add(*content)
        extras = Q(pk__in=[])
        for app_label, codename in EXTRA_PERMISSIONS[role]:
            extras |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.using(using).filter(extras))
