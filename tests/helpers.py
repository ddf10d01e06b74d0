"""What several test modules share that is neither a fixture nor a factory."""

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin

# Every partnership model an editor manages in the admin, by model name.
CONTENT_MODELS = sorted(
    model._meta.model_name
    for model in admin.site._registry
    if model._meta.app_label == "partnership"
)


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


def free_port():
    """A TCP port on the loopback that nothing is listening on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    """Run a manage.py command in its own process, with ``env`` as its whole environment."""
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=True)  # noqa: S603 - our own commands
