"""A GIN index for full-text search on PostgreSQL (SQLite searches without it), built from the
same expression as the search's query (partnership.search.search_vector): tests/test_search.py
fails on PostgreSQL if the search stops using it. The fields are copied as they stand today."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from partnership.search import search_vector

SEARCHED_FIELDS = (("title", "A", False), ("summary", "B", False), ("description", "C", True))


def index(apps):
    return apps.get_model("events", "event"), GinIndex(
        search_vector(SEARCHED_FIELDS), name="event_search"
    )


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(*index(apps))


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(*index(apps))


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_search_index, remove_search_index)]
