"""Every public page is valid HTML, by the Nu HTML checker (npm vnu-jar, run with Java).

All pages, in both contrast modes, and an editor's preview are checked in one run of the checker:
starting Java once keeps this to a few seconds.
`make test` installs the checker (`make vnu`).
"""

import pytest
from django.test import Client
from django.urls import reverse

from partnership.models import PressStatement

from .helpers import nu_errors
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db


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
