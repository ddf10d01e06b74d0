"""Regression tests for the audit's findings (issue 18): each one failed on the code it audited."""

import io
import ipaddress
import logging
import struct
import zipfile
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscp_site import views as site_views
from partnership import page_cache
from partnership.documents import validate_document_upload
from partnership.models import Document, Status

from .factories import PressStatementFactory, SiteSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(db):
    return SiteSettingsFactory(introduction_heading="The first heading")


@pytest.fixture(autouse=True)
def fresh_health_checks():
    site_views._health["checked"] = 0.0


# --- The page cache --------------------------------------------------------------------------


def test_a_script_name_cannot_put_one_page_under_another_pages_address(client):
    PressStatementFactory(title="A statement on the list")
    # What gunicorn passes on when a proxy forwards "SCRIPT_NAME: /statements" with a request for
    # /statements/: the prefix as SCRIPT_NAME, the rest (the home page's "/") as PATH_INFO.
    client.get("/", SCRIPT_NAME="/statements")
    page = client.get("/statements/")
    assert "A statement on the list" in page.text
    assert 'href="/statements/statements/' not in page.text


def test_search_results_are_never_stored_or_shared(client):
    PressStatementFactory(title="A private matter")
    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        first = client.get("/search/", {"q": "private"})
        again = client.get("/search/", {"q": "private"})
    for response in (first, again):
        assert "X-Page-Cache" not in response
        assert {"private", "no-store"} <= {
            part.strip() for part in response["Cache-Control"].split(",")
        }
    assert "matter" in again.text
    assert not [call for call in cache_set.call_args_list if call.args[0].startswith("page:")]


def test_a_host_outside_allowed_hosts_is_a_400_without_an_error_logged(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "could not understand that request" in response.text
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("header", ["gzip;q=0", "gzip; q=0.000, identity", "*;q=0", "br", ""])
def test_gzip_is_sent_only_to_clients_that_accept_it(client, header):
    client.get("/")
    response = client.get("/", HTTP_ACCEPT_ENCODING=header)
    assert response["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in response
    assert "The first heading" in response.text


@pytest.mark.parametrize("header", ["gzip", "deflate, gzip;q=0.5", "*", "GZIP;Q=1"])
def test_gzip_is_sent_when_accepted(client, header):
    client.get("/")
    assert client.get("/", HTTP_ACCEPT_ENCODING=header)["Content-Encoding"] == "gzip"


def test_a_version_rebuilt_while_a_save_commits_does_not_hide_the_save(client, monkeypatch):
    """A request finds no version and reads the data just before a save commits; the save's
    commit lands before that request stores its version. The next request must not use it."""
    client.get("/")
    page_cache.forget_content_version()
    real_next_change = page_cache.next_change

    def next_change_then_commit():
        stale = real_next_change()
        page_cache.forget_content_version()  # the save's on_commit, in between
        return stale

    monkeypatch.setattr(page_cache, "next_change", next_change_then_commit)
    racing = page_cache.content_version()
    monkeypatch.setattr(page_cache, "next_change", real_next_change)
    assert page_cache.content_version()["token"] != racing["token"]


def test_a_scheduled_save_committed_during_a_render_shows_on_time(client, time_machine):
    time_machine.move_to("2026-03-02 09:00Z")
    client.get("/statements/")
    version = page_cache.content_version()
    # Saved (and committed) while that request was still rendering: its content_changed signal
    # fired after the request had read the version.
    PressStatementFactory(
        title="Scheduled for ten",
        status=Status.PUBLISHED,
        publish_at="2026-03-02T10:00:00Z",
    )
    cache.set(page_cache.VERSION_KEY, version, timeout=None)  # the slow request stores it late
    time_machine.move_to("2026-03-02 10:00:01Z")
    assert "Scheduled for ten" in client.get("/statements/").text


# --- Addresses and sign-in -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/statements/0000/x/", "/statements/0999/x/"])
def test_a_year_before_1000_is_a_404_not_a_500(client, path):
    assert client.get(path).status_code == 404


def test_robots_txt_does_not_publish_the_admin_address(client, settings):
    text = client.get("/robots.txt").text
    assert settings.ADMIN_URL not in text
    assert "Disallow: /search/" in text


def test_an_off_site_next_on_the_admin_sign_in_goes_to_the_admin_index(client, editor):
    response = client.post(
        reverse("admin:login"),
        {
            "username": "editor",
            "password": "a-long-editor-password",
            "next": "https://attacker.example/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def sign_in(client, username, address, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": "wrong-password", "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        headers=headers,
    )


def test_password_spraying_from_one_address_is_locked_out(client, editor, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 12
    for number in range(12):
        sign_in(client, f"someone-{number}", "203.0.113.50")
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-editor-password"},
        REMOTE_ADDR="203.0.113.50",
    )
    assert response.status_code == 429
    # Another address is unaffected.
    assert sign_in(client, "someone-else", "198.51.100.7").status_code == 200


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(client, editor, settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.1"),)
    # Straight to gunicorn, from anywhere: each try with a new forged address.
    for attempt in range(6):
        sign_in(client, "editor", "203.0.113.9", X_Forwarded_For=f"192.0.2.{attempt}")
    assert sign_in(client, "editor", "203.0.113.9", X_Forwarded_For="192.0.2.99").status_code == (
        429
    )
    # Through the proxy, the address it saw (the rightmost entry) is the client's.
    for _ in range(5):
        sign_in(client, "editor", "10.0.0.1", X_Forwarded_For="1.2.3.4, 198.51.100.30")
    assert sign_in(client, "editor", "10.0.0.1", X_Forwarded_For="198.51.100.30").status_code == (
        429
    )
    assert sign_in(client, "editor", "10.0.0.1", X_Forwarded_For="198.51.100.31").status_code == (
        200
    )


def test_forwarded_proto_from_outside_the_proxies_is_ignored(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.1"),)
    forged = client.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301
    trusted = client.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert trusted.status_code == 200


# --- Request bodies --------------------------------------------------------------------------


def test_a_huge_anonymous_post_is_refused_before_it_is_read(client):
    body = mock.MagicMock()
    response = client.generic(
        "POST",
        reverse("partnership:contrast"),
        b"contrast=high",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "too large for us to accept" in response.text
    assert not body.read.called
    assert "contrast" not in response.cookies


def test_the_contrast_form_still_works(client):
    response = client.post(reverse("partnership:contrast"), {"contrast": "high", "next": "/"})
    assert response.status_code == 303
    assert response.cookies["contrast"].value == "high"


# --- Uploads ---------------------------------------------------------------------------------


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def check(name, content):
    return validate_document_upload(SimpleUploadedFile(name, content))


def test_a_bzip2_zip_bomb_is_refused_without_being_inflated():
    bomb = zip_bytes({"mimetype": b"\0" * (50 * 1024 * 1024)}, zipfile.ZIP_BZIP2)
    assert len(bomb) < 2000
    with mock.patch("zipfile.ZipExtFile.read", side_effect=AssertionError("inflated")):
        with pytest.raises(ValidationError) as error:
            check("report.odt", bomb)
    assert error.value.code == "wrong_type"


def test_a_deflated_mimetype_bomb_is_read_only_a_little():
    bomb = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text" + b" " * 10**7})
    reads = []
    real_read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        reads.append(n)
        return real_read(self, n)

    with mock.patch("zipfile.ZipExtFile.read", counting_read):
        with pytest.raises(ValidationError):
            check("report.odt", bomb)
    assert all(0 <= n <= 4096 for n in reads)


def test_real_office_documents_are_still_accepted():
    odt = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"x"})
    assert check("notes.odt", odt) == "odt"
    docx = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert check("notes.docx", docx) == "docx"


MACRO_TYPES = (
    b'<Types><Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


@pytest.mark.parametrize(
    "members",
    [
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w/>",
            "word/vbaProject.bin": b"\0",
        },
        {"[Content_Types].xml": MACRO_TYPES, "word/document.xml": b"<w/>"},
    ],
    ids=["vba-project", "macro-content-type"],
)
def test_a_docx_with_macros_is_refused(members):
    with pytest.raises(ValidationError) as error:
        check("minutes.docx", zip_bytes(members))
    assert error.value.code == "macros"
    assert "contains macros" in error.value.messages[0]


def ole2(*storages):
    """A minimal OLE2 compound file (the .doc container) holding the named, empty storages."""
    free, end_of_chain, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFF
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("d0cf11e0a1b11ae1"), b"", 0x3E, 3, 0xFFFE, 9, 6, b"",
        0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0,
    )  # fmt: skip
    header += struct.pack("<109I", 0, *[free] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, end_of_chain, *[free] * 126)

    def entry(name, kind, right=no_stream, child=no_stream):
        encoded = (name + "\0").encode("utf-16-le")
        return struct.pack(
            "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, no_stream, right, child,
            b"", 0, 0, 0, end_of_chain, 0,
        )  # fmt: skip

    entries = [entry("Root Entry", 5, child=1 if storages else no_stream)]
    for number, name in enumerate(storages, start=1):
        entries.append(entry(name, 1, right=number + 1 if number < len(storages) else no_stream))
    directory = b"".join(entries).ljust(512, b"\0")
    return header + fat + directory


def test_a_doc_with_macros_is_refused():
    with pytest.raises(ValidationError) as error:
        check("minutes.doc", ole2("WordDocument", "Macros"))
    assert error.value.code == "macros"


def test_a_doc_without_macros_is_accepted():
    assert check("minutes.doc", ole2("WordDocument")) == "doc"


def test_office_downloads_are_attachments(editor_client, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    docx = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    editor_client.post(
        reverse("admin:partnership_document_add"),
        {
            "title": "Minutes",
            "slug": "minutes",
            "kind": "other",
            "summary": "Minutes.",
            "file": SimpleUploadedFile("minutes.docx", docx),
            "external_url": "",
            "status": "published",
            "publish_at_0": "01/04/2024",
            "publish_at_1": "09:00:00",
        },
    )
    assert Document.objects.filter(slug="minutes").exists()
    response = client.get("/documents/minutes/")
    assert response["Content-Disposition"] == 'attachment; filename="minutes.docx"'


# --- Health ----------------------------------------------------------------------------------


def test_health_gives_details_only_to_monitors(client):
    public = client.get(reverse("health"), REMOTE_ADDR="203.0.113.9")
    assert public.json() == {"status": "ok"}
    monitor = client.get(reverse("health"))
    assert monitor.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_health_writes_nothing_and_checks_at_most_once_a_second(client):
    client.get("/health/")  # the page cache's own version, made once
    site_views._health["checked"] = 0.0
    with (
        mock.patch.object(cache, "set") as cache_set,
        mock.patch.object(cache, "add") as cache_add,
        mock.patch.object(cache, "delete") as cache_delete,
        mock.patch.object(site_views, "_database_ok", wraps=site_views._database_ok) as db,
    ):
        for _ in range(20):
            assert client.get("/health/").status_code == 200
    assert not (cache_set.called or cache_add.called or cache_delete.called)
    assert db.call_count == 1
