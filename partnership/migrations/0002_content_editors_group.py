"""Create the "Content editors" group, with every permission on the partnership's content.

Later migrations' models are added to the group by ``roles.sync_content_editor_permissions``,
which runs after every migrate.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_EDITORS = "Content editors"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now so the group gets
    # them. The historical app config is a stub, which create_permissions skips unless it looks
    # like it has models.
    app_config = apps.get_app_config("partnership")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="partnership"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONTENT_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnership", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
