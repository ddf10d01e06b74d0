"""
Rich text for statement and page bodies.

Editors use django-prose-editor (a ProseMirror editor in the admin), so they make paragraphs,
headings, lists, links and bold text without typing HTML. The same extension list drives the
editor's toolbar and nh3's allow-list, so what an editor can make is exactly what survives
sanitising, on save (the model field) and again on render (the ``rich_text`` filter).
"""

from functools import partial

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    # The page title is the only <h1>; bodies start at <h2>.
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
}

_cleaner = nh3.Cleaner(**allowlist_from_extensions(expand_extensions(EXTENSIONS)))


def sanitise(html):
    """Return ``html`` with everything outside the editor's allow-list removed."""
    return _cleaner.clean(html or "")


RichTextField = partial(ProseEditorField, extensions=EXTENSIONS, sanitize=True)
