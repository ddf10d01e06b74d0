"""Image markup: <picture> with srcset, sizes, width and height, and rich-text references.

Width and height are the picture's own, so the browser reserves the right space before a byte
arrives and nothing on the page shifts (CSS scales it with ``height: auto``). Renditions that are
smaller in WebP are offered as WebP first; every browser still gets a JPEG or PNG.
"""

import re

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import Image
from .processing import RENDITIONS_FOLDER

# What most of our pictures fill: the text's measure (42em of body text, 50rem), or a phone's
# width less the page's margins.
CONTENT_SIZES = "(min-width: 54rem) 50rem, calc(100vw - 2rem)"
# The fallback src for browsers without srcset: a width that looks right nearly everywhere.
DEFAULT_SRC_WIDTH = 960


def rendition_url(rendition):
    return reverse("images:rendition", args=[rendition.name.removeprefix(RENDITIONS_FOLDER)])


def _srcset(renditions):
    return format_html_join(", ", "{} {}w", ((rendition_url(r), r.width) for r in renditions))


def picture(image, *, sizes=CONTENT_SIZES, lazy=True, alt=None, css_class=""):
    """The <picture> for ``image``, or nothing if it has no renditions.

    ``alt`` overrides the library's text, for a picture beside words that already say what it
    shows (a logo inside a link with the organisation's name).
    """
    renditions = image.get_renditions() if image else []
    fallback = [r for r in renditions if r.format != "webp"]
    if not fallback:
        return ""
    webp = [r for r in renditions if r.format == "webp"]
    largest = fallback[-1]
    src = next((r for r in reversed(fallback) if r.width <= DEFAULT_SRC_WIDTH), fallback[0])
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes)
        if webp
        else ""
    )
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}'
        ' decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        source,
        rendition_url(src),
        _srcset(fallback),
        sizes,
        largest.width,
        largest.height,
        image.alt if alt is None else alt,
        mark_safe(' loading="lazy"') if lazy else "",
    )


# In sanitised rich text (partnership/rich_text.py) an image from the library is
# <img data-file="ID" ...>, usually alone in a <figure> with an optional <figcaption>. nh3 writes
# attributes in double quotes and escapes ">" inside them, so these patterns see whole tags.
REFERENCE = re.compile(r"<img\b[^>]*?\sdata-file=\"(\d+)\"[^>]*>")
FIGURE = re.compile(
    r"<figure\b[^>]*>\s*(?P<img><img\b[^>]*?\sdata-file=\"(?P<id>\d+)\"[^>]*>)\s*"
    r"(?:<figcaption\b[^>]*>(?P<caption>.*?)</figcaption>)?\s*</figure>",
    re.S,
)


def _credit(image):
    if not image.credit:
        return ""
    return format_html('<small class="image-credit">{}</small>', image.credit)


def render_references(html):
    """Replace each library reference with the image's picture, its alt text and credit from the
    library; a reference to an image that no longer exists becomes nothing."""
    ids = {int(i) for i in REFERENCE.findall(html)}
    if not ids:
        return html
    found = Image.objects.in_bulk(ids)

    def figure(match):
        image = found.get(int(match["id"]))
        if image is None:
            return ""
        # The caption is the editor's (already sanitised); the credit is the library's.
        caption = mark_safe(match["caption"] or "")  # noqa: S308 - sanitised by nh3
        if caption or image.credit:
            caption = format_html(
                "<figcaption>{}{}{}</figcaption>",
                caption,
                " " if caption and image.credit else "",
                _credit(image),
            )
        return format_html('<figure class="figure">{}{}</figure>', picture(image), caption)

    def lone_image(match):
        image = found.get(int(match.group(1)))
        return picture(image) if image else ""

    return REFERENCE.sub(lone_image, FIGURE.sub(figure, html))


def largest_url(image):
    fallback = [r for r in image.get_renditions() if r.format != "webp"]
    return rendition_url(fallback[-1]) if fallback else ""


def preview_url(image):
    """A middle-sized rendition, for the admin's previews and the rich-text editor."""
    fallback = [r for r in image.get_renditions() if r.format != "webp"]
    chosen = next((r for r in reversed(fallback) if r.width <= 640), None) or (
        fallback[0] if fallback else None
    )
    return rendition_url(chosen) if chosen else ""
