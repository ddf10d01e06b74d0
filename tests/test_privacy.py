"""The privacy notice is seeded content, so these tests hold it to what the site really does."""

import re

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.asserts import assertContains

from .pages import SEEDED_PATHS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def test_the_privacy_notice_is_published_and_linked_from_every_page(client):
    response = client.get("/privacy-notice/")
    assertContains(response, "<h1>Privacy notice</h1>", html=True)
    assertContains(client.get("/"), '<a href="/privacy-notice/">Privacy notice</a>', html=True)


def test_it_names_each_cookie_the_site_can_set(client):
    response = client.get("/privacy-notice/")
    for name in ("contrast", settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
        assertContains(response, f"<strong>{name}</strong>")
    assertContains(response, "does not use Google Analytics or any other analytics service")


@pytest.mark.parametrize("path", SEEDED_PATHS)
def test_a_visitor_who_only_reads_gets_no_cookie(path):
    """The notice says visitors get a cookie only when they choose a contrast setting."""
    response = Client().get(path)
    assert response.status_code == 200
    assert dict(response.cookies) == {}


@pytest.mark.parametrize("path", SEEDED_PATHS)
def test_pages_load_nothing_from_other_websites(client, path):
    """No analytics, trackers, fonts or scripts from elsewhere, as the notice promises."""
    content = client.get(path).content.decode()
    assert re.findall(r'\ssrc="(?:https?:)?//', content) == []
    for tag in re.findall(r"<link [^>]*>", content):
        if 'rel="canonical"' not in tag:
            assert re.search(r'href="/[^/]', tag), tag
