"""
Saved versions (django-reversion) as the conflict check reads them.

A form remembers the latest version when it was opened; a save finding a later version whose
content differs is a save over someone else's change.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from reversion import add_to_revision, create_revision, is_registered, set_comment
from reversion.models import Version

from partnership.history import field_changes


def latest_version(obj):
    if obj is None or obj.pk is None or not is_registered(type(obj)):
        return None
    return Version.objects.get_for_object(obj).select_related("revision__user").first()


def base_version(obj):
    """The item's latest version, keeping one first if it has none (content loaded by a command
    rather than saved here), so there is always something to compare a later save with.

    django-reversion's ``createinitialrevisions`` command does the same for a whole site.
    """
    latest = latest_version(obj)
    if latest is None and obj is not None and obj.pk is not None and is_registered(type(obj)):
        with create_revision():
            set_comment("Initial version.")
            add_to_revision(obj)
        latest = latest_version(obj)
    return latest


def rows_of(version):
    """The revision's other rows (inline rows saved with the item), as stored."""
    return {
        (v.content_type_id, v.object_id): v.serialized_data
        for v in version.revision.version_set.all()
        if v.pk != version.pk
    }


def content_changes(model, older, newer):
    """What ``newer`` changed since ``older``: the item's fields, and whether its inline rows
    changed. (None, False) when nothing an editor sees differs."""
    changes = field_changes(model, older, newer)
    rows_changed = older is None or rows_of(older) != rows_of(newer)
    return changes, rows_changed


@dataclass
class Snapshot:
    """An item's field values in the shape of a Version, for ``field_changes``."""

    field_dict: dict = field(default_factory=dict)

    @classmethod
    def of(cls, obj):
        if obj is None:
            return None
        return cls({f.attname: f.value_from_object(obj) for f in obj._meta.concrete_fields})


def normal(value):
    """A value as compared: an object by its id, a moment to the second (as forms post it)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)
    return value


def changed_by_form(form, older):
    """The names of the item's fields whose posted value differs from ``older`` (a Version)."""
    if older is None:
        return set(form.cleaned_data)
    stored = older.field_dict
    names = set()
    for model_field in form._meta.model._meta.concrete_fields:
        name = model_field.name
        if name not in form.cleaned_data or name not in form.fields:
            continue
        before = stored.get(model_field.attname, stored.get(name))
        after = form.cleaned_data[name]
        if normal(after) != normal(before) and not (after in (None, "") and before in (None, "")):
            names.add(name)
    return names
