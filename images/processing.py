"""
Checking uploads and making renditions, with Pillow.

An upload is accepted only if Pillow reads it, by its content, as a JPEG, PNG or WebP of sane
dimensions: the name and the type the browser sent are the uploader's to choose, so neither is
believed. The original is kept for making renditions again but never served. Every rendition is
drawn afresh from the pixels, turned upright by its EXIF orientation first, and saved with no
EXIF, XMP, ICC or text chunks, so a phone photo's location never reaches the public.

Renditions are stored through ``default_storage`` (a shared disk, or object storage with
django-storages) under names made from a hash of their content, so they can be cached for ever
and every server finds the same files.
"""

import hashlib
import io
import warnings
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# Pillow's names for the formats we accept, and the extension and type each is stored with.
ACCEPTED_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
ACCEPTED_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
CONTENT_TYPES = dict(ACCEPTED_FORMATS.values())

# The widths a browser may choose from (srcset). A narrower original is never enlarged: it gets
# the widths below its own and its own width.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
RENDITIONS_FOLDER = "images/renditions/"
ORIGINALS_FOLDER = "images/originals/"

JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}
WEBP_OPTIONS = {"quality": 80, "method": 4}
PNG_OPTIONS = {"optimize": True}


@dataclass(frozen=True)
class Rendition:
    """One stored rendition: its file name in default storage, size in pixels, and format."""

    name: str
    width: int
    height: int
    format: str  # "jpg", "png" or "webp"

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]

    def as_dict(self):
        return asdict(self)


def max_upload_bytes():
    return settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024


def _refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params)


def open_checked(file):
    """Open an upload with Pillow and check it; return (image, Pillow's format name), the image
    fully decoded and upright.

    Raises ValidationError, with a message for the editor, for anything we do not accept: too
    big a file, not an image, another format, a truncated file or a decompression bomb (a small
    file that would decode to a vast number of pixels and exhaust the server's memory).
    """
    if file.size > max_upload_bytes():
        _refuse(
            "This file is %(size)s MB; the largest image we accept is %(limit)s MB. Save a "
            "smaller version (1920 pixels wide is plenty) and upload that.",
            "too_large",
            size=f"{file.size / (1024 * 1024):.1f}",
            limit=settings.IMAGE_MAX_UPLOAD_MB,
        )
    limit = settings.IMAGE_MAX_PIXELS
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns (rather than refuses) between its limit and twice it: refuse both.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(file)
            if image.format not in ACCEPTED_FORMATS:
                _refuse(
                    "This is a %(format)s image; upload a JPEG, PNG or WebP instead.",
                    "wrong_type",
                    format=image.format or "different kind of",
                )
            # The header alone gives the size: refuse a bomb before decoding a single pixel.
            if image.width * image.height > limit:
                _refuse(
                    "This image is %(width)s × %(height)s pixels, more than we can safely "
                    "process (%(limit)s pixels in all). Resize it and upload it again.",
                    "too_many_pixels",
                    width=image.width,
                    height=image.height,
                    limit=f"{limit:,}",
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        _refuse(
            "This image would decode to more pixels than we can safely process. Resize it and "
            "upload it again.",
            "too_many_pixels",
        )
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        _refuse(
            "This file is not an image we can read. Upload a JPEG, PNG or WebP photograph or "
            "graphic.",
            "not_an_image",
        )
    finally:
        file.seek(0)
    return upright, image.format


def rendition_widths(original_width):
    """The widths to make for an image ``original_width`` pixels wide: never wider than it."""
    widths = [w for w in RENDITION_WIDTHS if w < original_width]
    if original_width <= RENDITION_WIDTHS[-1]:
        widths.append(original_width)
    else:
        widths.append(RENDITION_WIDTHS[-1])
    return sorted(set(widths))


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def fallback_format(source_format, image):
    """The JPEG-or-PNG format every browser shows: JPEG for photographs, PNG for graphics and
    anything transparent."""
    if source_format == "JPEG" or (source_format == "WEBP" and not _has_alpha(image)):
        return "jpg"
    return "png"


def _encode(image, fmt):
    """``image`` as bytes in ``fmt``, with no metadata at all."""
    alpha = _has_alpha(image)
    if fmt == "jpg":
        pixels = image.convert("RGB")
    else:
        pixels = image.convert("RGBA" if alpha else "RGB")
    # Pillow carries icc_profile, exif and text chunks in .info into some encoders: empty it, and
    # pass no exif, so the saved file holds pixels only.
    pixels.info = {}
    buffer = io.BytesIO()
    options = {"jpg": JPEG_OPTIONS, "png": PNG_OPTIONS, "webp": WEBP_OPTIONS}[fmt]
    pixels.save(buffer, format={"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[fmt], **options)
    return buffer.getvalue()


def _store(data, prefix, fmt, width, height):
    # The image's own key keeps two library entries of the same picture from sharing a file
    # that deleting one of them would remove; the content hash makes the name change whenever
    # the content does, so it can be cached for ever.
    digest = hashlib.sha256(data).hexdigest()[:16]
    name = default_storage.save(
        f"{RENDITIONS_FOLDER}{prefix}-{digest}-{width}.{fmt}", ContentFile(data)
    )
    return Rendition(name=name, width=width, height=height, format=fmt)


def make_renditions(image, source_format, prefix):
    """Make and store the renditions of a checked, upright image; return them as Renditions.

    Each width is stored as JPEG or PNG (which every browser shows) and, when it is smaller,
    as WebP too. If storing fails part-way, what was stored is removed again.
    """
    fallback = fallback_format(source_format, image)
    stored = []
    try:
        for width in rendition_widths(image.width):
            height = max(1, round(image.height * width / image.width))
            resized = (
                image
                if width == image.width
                else image.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
            )
            fallback_data = _encode(resized, fallback)
            webp_data = _encode(resized, "webp")
            stored.append(_store(fallback_data, prefix, fallback, width, height))
            if len(webp_data) < len(fallback_data):
                stored.append(_store(webp_data, prefix, "webp", width, height))
    except Exception:
        delete_files(r.name for r in stored)
        raise
    return stored


def delete_files(names):
    for name in names:
        if name:
            default_storage.delete(name)
