"""
Rich text for statement and page bodies.

Editors use django-prose-editor (a ProseMirror editor in the admin), so they make paragraphs,
headings, lists, links, bold text and figures without typing HTML. The same extension list drives
the editor's toolbar and nh3's allow-list, so what an editor can make is exactly what survives
sanitising, on save (the model field) and again on render (``render()``, the ``rich_text``
filter).

Pictures come only from the image library, by reference: the figure dialog's "Browse…" opens
the library's picker, which writes ``<img data-file="ID" src="...">``. Sanitising keeps the
reference and nothing the library decides (alt text, size); an ``<img>`` that refers to no
library image, such as one pointing at another site, is removed. At render, the apps that own a
reference (the images app) replace it with the real markup: ``register_reference_renderer()``.
"""

import re
from functools import partial
from html import unescape

import nh3
from django.urls import reverse_lazy
from django.utils.text import slugify
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
    # A picture from the image library, with an optional caption.
    "Figure": {"pickerUrl": reverse_lazy("admin:images_image_choose")},
    "Caption": True,
    "Image": True,
    "History": True,
    # django-prose-editor turns the browser's spell-check off by default; editors want it (in
    # British English: the admin's <html lang="en-gb">).
    "NoSpellCheck": False,
}

# What an <img> keeps: the library reference, and a same-site src for the editor's own display.
# Alt text, width and height come from the library when the page is rendered.
IMAGE_ATTRIBUTES = {
    "data-file": re.compile(r"^[0-9]{1,12}$"),
    "src": re.compile(r"^/(?!/)[^\s]*$"),
}


def _keep_attribute(element, attribute, value):
    if element != "img":
        return value
    pattern = IMAGE_ATTRIBUTES.get(attribute)
    return value if pattern and pattern.match(value) else None


_cleaner = nh3.Cleaner(
    **allowlist_from_extensions(expand_extensions(EXTENSIONS)), attribute_filter=_keep_attribute
)
# nh3 writes attributes in double quotes and escapes ">" inside them, so these see whole tags.
_UNREFERENCED_IMG = re.compile(r"<img\b(?![^>]*\sdata-file=\")[^>]*>")
_EMPTY_FIGURE = re.compile(r"<figure\b[^>]*>(?:(?!<img\b|<picture\b|<figure\b).)*?</figure>", re.S)
_EMPTY_PARAGRAPH = re.compile(r"^<(?P<tag>\w+)></(?P=tag)>$")

_reference_renderers = []


def sanitise(html):
    """Return ``html`` with everything outside the editor's allow-list removed."""
    html = _UNREFERENCED_IMG.sub("", _cleaner.clean(html or ""))
    # A figure whose picture was removed says nothing on its own.
    return _EMPTY_FIGURE.sub("", html)


def register_reference_renderer(renderer):
    """Add a function that turns references in sanitised HTML into their markup."""
    if renderer not in _reference_renderers:
        _reference_renderers.append(renderer)


def render(html):
    """Sanitised HTML with every reference replaced by what it refers to."""
    html = sanitise(html)
    for renderer in _reference_renderers:
        html = renderer(html)
    return _EMPTY_FIGURE.sub("", html)


# nh3 leaves headings without attributes, so these see every heading whole.
_HEADING = re.compile(r"<h2>(.*?)</h2>", re.S)
_TAG = re.compile(r"<[^>]+>")


def render_with_contents(html):
    """``render(html)`` with an ``id`` on each ``<h2>``, and its contents list: the (id, text)
    of each, so a long publication's readers can jump to a part and back."""
    contents = []

    def anchor(match):
        text = " ".join(unescape(_TAG.sub(" ", match.group(1))).split())
        base = f"part-{slugify(text)[:60]}".rstrip("-")
        anchor_id = base if all(base != used for used, _ in contents) else f"{base}-{len(contents)}"
        contents.append((anchor_id, text))
        return f'<h2 id="{anchor_id}">{match.group(1)}</h2>'

    return _HEADING.sub(anchor, render(html)), contents


def _sanitise_for_storage(html):
    # ProseMirror always leaves one empty paragraph: an empty editor stores an empty string.
    html = sanitise(html)
    return "" if _EMPTY_PARAGRAPH.match(html) else html


RichTextField = partial(ProseEditorField, extensions=EXTENSIONS, sanitize=_sanitise_for_storage)
