"""The editors' roles: Authors, Approvers and Administrators (partnership/roles.py).

Existing sites had one group, "Content editors", whose members published alone. It becomes
"Approvers", members and all, so nobody loses the right to publish on the day of the upgrade; an
administrator then moves anyone who should only draft into "Authors". The roles' permissions are
kept in step after every migrate by ``roles.sync_role_permissions``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OLD = "Content editors"
ROLES = ("Authors", "Approvers", "Administrators")


def make_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make the approve permission now so the
    # groups can have it (the historical app config is a stub create_permissions would skip).
    app_config = apps.get_app_config("editing")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    old = Group.objects.filter(name=OLD).first()
    if old is not None and not Group.objects.filter(name="Approvers").exists():
        old.name = "Approvers"
        old.save()
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    approve = Permission.objects.get(content_type__app_label="editing", codename="approve")
    for name in ("Approvers", "Administrators"):
        Group.objects.get(name=name).permissions.add(approve)


def restore_content_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=("Authors", "Administrators")).delete()
    Group.objects.filter(name="Approvers").update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("editing", "0001_initial"),
        ("partnership", "0013_unpublish_dates"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(make_roles, restore_content_editors)]
