"""Backups end to end: back up, wipe, restore, compare (on whichever database the suite uses)."""

import io
import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from partnership.models import Document, PressStatement

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """Every row of every table, as dumpdata writes them."""
    out = io.StringIO()
    call_command("dumpdata", "--natural-foreign", stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], str(row["pk"])))


def media_files(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in Path(root).rglob("*") if p.is_file()}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_back_up_wipe_restore_gives_back_the_same_content_and_files(seeded, media_root, tmp_path):
    report = DocumentFactory(external_url="", file=ContentFile(b"%PDF-1.7 yearly report", "r.pdf"))
    before, files_before = snapshot(), media_files(media_root)
    assert PressStatement.objects.exists() and len(files_before) == 1

    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    call_command("flush", interactive=False)
    Path(media_root, report.file.name).unlink()
    Path(media_root, "stray.txt").write_text("uploaded after the backup")
    assert not PressStatement.objects.exists()

    call_command("restore", tmp_path / "backup", interactive=False, stdout=io.StringIO())

    assert snapshot() == before
    assert media_files(media_root) == files_before
    assert Document.objects.get(pk=report.pk).file.read() == b"%PDF-1.7 yearly report"


def test_the_site_shows_the_restored_content_at_once(seeded, media_root, tmp_path, client):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    statement = PressStatement.objects.first()
    original_title = statement.title
    statement.title = "A title written after the backup"
    statement.save()
    assert "A title written after the backup" in client.get("/statements/").content.decode()

    call_command("restore", tmp_path / "backup", interactive=False, stdout=io.StringIO())

    # The page cached above must not outlive the content it was made from.
    page = client.get("/statements/").content.decode()
    assert "A title written after the backup" not in page
    assert original_title in page


def test_a_damaged_backup_is_refused_before_anything_changes(seeded, media_root, tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    database = next(p for p in (tmp_path / "backup").iterdir() if p.name.startswith("db."))
    database.write_bytes(database.read_bytes()[:100])
    before = snapshot()

    with pytest.raises(CommandError, match="missing or damaged"):
        call_command("restore", tmp_path / "backup", interactive=False)
    assert snapshot() == before


def test_backup_will_not_overwrite_an_earlier_one(db, media_root, tmp_path):
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())


def test_a_restore_that_fails_part_way_keeps_the_current_files(seeded, media_root, tmp_path):
    DocumentFactory(external_url="", file=ContentFile(b"%PDF-1.7 kept", "kept.pdf"))
    call_command("backup", output=tmp_path / "backup", stdout=io.StringIO())
    files = media_files(media_root)

    def disk_full(self, path, *args, **kwargs):
        Path(path, "half-written.pdf").write_bytes(b"%PDF")
        raise OSError(28, "No space left on device")

    with mock.patch("tarfile.TarFile.extractall", disk_full), pytest.raises(OSError):
        call_command("restore", tmp_path / "backup", interactive=False, stdout=io.StringIO())
    assert media_files(media_root) == files
    assert not [p for p in Path(media_root).parent.iterdir() if p.name.startswith(".restore-")]
