"""
Checks made before publishing: each finds one kind of problem a reader would meet, and explains
it in words an editor can act on. They warn; they never block, and never block silently.

A check is a function ``check(item) -> list[Finding]`` registered with ``@check``; the form, the
preview and the admin home page run every one (``findings()``).
"""

import re
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorField

from images.models import Image
from partnership.models import Document, Publishable, Status

from .models import FoundProblem, RetiredName


@dataclass
class Finding:
    """One problem found: what it is, why it matters, and the places it was found."""

    title: str
    explanation: str
    examples: list = field(default_factory=list)


CHECKS = []


def check(function):
    CHECKS.append(function)
    return function


def findings(item):
    """Everything the checks find in ``item``, in the order the checks are registered."""
    found = []
    for function in CHECKS:
        found += function(item)
    return found


# --- What an item says ------------------------------------------------------------------------


def rich_text_fields(item):
    return [f for f in item._meta.concrete_fields if isinstance(f, ProseEditorField)]


def rich_text(item):
    """The item's rich text (body, web version), joined."""
    return "\n".join(getattr(item, f.name) or "" for f in rich_text_fields(item))


def plain_text(item):
    """Every word of the item a reader sees: its short text fields and its rich text."""
    parts = []
    for f in item._meta.concrete_fields:
        if isinstance(f, ProseEditorField):
            parts.append(unescape(strip_tags(getattr(item, f.name) or "")))
        elif isinstance(f, models.CharField | models.TextField) and not f.choices:
            if f.name in ("slug", "url_path", "file_type") or not f.editable:
                continue
            parts.append(str(getattr(item, f.name) or ""))
    return "\n".join(p for p in parts if p)


class Outline(HTMLParser):
    """The headings, links and pictures of a piece of rich text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.headings, self.links, self.images = [], [], []
        self._link = None
        self._heading = None
        self.feed(html or "")
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        elif tag == "a":
            self._link = [attrs.get("href") or "", ""]
        elif tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        elif tag == "a" and self._link:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data
        if self._link:
            self._link[1] += data


# --- The checks -------------------------------------------------------------------------------

# The page's title is its only <h1>: its body starts at <h2>.
BODY_STARTS_AT = 2


@check
def heading_levels(item):
    outline = Outline(rich_text(item))
    problems = []
    previous = BODY_STARTS_AT - 1
    for level, text in outline.headings:
        if level > previous + 1:
            if previous == BODY_STARTS_AT - 1:
                problems.append(
                    f"“{text}” is a level {level} heading, but the text starts at level "
                    f"{BODY_STARTS_AT} (“Heading 2”)."
                )
            else:
                problems.append(
                    f"“{text}” is a level {level} heading straight after a level {previous} one."
                )
        elif level < BODY_STARTS_AT:
            problems.append(f"“{text}” is a level {level} heading: only the title is level 1.")
        previous = level
    if not problems:
        return []
    return [
        Finding(
            "Headings skip a level",
            "People using screen readers move through a page by its headings, and a skipped "
            "level sounds like a missing part. Start with “Heading 2” and go one level at a time.",
            problems,
        )
    ]


VAGUE_LINK_TEXT = {"click here", "here", "click", "this link", "link", "read more", "more"}
ADDRESS = re.compile(r"^(https?://|www\.)\S+$|^\S+\.(org|uk|com|gov|net)(/\S*)?$", re.I)


@check
def link_text(item):
    problems = []
    for href, text in Outline(rich_text(item)).links:
        words = text.strip(" .:!").lower()
        if words in VAGUE_LINK_TEXT:
            problems.append(f"A link to {href} says only “{text}”.")
        elif ADDRESS.match(text.strip()):
            problems.append(f"A link is a bare web address: “{text}”.")
    if not problems:
        return []
    return [
        Finding(
            "Links that do not say where they go",
            "Screen reader users often list a page's links on their own, where “click here” "
            "or a long web address says nothing. Make the link's words say what it opens, such "
            "as “our yearly report 2023 to 2024”.",
            problems,
        )
    ]


# Alternative text that tells a listener nothing about the picture.
MEANINGLESS_ALT = {"image", "picture", "photo", "photograph", "img", "graphic", "logo", "pic"}
FILE_NAME = re.compile(r"^\S+\.(jpe?g|png|gif|webp|avif|svg|tiff?)$", re.I)


@check
def image_alt_text(item):
    ids = []
    for attrs in Outline(rich_text(item)).images:
        if (ref := attrs.get("data-file") or "").isdigit():
            ids.append(int(ref))
    lead = getattr(item, "lead_image_id", None)
    if lead:
        ids.append(lead)
    if not ids:
        return []
    problems = []
    for image in Image.objects.filter(pk__in=ids, decorative=False):
        alt = " ".join(image.alt_text.split())
        if not alt:
            problems.append(f"“{image.title}” has no alternative text.")
        elif alt.lower().strip(".") in MEANINGLESS_ALT or FILE_NAME.match(alt):
            problems.append(f"“{image.title}” has alternative text that says nothing: “{alt}”.")
    if not problems:
        return []
    return [
        Finding(
            "Pictures without useful alternative text",
            "A screen reader reads a picture's alternative text aloud; without it, people who "
            "cannot see the picture miss what it shows. Add it in the image library, or mark "
            "the picture as decorative if it adds nothing to the text.",
            problems,
        )
    ]


@check
def pdf_only(item):
    if not isinstance(item, Document) or (item.body or "").strip():
        return []
    is_pdf = item.file_type == "pdf" or (item.file and item.file.name.lower().endswith(".pdf"))
    is_pdf = is_pdf or (item.external_url or "").lower().split("?")[0].endswith(".pdf")
    if not is_pdf:
        return []
    return [
        Finding(
            "Only a PDF, with no web version",
            "Many people cannot read a PDF with a screen reader, on a phone or enlarged. Paste "
            "the text into “Web version”, with its headings, so everyone can read it.",
        )
    ]


@check
def retired_names(item):
    text = plain_text(item)
    problems = []
    for name in RetiredName.objects.all():
        if found := name.pattern.search(text):
            instead = f" Use “{name.use_instead}” instead." if name.use_instead else ""
            problems.append(f"“{found.group(0)}” is a name no longer used.{instead}")
    if not problems:
        return []
    return [
        Finding(
            "Names no longer in use",
            "Readers looking for these organisations or documents will not find them by these "
            "names. Your partnership keeps the list under “Retired names”.",
            problems,
        )
    ]


# --- Readability ------------------------------------------------------------------------------

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
# Below this, most people find the text hard (60 to 70 is plain English).
HARD_TO_READ = 50
# Too little text for a score to mean anything.
MINIMUM_WORDS = 40


def syllables(word):
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_ease(sentences):
    """Flesch reading ease of a list of sentences: 100 is very easy, below 30 very hard."""
    words = [w for s in sentences for w in WORD.findall(s)]
    if not words:
        return 100.0
    count = sum(1 for s in sentences if WORD.search(s)) or 1
    return (
        206.835
        - 1.015 * (len(words) / count)
        - 84.6 * (sum(syllables(w) for w in words) / len(words))
    )


# A sentence ends at . ! or ? followed by a space and a capital (not "No. 2" or "example.org").
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"‘(])")
# Too short to rank on its own: a short sentence with one long word scores lower than it reads.
SHORTEST_RANKED = 8


def sentences_of(item):
    """The sentences of the item's rich text: paragraphs and list items, not headings."""
    html = re.sub(r"<h\d[^>]*>.*?</h\d>", "\n", rich_text(item), flags=re.S)
    text = unescape(strip_tags(re.sub(r"</(p|li|figcaption|blockquote)>", "\n", html)))
    sentences = []
    for block in text.split("\n"):
        block = " ".join(block.split())
        sentences += [s for s in SENTENCE_END.split(block) if WORD.search(s)]
    return sentences


@check
def readability(item):
    sentences = sentences_of(item)
    if sum(len(WORD.findall(s)) for s in sentences) < MINIMUM_WORDS:
        return []
    score = reading_ease(sentences)
    if score >= HARD_TO_READ:
        return []
    ranked = [s for s in sentences if len(WORD.findall(s)) >= SHORTEST_RANKED] or sentences
    hardest = sorted(ranked, key=lambda s: reading_ease([s]))[:3]
    return [
        Finding(
            f"Hard to read (reading ease {score:.0f} out of 100)",
            "Many readers are worried or short of time, and some read English as a second "
            f"language. Aim for {HARD_TO_READ + 10} or more: shorter sentences and everyday "
            "words. These sentences make it hardest:",
            [f"“{s}”" for s in hardest if reading_ease([s]) < HARD_TO_READ],
        )
    ]


@cache
def checked_models():
    """The kinds of published content with text to check: those with rich text."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Publishable)
        and any(isinstance(f, ProseEditorField) for f in model._meta.concrete_fields)
    ]


def record(item):
    """Keep what the checks find in ``item`` if it is published, or forget it."""
    content_type = ContentType.objects.get_for_model(type(item))
    found = findings(item) if item.status == Status.PUBLISHED else []
    if not found:
        FoundProblem.objects.filter(content_type=content_type, object_id=str(item.pk)).delete()
        return
    FoundProblem.objects.update_or_create(
        content_type=content_type,
        object_id=str(item.pk),
        defaults={
            "title": str(item)[:300],
            "summary": "; ".join(f.title for f in found)[:500],
            "checked_at": timezone.now(),
        },
    )


def recorded_after_save(sender, instance, raw=False, **kwargs):
    """post_save: what the checks find in a published item, kept for the admin home page."""
    if not raw and sender in checked_models():
        record(instance)


def forgotten_after_delete(sender, instance, **kwargs):
    if sender in checked_models():
        FoundProblem.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=str(instance.pk)
        ).delete()


def record_everything():
    """Check every published item again (nightly: retired names change, scheduled items go
    live, bulk changes send no signals). Returns how many have problems."""
    for model in checked_models():
        content_type = ContentType.objects.get_for_model(model)
        published = model.objects.filter(status=Status.PUBLISHED)
        FoundProblem.objects.filter(content_type=content_type).exclude(
            object_id__in=[str(pk) for pk in published.values_list("pk", flat=True)]
        ).delete()
        for item in published.iterator():
            record(item)
    return FoundProblem.objects.count()
