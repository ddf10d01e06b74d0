from xml.etree import ElementTree

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from .factories import DocumentFactory, PageFactory, PressStatementFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - the site's own output
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_lists_the_site_pages_statements_pages_and_uploaded_documents(client, settings, tmp_path):
    # Drafts and scheduled items stay out until their minute: test_publication.py.
    settings.MEDIA_ROOT = tmp_path
    statement = PressStatementFactory(slug="published-statement")
    PageFactory(slug="privacy")
    uploaded = DocumentFactory(slug="uploaded", external_url="", file=ContentFile(b"%PDF", "a.pdf"))
    linked = DocumentFactory(slug="linked-elsewhere")

    locations = sitemap_locations(client)
    base = "http://testserver"
    assert locations == [
        f"{base}/",
        f"{base}/partners/",
        f"{base}/vision/",
        f"{base}/priorities/",
        f"{base}/statements/",
        f"{base}/publications/",
        f"{base}/events/",
        f"{base}/learning/",
        f"{base}/report-a-concern/",
        f"{base}{statement.get_absolute_url()}",
        f"{base}/privacy/",
        f"{base}{uploaded.get_absolute_url()}",
        f"{base}{linked.get_absolute_url()}",
    ]
    for location in locations:
        assert client.get(location).status_code == 200, location


def test_items_carry_their_last_change(client):
    PressStatementFactory()
    content = client.get("/sitemap.xml").content.decode()
    assert f"<lastmod>{timezone.now():%Y-%m-%d}</lastmod>" in content


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_search(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    # The admin is not named (tests/test_hardening.py): its own pages say noindex.
    assert "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines, "the public site stays open to crawlers"
