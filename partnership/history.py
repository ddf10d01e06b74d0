"""
Comparing two saved versions of an item, for the admin's history pages.

django-reversion stores each version's field values; this turns two of them into the list of
fields that changed, with the words removed and added marked, as an editor would want to read it.
"""

import difflib
import re
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField

from .dates import moment

BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>")


@dataclass
class FieldChange:
    """One field whose value differs between two versions."""

    label: str
    before: str
    after: str
    # The field's name, so a caller can tell which field changed.
    name: str = ""

    @property
    def diff(self):
        return word_diff(self.before, self.after)


def compared_fields(model):
    """The fields an editor edits, in form order: not the id, automatic timestamps or where an
    item sits in a tree (``PLACE_FIELDS``: the tree library's bookkeeping)."""
    place = getattr(model, "PLACE_FIELDS", ())
    return [
        field
        for field in model._meta.fields
        if field.editable and not field.primary_key and field.name not in place
    ]


def readable_value(field, value):
    """A stored value as the editor sees it: labels for choices, text for rich text."""
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, ProseEditorField):
        # Keep a space between paragraphs, headings and list items once the tags are gone.
        return " ".join(strip_tags(BLOCK_END.sub(" ", value)).split())
    if isinstance(field, models.DateTimeField):
        return moment(value)
    if isinstance(field, models.DateField):
        return formats.date_format(value, "j F Y")
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"(deleted, id {value})"
    return str(value)


def version_values(model, version):
    """{field: readable value} for a reversion Version (empty values for no version)."""
    stored = version.field_dict if version else {}
    return {
        field: readable_value(field, stored.get(field.attname, stored.get(field.name)))
        for field in compared_fields(model)
    }


def field_changes(model, older, newer):
    """The fields whose values differ from ``older`` (None: nothing before) to ``newer``."""
    before, after = version_values(model, older), version_values(model, newer)
    return [
        FieldChange(str(field.verbose_name).capitalize(), before[field], after[field], field.name)
        for field in before
        if before[field] != after[field]
    ]


def word_diff(before, after):
    """HTML of ``after`` with removed words in <del> and added words in <ins>."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = "".join(old[old_start:old_end])
        added = "".join(new[new_start:new_end])
        if op == "equal":
            parts.append(escape(added))
            continue
        if removed.strip():
            parts.append(format_html("<del>{}</del>", removed))
        if added.strip():
            parts.append(format_html("<ins>{}</ins>", added))
        elif added:
            parts.append(escape(added))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
