"""Documents: uploads checked by content and size, the public list, and safe downloads."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from partnership.documents import human_size
from partnership.models import Document

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def office_zip(*names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = office_zip("[Content_Types].xml", "word/document.xml")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload_form(file, **overrides):
    return {
        "title": "Yearly report 2023",
        "slug": "yearly-report-2023",
        "kind": "yearly_report",
        "summary": "What the partnership did.",
        "dated": "01/04/2024",
        "body": "",
        "file": file,
        "external_url": "",
        "status": "published",
        "publish_at_0": "01/04/2024",
        "publish_at_1": "09:00:00",
    } | overrides


def post_upload(client, name, content, **overrides):
    return client.post(
        reverse("admin:partnership_document_add"),
        upload_form(SimpleUploadedFile(name, content, content_type="application/pdf"), **overrides),
    )


def field_errors(response, field):
    return response.context["adminform"].form.errors.get(field, [])


@pytest.mark.parametrize(
    ("name", "content", "file_type"),
    [("Report.PDF", PDF, "pdf"), ("report.docx", DOCX, "docx")],
)
def test_editor_uploads_a_document_and_its_type_is_read_from_its_content(
    editor_client, name, content, file_type
):
    response = post_upload(editor_client, name, content)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file_type == file_type
    assert document.file_size == len(content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", EXECUTABLE),  # an executable wearing a PDF's name
        ("report.docx", PDF),  # a real PDF under a Word name
        ("report.docx", office_zip("payload.exe")),  # a zip that is no office document
        ("report.exe", PDF),
        ("report", PDF),
    ],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused_beside_the_field(
    editor_client, media, name, content
):
    response = post_upload(editor_client, name, content)
    assert response.status_code == 200
    assert "contents do not match its name" in " ".join(field_errors(response, "file"))
    assert not Document.objects.exists()
    assert not any(media.rglob("*.*")), "nothing of a refused upload is kept"


def test_an_oversized_upload_is_refused_with_the_limit(editor_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    response = post_upload(editor_client, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert response.status_code == 200
    [error] = field_errors(response, "file")
    assert "the largest we accept is 1 MB" in error
    assert not Document.objects.exists()


def test_the_form_tells_editors_the_upload_limit(editor_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 5
    response = editor_client.get(reverse("admin:partnership_document_add"))
    assertContains(response, "OpenDocument file, up to 5 MB.")


def test_the_change_form_links_the_current_file_to_its_preview_not_to_media(editor_client):
    post_upload(editor_client, "report.pdf", PDF)
    document = Document.objects.get()
    response = editor_client.get(reverse("admin:partnership_document_change", args=[document.pk]))
    preview = reverse("admin:partnership_document_file", args=[document.pk])
    assertContains(response, f'<a href="{preview}">report.pdf</a>', html=True)
    assertContains(response, "PDF, 1 KB")
    assert editor_client.get(preview)["Content-Type"] == "application/pdf"


def test_document_list_shows_kind_date_file_type_and_size(editor_client, client):
    post_upload(editor_client, "report.pdf", PDF + b" " * (240 * 1024 - len(PDF)))
    response = client.get(reverse("partnership:publication-list"))
    assertContains(response, "Yearly report · ")
    assertContains(response, "1 April 2024")
    assertContains(response, "PDF, 240 KB")


def test_download_is_sent_with_a_safe_type_and_name(editor_client, client):
    post_upload(editor_client, "../../My <Report>.pdf", PDF)
    response = client.get("/documents/yearly-report-2023/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="yearly-report-2023.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_missing_file_is_a_404_not_a_500(client):
    DocumentFactory(slug="lost", external_url="", file="documents/2024/gone.pdf", file_type="pdf")
    assert client.get("/documents/lost/").status_code == 404


def test_a_linked_document_redirects_to_its_link(client):
    DocumentFactory(slug="elsewhere", external_url="https://example.org/report.pdf")
    response = client.get("/documents/elsewhere/")
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/report.pdf"


@pytest.mark.parametrize(
    ("size", "shown"), [(500, "1 KB"), (240 * 1024, "240 KB"), (int(1.25 * 1024 * 1024), "1.2 MB")]
)
def test_sizes_read_as_people_say_them(size, shown):
    assert human_size(size) == shown


def test_a_reader_opening_a_document_again_gets_not_modified_until_it_changes(
    editor_client, client, time_machine
):
    time_machine.move_to("2024-04-01 09:00Z")
    post_upload(editor_client, "report.pdf", PDF)
    first = client.get("/documents/yearly-report-2023/")
    assert first["Cache-Control"] == "no-cache"
    since = first["Last-Modified"]
    assert since == "Mon, 01 Apr 2024 09:00:00 GMT"

    again = client.get("/documents/yearly-report-2023/", HTTP_IF_MODIFIED_SINCE=since)
    assert again.status_code == 304
    assert again.content == b""

    # An editor replaces the file a day later: the reader's copy is out of date.
    time_machine.move_to("2024-04-02 09:00Z")
    document = Document.objects.get()
    replaced = PDF.replace(b"1.7", b"2.0")
    document.file.save("report.pdf", SimpleUploadedFile("report.pdf", replaced))
    changed = client.get("/documents/yearly-report-2023/", HTTP_IF_MODIFIED_SINCE=since)
    assert changed.status_code == 200
    assert b"".join(changed.streaming_content) == replaced


def test_a_withdrawn_document_is_gone_even_for_a_reader_with_a_copy(editor_client, client):
    post_upload(editor_client, "report.pdf", PDF)
    since = client.get("/documents/yearly-report-2023/")["Last-Modified"]
    document = Document.objects.get()
    document.status = "draft"
    document.save()
    assert (
        client.get("/documents/yearly-report-2023/", HTTP_IF_MODIFIED_SINCE=since).status_code
        == 404
    )
