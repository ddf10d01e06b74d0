"""
Uploaded documents: which kinds we accept, recognised by their content rather than their name.

A file's name is whatever the uploader typed, so an executable can be called ``report.pdf``. We
read the first bytes (and, for the zip-based office formats, the names inside the archive) and
accept the file only if its content and its name agree on one of the kinds below.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class DocumentType:
    """A kind of file editors may upload, and how we serve it."""

    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

DOCUMENT_TYPES = {
    t.key: t
    for t in (
        DocumentType("pdf", "PDF", "application/pdf", (".pdf",)),
        DocumentType(
            "docx",
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        DocumentType(
            "xlsx",
            "Excel spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
        ),
        DocumentType(
            "pptx",
            "PowerPoint presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        DocumentType(
            "odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",)
        ),
        DocumentType(
            "ods",
            "OpenDocument spreadsheet",
            "application/vnd.oasis.opendocument.spreadsheet",
            (".ods",),
        ),
        DocumentType(
            "odp",
            "OpenDocument presentation",
            "application/vnd.oasis.opendocument.presentation",
            (".odp",),
        ),
        # The pre-2007 Office formats share one container (OLE2); the name tells them apart.
        DocumentType("doc", "Word document", "application/msword", (".doc",)),
        DocumentType("xls", "Excel spreadsheet", "application/vnd.ms-excel", (".xls",)),
        DocumentType("ppt", "PowerPoint presentation", "application/vnd.ms-powerpoint", (".ppt",)),
    )
}

# The folder inside an Office Open XML archive that says which application made it.
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
OLE2_TYPES = ("doc", "xls", "ppt")

ACCEPTED_EXTENSIONS = sorted(ext for t in DOCUMENT_TYPES.values() for ext in t.extensions)


def _zip_type(file):
    """The office format of a zip archive, from its contents, or None."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                for prefix, key in OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return key
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def sniff_document_types(file):
    """The DocumentType keys the file's content could be (empty if none)."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return ("pdf",)
        if head == OLE2_SIGNATURE:
            return OLE2_TYPES
        if head.startswith(ZIP_SIGNATURE):
            key = _zip_type(file)
            return (key,) if key else ()
        return ()
    finally:
        file.seek(0)


def max_upload_bytes():
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024


def validate_document_upload(file):
    """Check an upload's size and content; return its DocumentType key or raise ValidationError."""
    if file.size > max_upload_bytes():
        raise ValidationError(
            "This file is %(size)s; the largest we accept is %(limit)s MB. Save a smaller version "
            "(for a PDF, choose “reduce file size”) and upload that.",
            code="too_large",
            params={"size": human_size(file.size), "limit": settings.DOCUMENT_MAX_UPLOAD_MB},
        )
    extension = PurePath(file.name).suffix.lower()
    key = next(
        (k for k in sniff_document_types(file) if extension in DOCUMENT_TYPES[k].extensions), None
    )
    if key is None:
        raise ValidationError(
            "This file is not a document we accept, or its contents do not match its name "
            "(%(extension)s). Upload a PDF, Word, Excel, PowerPoint or OpenDocument file.",
            code="wrong_type",
            params={"extension": extension or "no file type"},
        )
    return key


def content_type_for(key):
    """The Content-Type to serve a stored document with; never one a browser would run."""
    document_type = DOCUMENT_TYPES.get(key)
    return document_type.content_type if document_type else "application/octet-stream"


def human_size(size):
    """Sizes as people read them: "240 KB", "1.2 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
