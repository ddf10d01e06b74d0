"""Every public page is valid HTML, by the Nu HTML checker (npm vnu-jar, run with Java).

All pages are checked in one run of the checker: starting Java once keeps this to a few seconds.
`make test` installs the checker (`make vnu`).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
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


@pytest.mark.parametrize("contrast", [None, "high"])
def test_every_public_page_has_no_nu_checker_errors(client, seeded, tmp_path, contrast):
    if contrast:
        client.cookies["contrast"] = contrast
    files = []
    for name, path in PUBLIC_PAGES.items():
        response = client.get(path)
        assert response.status_code in (200, 404), path
        file = tmp_path / (name.replace(" ", "-") + ".html")
        file.write_bytes(response.content)
        files.append(file)
    assert nu_errors(files) == {}


def test_an_editors_preview_has_no_nu_checker_errors(editor_client, seeded, tmp_path):
    statement = PressStatement.objects.first()
    preview = reverse("admin:partnership_pressstatement_preview", args=[statement.pk])
    file = tmp_path / "preview.html"
    file.write_bytes(editor_client.get(preview).content)
    assert nu_errors([file]) == {}


def test_the_checker_finds_errors(tmp_path):
    """Guards against a checker that silently passes everything."""
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p><div></p>')
    assert "broken.html" in nu_errors([broken])
