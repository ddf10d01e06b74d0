from django.db import migrations

# Names partnerships stopped using: CCGs became Integrated Care Boards on 1 July 2022, LSCBs became
# safeguarding partnerships in 2019, and Working Together 2023 replaced the 2018 guidance.
SEED = [
    ("Clinical Commissioning Group", "Integrated Care Board (ICB)"),
    ("Local Safeguarding Children Board", "Local Safeguarding Children Partnership"),
    ("Working Together 2018", "Working Together to Safeguard Children 2023"),
]


def seed(apps, schema_editor):
    RetiredName = apps.get_model("quality", "RetiredName")
    for name, instead in SEED:
        if not RetiredName.objects.filter(name__iexact=name).exists():
            RetiredName.objects.create(name=name, use_instead=instead)


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_reminders_retired_names_and_links")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
