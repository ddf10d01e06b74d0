"""
manage.py restore <folder>: put back a backup made by `manage.py backup`.

Replaces the whole database and every uploaded file with the backup's. It checks the manifest's
checksums first, so a damaged or partial backup is refused before anything is changed.

The uploads are unpacked into a temporary folder first. In the local uploads folder they take its
place only once complete (a rename, in the same parent folder); in an object-storage bucket every
backed-up object is written before any object the backup does not have is deleted. A restore
that fails part-way leaves the current uploads as they were.
"""

import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ...signals import content_changed
from .backup import (
    MANIFEST,
    MEDIA_ARCHIVE,
    database_kind,
    is_local,
    run_postgres_tool,
    sha256,
    stored_files,
)


class Command(BaseCommand):
    help = "Replace the database and uploaded files with a backup's (see README, Backups)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="A folder made by manage.py backup.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, folder, interactive=True, **options):
        manifest = self.checked_manifest(folder)
        kind = database_kind()
        if manifest["database"] != kind:
            raise CommandError(
                f"This backup is of a {manifest['database']} database; this site uses {kind}."
            )
        if interactive:
            answer = input(
                f"This replaces ALL content and uploaded files with the backup of "
                f"{manifest['created']}. Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")

        media_root = Path(settings.MEDIA_ROOT)
        # Unpacked beside the uploads folder (the same file system, so the swap is a rename).
        local = is_local(default_storage)
        staging_parent = media_root.parent if local else None
        if staging_parent:
            staging_parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=staging_parent, prefix=".restore-") as staging:
            unpacked = Path(staging) / "media"
            unpacked.mkdir()
            with tarfile.open(folder / MEDIA_ARCHIVE) as archive:
                # The "data" filter refuses absolute paths, links out of the folder and devices.
                archive.extractall(unpacked, filter="data")
            self.restore_database(folder, kind)
            if local:
                swap_folder(unpacked, media_root, Path(staging) / "previous")
            else:
                replace_bucket(default_storage, unpacked)
        # The shared cache outlives gunicorn: without this, pages made from the content just
        # replaced would be served until the next edit or midnight.
        content_changed.send(sender=type(self))
        self.stdout.write(self.style.SUCCESS(f"Restored the database and files from {folder}"))

    def restore_database(self, folder, kind):
        if kind == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(folder / "db.sqlite3")
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            connection.close()
            run_postgres_tool(
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(folder / "db.dump"),
            )

    def checked_manifest(self, folder):
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
            files = manifest["files"]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"{folder} is not a backup made by manage.py backup.") from error
        for name, expected in files.items():
            path = folder / name
            if not path.is_file() or sha256(path) != expected:
                raise CommandError(f"{path} is missing or damaged; nothing was changed.")
        return manifest


def swap_folder(new, current, previous):
    """Put ``new`` in place of ``current``: two renames, the old folder kept until both are done."""
    if current.exists():
        current.rename(previous)
    try:
        new.rename(current)
    except OSError:
        if previous.exists():
            previous.rename(current)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def replace_bucket(storage, unpacked):
    """Make the bucket hold exactly the unpacked files: write them all, then delete the rest."""
    restored = set()
    for path in sorted(p for p in unpacked.rglob("*") if p.is_file()):
        name = path.relative_to(unpacked).as_posix()
        # Storage.save() would pick a new name beside an existing object; replace it instead.
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as file:
            saved = storage.save(name, File(file))
        if saved != name:
            raise CommandError(f"Could not restore {name} under its own name ({saved}).")
        restored.add(name)
    for name in list(stored_files(storage)):
        if name not in restored:
            storage.delete(name)
