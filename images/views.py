"""Renditions, served from default storage with headers that let browsers keep them for ever."""

import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from .processing import CONTENT_TYPES, RENDITIONS_FOLDER

# A rendition's stored name: letters, digits, hyphens and underscores, then one of our three
# extensions. No slash and no dot before the extension, so no name reaches outside the
# renditions folder, and the originals (in another folder) are never served.
RENDITION_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}\.(jpg|png|webp)$")
ONE_YEAR = 365 * 24 * 60 * 60


def rendition(request, name):
    """One rendition. Its name changes with its content, so it never needs checking again."""
    match = RENDITION_NAME.match(name)
    if not match:
        raise Http404("No such image.")
    try:
        file = default_storage.open(RENDITIONS_FOLDER + name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("No such image.") from None
    response = FileResponse(file, content_type=CONTENT_TYPES[match.group(1)])
    response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    # An image is never a document: even opened directly, it runs nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
