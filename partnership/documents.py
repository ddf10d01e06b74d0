"""
Uploaded documents: which kinds we accept, recognised by their content rather than their name.

A file's name is whatever the uploader typed, so an executable can be called ``report.pdf``. We
read the first bytes (and, for the zip-based office formats, the names inside the archive) and
accept the file only if its content and its name agree on one of the kinds below.

Reading inside an archive is bounded: only the small parts we need are read, at most a few
kilobytes of each, and only from archives compressed the way office software does it (stored
or deflated), so a "zip bomb" cannot exhaust the server while it is being checked. Documents
carrying macros (a VBA project inside a .docx, a .docm renamed, a .doc with macros) are refused:
the public has no reason to run an editor's macros.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import olefile
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


# Office software writes zip archives stored or deflated; anything else (bzip2, LZMA) is refused.
ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
# The most we read of an archive's descriptive parts. An ODF mimetype is under 50 bytes and an
# Office [Content_Types].xml a few kilobytes.
MIMETYPE_MAX_BYTES = 256
CONTENT_TYPES_MAX_BYTES = 256 * 1024
# Macro projects inside an Office Open XML archive, and the content types that announce them.
OOXML_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
OOXML_MACRO_MARKERS = (b"macroenabled", b"vbaproject", b"ms-office.activex")
# OLE2 storages that hold macros: Word's, Excel's and PowerPoint's VBA projects.
OLE2_MACRO_STORAGES = ("macros", "_vba_project_cur", "vba", "_vba_project")


class MacroDocument(Exception):
    """The document carries macros."""


def _bounded_read(archive, info, limit):
    """At most ``limit`` bytes of one archive member, whatever its header claims; None if more."""
    if info.file_size > limit:
        return None
    with archive.open(info) as member:
        data = member.read(limit + 1)
    return data if len(data) <= limit else None


def _zip_type(file):
    """The office format of a zip archive, from its contents, or None."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if any(info.compress_type not in ZIP_METHODS for info in members):
                return None
            by_name = {info.filename: info for info in members}
            if any(name.lower().rsplit("/", 1)[-1] in OOXML_MACRO_PARTS for name in by_name):
                raise MacroDocument
            if "mimetype" in by_name:
                mimetype = _bounded_read(archive, by_name["mimetype"], MIMETYPE_MAX_BYTES)
                return ODF_MIMETYPES.get((mimetype or b"").strip())
            if "[Content_Types].xml" in by_name:
                types = _bounded_read(
                    archive, by_name["[Content_Types].xml"], CONTENT_TYPES_MAX_BYTES
                )
                if types is None:
                    return None
                if any(marker in types.lower() for marker in OOXML_MACRO_MARKERS):
                    raise MacroDocument
                for prefix, key in OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in by_name):
                        return key
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        return None
    except (KeyError, ValueError, RuntimeError):
        return None
    return None


def _ole2_has_macros(file):
    """Whether an OLE2 document (.doc, .xls, .ppt) holds a VBA project; None if unreadable."""
    try:
        ole = olefile.OleFileIO(file)
    except (OSError, ValueError, IndexError):
        return None
    try:
        return any(
            part.lower() in OLE2_MACRO_STORAGES
            for path in ole.listdir(streams=True, storages=True)
            for part in path
        )
    finally:
        ole.close()


def sniff_document_types(file):
    """The DocumentType keys the file's content could be (empty if none).

    Raises MacroDocument for an office document that carries macros.
    """
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return ("pdf",)
        if head == OLE2_SIGNATURE:
            macros = _ole2_has_macros(file)
            if macros:
                raise MacroDocument
            return () if macros is None else OLE2_TYPES
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
    try:
        kinds = sniff_document_types(file)
    except MacroDocument:
        raise ValidationError(
            "This document contains macros, which we do not publish: they can run programs on "
            "a reader's computer. Save it without macros (in Word, “Save as” a .docx, not a "
            ".docm) and upload that.",
            code="macros",
        ) from None
    key = next((k for k in kinds if extension in DOCUMENT_TYPES[k].extensions), None)
    if key is None:
        raise ValidationError(
            "This file is not a document we accept, or its contents do not match its name "
            "(%(extension)s). Upload a PDF, Word, Excel, PowerPoint or OpenDocument file.",
            code="wrong_type",
            params={"extension": extension or "no file type"},
        )
    return key


# PDF page counts: the page tree's root says how many pages there are (/Type /Pages ... /Count N,
# the largest /Count of any /Pages node). Since PDF 1.5 it may sit compressed inside an object
# stream (/Type /ObjStm), which zlib from the standard library opens.
PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b(.*?)\bendobj", re.S)
PDF_PAGES = re.compile(rb"/Type\s*/Pages\b")
PDF_COUNT = re.compile(rb"/Count\s+(\d+)")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
PDF_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
PDF_FIRST = re.compile(rb"/First\s+(\d+)")
# The most an object stream may inflate to: a page tree takes a few kilobytes, a bomb far more.
PDF_STREAM_MAX_BYTES = 4 * 1024 * 1024
PDF_OBJECT_STREAMS_MAX = 200


def _page_tree_counts(objects):
    for body in objects:
        if PDF_PAGES.search(body) and (count := PDF_COUNT.search(body)):
            yield int(count.group(1))


def _object_stream_objects(body):
    """The objects packed in one compressed object stream, or nothing if it cannot be read."""
    dictionary, _, _ = body.partition(b"stream")
    stream, first = PDF_STREAM.search(body), PDF_FIRST.search(dictionary)
    if not (stream and first and b"/FlateDecode" in dictionary):
        return []
    try:
        inflated = zlib.decompressobj().decompress(stream.group(1), PDF_STREAM_MAX_BYTES)
    except zlib.error:
        return []  # Encrypted, or compressed some other way: no count, not an error.
    start = int(first.group(1))
    offsets = [int(n) for n in inflated[:start].split()[1::2]]
    ends = [*offsets[1:], len(inflated) - start]
    return [inflated[start + a : start + b] for a, b in zip(offsets, ends, strict=True)]


def pdf_page_count(file):
    """How many pages a PDF has, read from its page tree, or None if that cannot be read.

    Not a PDF library: it would parse far more than the one number we need from a file an
    editor uploaded, with a larger surface for a malformed file to exploit. This reads the
    bytes already limited by the upload size, and inflates at most a bounded amount.
    """
    file.seek(0)
    data = file.read(max_upload_bytes() + 1)
    file.seek(0)
    objects = [match.group(1) for match in PDF_OBJECT.finditer(data)]
    counts = list(_page_tree_counts(objects))
    if not counts:
        packed = [body for body in objects if PDF_OBJECT_STREAM.search(body)]
        for body in packed[:PDF_OBJECT_STREAMS_MAX]:
            counts += _page_tree_counts(_object_stream_objects(body))
    return max(counts) if counts else None


def opens_in_browser(key):
    """Whether a stored document may be shown inline: only PDFs, in the browser's own viewer.

    Office files are always saved to disk (Content-Disposition: attachment), never handed to a
    browser plug-in or helper application to open by itself.
    """
    return key == "pdf"


def content_type_for(key):
    """The Content-Type to serve a stored document with; never one a browser would run."""
    document_type = DOCUMENT_TYPES.get(key)
    return document_type.content_type if document_type else "application/octet-stream"


def human_size(size):
    """Sizes as people read them: "240 KB", "1.2 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
