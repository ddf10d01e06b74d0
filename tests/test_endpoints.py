"""The endpoints for machines: /health/ and /.well-known/security.txt."""

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from lscp_site import views as site_views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_health_checks():
    """Each test sees its own check, not the result another test left for the next second."""
    site_views._health["checked"] = 0.0


def test_health_reports_database_and_cache(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_cache_is_down(client):
    with mock.patch("partnership.page_cache.cache.get", side_effect=ConnectionError("refused")):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "cache": "failing"}


def test_health_is_503_when_the_database_is_down(client):
    with mock.patch("lscp_site.views._database_ok", side_effect=OSError("gone")):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "failing"


def test_health_refuses_writes(client):
    assert client.post(reverse("health")).status_code == 405


def test_security_txt_names_the_contact_and_a_future_expiry(client, settings):
    settings.SECURITY_TXT_CONTACT = ["mailto:security@example.org", "https://example.org/report"]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert "Contact: mailto:security@example.org" in lines
    assert "Contact: https://example.org/report" in lines
    assert "Canonical: http://testserver/.well-known/security.txt" in lines
    expires = next(line.removeprefix("Expires: ") for line in lines if line.startswith("Expires:"))
    assert datetime.strptime(expires, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) > timezone.now()


def test_security_txt_uses_the_configured_expiry(client, settings):
    settings.SECURITY_TXT_CONTACT = ["mailto:security@example.org"]
    settings.SECURITY_TXT_EXPIRES = datetime(2031, 4, 1, 1, 0, tzinfo=UTC)
    assert "Expires: 2031-04-01T01:00:00Z" in client.get("/.well-known/security.txt").text


def test_security_txt_is_absent_without_a_contact(client, settings):
    settings.SECURITY_TXT_CONTACT = []
    assert client.get("/.well-known/security.txt").status_code == 404
