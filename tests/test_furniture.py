"""Page furniture for visitors at risk: the quick exit and the concern banner, on every page;
the accessibility statement; and no inline script or style anywhere (strict CSP is coming)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape
from pytest_django.asserts import assertContains

from partnership.models import ConcernContact, SiteSettings

from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.parametrize("path", PUBLIC_PAGES.values())
def test_every_page_has_both_exits_to_the_configured_site(client, seeded, path):
    response = client.get(path)
    url = SiteSettings.objects.current().quick_exit_url
    exits = re.findall(rf'<a [^>]*href="{re.escape(url)}"[^>]*>', response.content.decode())
    assert len(exits) == 2  # the button in the header and the link after the skip link
    assert all('rel="nofollow noreferrer"' in link for link in exits)
    assertContains(
        response, "does not clear your browsing history", status_code=response.status_code
    )


def test_exit_follows_the_editors_choice(client, seeded):
    SiteSettings.objects.update(quick_exit_url="https://www.example.org/")
    assertContains(client.get("/"), 'href="https://www.example.org/"', count=2)


@pytest.mark.parametrize("path", PUBLIC_PAGES.values())
def test_every_page_has_the_concern_banner_with_999(client, seeded, path):
    response = client.get(path)
    status = response.status_code
    assertContains(response, "Worried about a child?", status_code=status)
    number = '<a class="concern-banner__number" href="tel:999">999</a>'
    assertContains(response, number, html=True, status_code=status)


def test_banner_numbers_are_tel_links_with_their_hours(client, seeded):
    response = client.get("/")
    for contact in ConcernContact.objects.filter(active=True):
        assertContains(response, f'href="{contact.tel_href}"')
        if contact.hours:
            assertContains(response, escape(contact.hours))
    mash = ConcernContact.objects.get(phone_number="0121 788 4300")
    assertContains(response, 'href="tel:01217884300"')
    assert "Monday to Thursday" in mash.hours


def test_banner_hides_a_number_editors_switch_off(client, seeded):
    ConcernContact.objects.filter(phone_number="101").update(active=False)
    assert 'href="tel:101"' not in client.get("/").content.decode()


def test_accessibility_statement_is_seeded_and_linked_from_every_page(client, seeded):
    response = client.get("/accessibility/")
    assertContains(response, "<h1>Accessibility statement</h1>", html=True)
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Preparation of this accessibility statement",
    ]:
        assertContains(response, f"<h2>{heading}</h2>", html=True)
    assertContains(client.get("/partners/"), 'href="/accessibility/"')


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_templates_have_no_inline_script_style_or_handlers(template):
    source = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script>"
    assert "<style" not in source
    assert not re.search(r"\sstyle=", source)
    assert not re.search(r"\son[a-z]+=", source)
