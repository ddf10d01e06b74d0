"""
manage.py backup: a consistent copy of the database and the uploaded files.

Writes one folder, backups/<UTC time>/ by default, holding:
- db.sqlite3 (SQLite's online backup API: a consistent snapshot while the site keeps serving) or
  db.dump (PostgreSQL's pg_dump, custom format, one transaction);
- media.tar.gz, every uploaded file, from wherever uploads are stored (the local folder, or the
  object-storage bucket of DJANGO_STORAGE_URL);
- manifest.json, what was backed up, when, and each file's SHA-256 so `restore` can check it.

The database is copied first, then the files: Django never deletes an uploaded file when its row
goes, so every file the database snapshot names is still there when the files are copied.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_environment():
    """pg_dump and pg_restore's connection settings, from Django's (password out of argv)."""
    db = connection.settings_dict
    variables = {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGHOST": db.get("HOST"),
        "PGPORT": str(db.get("PORT") or ""),
    }
    return os.environ | {key: value for key, value in variables.items() if value}


def run_postgres_tool(name, *arguments):
    """Run pg_dump or pg_restore against Django's database; a failure is a clear CommandError."""
    path = shutil.which(name)
    if not path:
        raise CommandError(f"{name} is not installed: apt-get install postgresql-client.")
    # A fixed argument list and no shell: only the operator chooses the backup folder.
    result = subprocess.run(  # noqa: S603
        [path, *arguments], env=postgres_environment(), capture_output=True, text=True
    )
    if result.returncode:
        raise CommandError(f"{name} failed: {result.stderr.strip()}")


def stored_files(storage, folder=""):
    """Every file's name in ``storage`` (the local folder or a bucket), through the Storage API."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from stored_files(storage, f"{folder}/{name}" if folder else name)


def archive_uploads(storage, path):
    """Write every stored upload into the tar.gz at ``path``, under its storage name."""
    with tarfile.open(path, "w:gz") as archive:
        for name in stored_files(storage):
            with storage.open(name, "rb") as file:
                info = tarfile.TarInfo(name)
                info.size = storage.size(name)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, file)


def is_local(storage):
    return isinstance(storage, FileSystemStorage)


def database_kind():
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


class Command(BaseCommand):
    help = "Back up the database and uploaded files into one folder (see README, Backups)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Folder to create. Default: backups/<UTC date and time>/ in the project.",
        )

    def handle(self, *args, output=None, **options):
        kind = database_kind()
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        folder = output or Path(settings.BASE_DIR) / "backups" / stamp
        try:
            folder.mkdir(parents=True, exist_ok=False)
        except FileExistsError as error:
            raise CommandError(f"{folder} already exists; choose a new folder.") from error

        if kind == "sqlite":
            database_file = folder / "db.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(database_file)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            database_file = folder / "db.dump"
            run_postgres_tool("pg_dump", "--format=custom", "--no-owner", "-f", database_file)

        if Path(settings.MEDIA_ROOT).is_dir() or not is_local(default_storage):
            archive_uploads(default_storage, folder / MEDIA_ARCHIVE)
        else:
            tarfile.open(folder / MEDIA_ARCHIVE, "w:gz").close()

        manifest = {
            "created": stamp,
            "database": kind,
            "files": {path.name: sha256(path) for path in (database_file, folder / MEDIA_ARCHIVE)},
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the {kind} database and files to {folder}")
        )
