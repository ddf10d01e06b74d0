"""What several test modules share that is neither a fixture nor a factory."""

import contextlib
import json
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

# Every partnership model an editor manages in the admin, by model name.
CONTENT_MODELS = sorted(
    model._meta.model_name
    for model in admin.site._registry
    if model._meta.app_label == "partnership"
)


def violates_constraint(create):
    """Whether the database itself refuses what ``create()`` writes."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def refused(obj, field):
    """The message ``obj.full_clean()`` gives beside ``field``, failing if there is none."""
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    assert field in error.value.message_dict, error.value.message_dict
    return " ".join(error.value.message_dict[field])


def statement_form(**overrides):
    """The admin's add or change form for a press statement, filled in and published."""
    return {
        "title": "Inspection published",
        "slug": "inspection-published",
        "summary": "Our response.",
        "body": "<p>We accept the findings.</p>",
        "spokesperson_name": "",
        "spokesperson_role": "",
        "status": "published",
        "publish_at_0": "12/07/2022",
        "publish_at_1": "10:00:00",
    } | overrides


def page_form(page=None, **overrides):
    """The admin form for a page, as an editor fills it in."""
    fields = {
        "title": page.title if page else "Thresholds",
        "slug": page.slug if page else "thresholds",
        "summary": "",
        "body": "<p>Levels of need.</p>",
        "parent": page.parent.pk if page and page.parent else "",
        "position": "keep" if page else "last",
        "status": "published",
        "publish_at_0": "01/01/2025",
        "publish_at_1": "09:00:00",
    }
    return fields | overrides


VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(files):
    """The checker's errors for each file, as {file name: ["line N: message", ...]}."""
    java = shutil.which("java")
    if not (java and VNU_JAR.exists()):
        pytest.fail("The Nu HTML checker is not installed: run `make vnu` (needs Java 17).")
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = {}
    for message in json.loads(result.stderr)["messages"]:
        name = Path(message["url"]).name
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def manage(env, *args):
    """Run a manage.py command in its own process, with ``env`` as its whole environment."""
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=True)  # noqa: S603 - our own commands


@contextlib.contextmanager
def postgresql_and_redis(prefix):
    """Several servers' set-up: a new database on the suite's PostgreSQL server, named from
    ``prefix``, and the suite's Redis under a key prefix of its own; their DATABASE_URL and
    CACHE_URL. Only when the suite itself runs on both (.ci/run)."""
    database, cache = settings.DATABASES["default"], settings.CACHES["default"]
    if "postgresql" not in database["ENGINE"] or "redis" not in cache["BACKEND"].lower():
        pytest.skip("needs the suite on PostgreSQL and Redis, as in .ci/run")
    name = f"{prefix}_{secrets.token_hex(4)}"
    server = {key: database[key] for key in ("USER", "PASSWORD", "HOST", "PORT")}

    def on_server(statement):
        # CREATE and DROP DATABASE cannot run in a transaction, so not on the test's connection.
        with psycopg.connect(
            dbname="postgres",
            user=server["USER"],
            password=server["PASSWORD"],
            host=server["HOST"],
            port=server["PORT"],
            autocommit=True,
        ) as maintenance:
            maintenance.execute(statement)

    on_server(f'CREATE DATABASE "{name}"')
    credentials = ":".join(filter(None, (server["USER"], server["PASSWORD"])))
    location = cache["LOCATION"]
    try:
        yield {
            "DATABASE_URL": f"postgres://{credentials}@{server['HOST']}:{server['PORT']}/{name}",
            "CACHE_URL": f"{location[0] if isinstance(location, list) else location}"
            f"?key_prefix={name}",
        }
    finally:
        on_server(f'DROP DATABASE "{name}" WITH (FORCE)')
