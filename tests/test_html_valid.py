"""Every public page is valid HTML, by the Nu HTML checker (npm vnu-jar, run with Java).

All pages, in both contrast modes, and an editor's preview are checked in one run of the checker:
starting Java once keeps this to a few seconds.
`make test` installs the checker (`make vnu`).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from partnership.models import PressStatement

from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

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


def test_every_public_page_and_an_editors_preview_has_no_nu_checker_errors(
    editor_client, seeded, tmp_path
):
    files = []

    def save(name, response):
        files.append(tmp_path / f"{name.replace(' ', '-')}.html")
        files[-1].write_bytes(response.content)

    for contrast in (None, "high"):  # None: no choice made, the system's setting applies
        visitor = Client()
        if contrast:
            visitor.cookies["contrast"] = contrast
        for name, path in PUBLIC_PAGES.items():
            response = visitor.get(path)
            assert response.status_code in (200, 404), path
            save(f"{contrast or 'system'} {name}", response)
    preview = reverse(
        "admin:partnership_pressstatement_preview", args=[PressStatement.objects.first().pk]
    )
    save("preview", editor_client.get(preview))
    assert nu_errors(files) == {}


def test_the_checker_finds_errors(tmp_path):
    """Guards against a checker that silently passes everything."""
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p><div></p>')
    assert "broken.html" in nu_errors([broken])
