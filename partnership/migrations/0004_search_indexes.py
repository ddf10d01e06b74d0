"""GIN indexes for full-text search on PostgreSQL (SQLite searches without them).

Without them every search computes each row's document afresh: about 0.2 ms per press statement,
so a thousand statements made every search take a quarter of a second. The searched fields are
copied here as they stood (a later rename must not break this migration); the expression comes
from search_vector(). tests/test_search.py fails on PostgreSQL if a search stops using its index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from partnership.search import search_vector

SEARCHED_FIELDS = {
    "pressstatement": (("title", "A", False), ("summary", "B", False), ("body", "C", True)),
    "page": (("title", "A", False), ("summary", "B", False), ("body", "C", True)),
    "document": (("title", "A", False), ("summary", "B", False)),
    "priority": (("title", "A", False), ("description", "B", False)),
    "partner": (("organisation", "A", False), ("lead_role", "B", False), ("description", "C", False)),
}


def search_indexes(apps):
    for model_name, fields in SEARCHED_FIELDS.items():
        model = apps.get_model("partnership", model_name)
        yield model, GinIndex(search_vector(fields), name=f"{model_name}_search")


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.add_index(model, index)


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in search_indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("partnership", "0003_document_file_details_and_slug_message")]

    operations = [migrations.RunPython(add_search_indexes, remove_search_indexes)]
