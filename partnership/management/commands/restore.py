"""
manage.py restore <folder>: put back a backup made by `manage.py backup`.

Replaces the whole database and every uploaded file with the backup's. It checks the manifest's
checksums first, so a damaged or partial backup is refused before anything is changed.
"""

import json
import shutil
import sqlite3
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ...signals import content_changed
from .backup import (
    MANIFEST,
    MEDIA_ARCHIVE,
    database_kind,
    run_postgres_tool,
    sha256,
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

        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True)
        with tarfile.open(folder / MEDIA_ARCHIVE) as archive:
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            archive.extractall(media_root, filter="data")
        # The shared cache outlives gunicorn: without this, pages made from the content just
        # replaced would be served until the next edit or midnight.
        content_changed.send(sender=type(self))
        self.stdout.write(self.style.SUCCESS(f"Restored the database and files from {folder}"))

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
