"""Images for the content-growth benchmark: many library images, made quickly.

Each is a small, distinct picture (so each gets its own renditions, as real uploads do) created
through the same checks and rendition code as an upload, in bulk.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from .models import Image, new_key
from .processing import make_renditions, open_checked


def sample_upload(number, size=(640, 427), fmt="JPEG"):
    """A small picture, different for each ``number``, as if it had been uploaded."""
    colour = (number * 37 % 256, number * 91 % 256, number * 53 % 256)
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format=fmt)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]
    return SimpleUploadedFile(f"sample-{number}.{extension}", buffer.getvalue())


def create_images(count, start=0):
    """Create ``count`` library images with their renditions; return them."""
    images = []
    for number in range(start, start + count):
        upload = sample_upload(number)
        picture, source_format = open_checked(upload)
        key = new_key()
        image = Image(
            title=f"Sample picture {number}",
            alt_text=f"A plain coloured rectangle, number {number}",
            key=key,
            source_format=source_format,
            width=picture.width,
            height=picture.height,
        )
        image.file.save(f"{key}.jpg", upload, save=False)
        image.renditions = [r.as_dict() for r in make_renditions(picture, source_format, key)]
        images.append(image)
    return Image.objects.bulk_create(images)
