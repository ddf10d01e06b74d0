"""Where is this used: a page, publication or image shows the published items that link to it,
and deleting one that is linked warns first."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from partnership.models import Page

from .factories import DocumentFactory, ImageFactory, PageFactory, PressStatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def words(response):
    return " ".join(strip_tags(response.text).split())


def test_a_page_shows_the_published_items_that_link_to_it(editor_client, settings):
    target = PageFactory(title="Thresholds", slug="thresholds")
    PageFactory(title="Help", body='<p>See <a href="/thresholds/">the thresholds</a>.</p>')
    PressStatementFactory(
        title="New thresholds",
        body=f'<p>Read <a href="https://{settings.ALLOWED_HOSTS[0]}/thresholds">them</a>.</p>',
    )
    PageFactory(title="Draft", status="draft", body='<p><a href="/thresholds/">x</a></p>')
    PageFactory(title="Elsewhere", body='<p><a href="/other/">x</a></p>')
    text = words(editor_client.get(reverse("admin:partnership_page_change", args=[target.pk])))
    used = text.split("Where this is used")[1]
    assert "2 published items link to this" in used
    assert "Help (Page)" in used and "New thresholds (Press statement)" in used
    assert "Draft" not in used and "Elsewhere" not in used


def test_a_publication_is_used_through_its_page_or_its_file(editor_client):
    report = DocumentFactory(title="Yearly report", slug="yearly-report")
    PageFactory(title="About", body='<p><a href="/documents/yearly-report/">PDF</a></p>')
    text = words(editor_client.get(reverse("admin:partnership_document_change", args=[report.pk])))
    assert "1 published item links to this" in text and "About (Page)" in text


def test_an_image_shows_where_it_is_shown(editor_client):
    picture = ImageFactory(title="Team")
    PageFactory(
        title="In the text", body=f'<figure><img data-file="{picture.pk}" src="/x"></figure>'
    )
    PageFactory(title="As the lead", lead_image=picture)
    PageFactory(title="Another picture", body='<figure><img data-file="999" src="/x"></figure>')
    text = words(editor_client.get(reverse("admin:images_image_change", args=[picture.pk])))
    used = text.split("Where this is used")[1]
    assert "In the text (Page)" in used and "As the lead (Page)" in used
    assert "Another picture" not in used


def test_an_item_nothing_links_to_says_so(editor_client):
    page = PageFactory(title="Lonely")
    text = words(editor_client.get(reverse("admin:partnership_page_change", args=[page.pk])))
    assert "No published page, publication or statement links to this." in text


def test_deleting_a_linked_page_warns_first_and_names_the_links(editor_client):
    target = PageFactory(title="Thresholds", slug="thresholds")
    PageFactory(title="Help", body='<p><a href="/thresholds/">the thresholds</a></p>')
    url = reverse("admin:partnership_page_delete", args=[target.pk])
    text = words(editor_client.get(url))
    assert "1 published item links to “Thresholds”." in text
    assert "Deleting it leaves that link broken" in text and "Help (Page)" in text
    assert Page.objects.filter(pk=target.pk).exists()
    editor_client.post(url, {"post": "yes"})
    assert not Page.objects.filter(pk=target.pk).exists()


def test_deleting_an_unlinked_page_has_no_warning(editor_client):
    target = PageFactory(title="Alone")
    text = words(editor_client.get(reverse("admin:partnership_page_delete", args=[target.pk])))
    assert "links to" not in text and "Are you sure you want to delete" in text
