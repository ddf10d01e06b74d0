"""A draft is never public, and a scheduled item appears on the minute, in every public place.

The rule itself is one queryset method, published() (tests/test_models.py holds it to the minute).
Here each place the public could meet an item is visited as a visitor would, through the page
cache: a minute before the item's time (twice: the second visit is answered from the cache, as
every visit until the next change would be) and at the minute itself.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from .factories import (
    DocumentFactory,
    PageFactory,
    PressStatementFactory,
    PriorityFactory,
    SiteSettingsFactory,
    VisionStatementFactory,
)

pytestmark = pytest.mark.django_db

GO_LIVE = datetime.datetime(2027, 3, 3, 9, 0, tzinfo=datetime.UTC)
# Each item's title carries its own word, so a page shows which one leaked; every title also has
# the word the search place looks for.
DRAFT, SCHEDULED = "hatchling", "fledgling"
SEARCH = "/search/?q=kestrel"


def statement(word, **fields):
    return PressStatementFactory(title=f"Kestrel {word}", **fields)


def page(word, **fields):
    return PageFactory(title=f"Kestrel {word}", show_in_footer=True, **fields)


def document(word, **fields):
    # Uploaded, not linked: only an uploaded document has a download of ours and a sitemap entry.
    upload = ContentFile(b"%PDF-1.7\n%%EOF\n", f"{word}.pdf")
    return DocumentFactory(title=f"Kestrel {word}", external_url="", file=upload, **fields)


def linked_document(word, **fields):
    link = f"https://example.org/{word}.pdf"
    return DocumentFactory(title=f"Kestrel {word}", external_url=link, **fields)


def priority(word, **fields):
    # This business year's: if it showed, it would lead the priorities page and the home page.
    return PriorityFactory(title=f"Kestrel {word}", year=2026, **fields)


def vision(word, **fields):
    # In force from different Aprils (the date is unique); the draft's is the newer, so if it
    # showed it would be the current vision.
    in_force_from = "2026-04-01" if word == DRAFT else "2025-04-01"
    return VisionStatementFactory(
        statement=f"Kestrel {word}", in_force_from=in_force_from, **fields
    )


@dataclass
class Place:
    """Where the public may meet an item: one page that lists it (``path``), or its own page."""

    make: object
    path: str | None = None  # None: the item's own address, which answers or is a redirect
    by_address: bool = False  # the place names the item by its address (the sitemap), not title

    def shows(self, client, item, word):
        if self.path is None:
            return client.get(item.get_absolute_url()).status_code in (200, 302)
        response = client.get(self.path)
        assert response.status_code == 200
        if self.by_address:
            return f"<loc>http://testserver{item.get_absolute_url()}</loc>" in response.text
        return word in response.text


PLACES = {
    "statement list": Place(statement, "/statements/"),
    "statement page": Place(statement),
    "statement on the home page": Place(statement, "/"),
    "statement in the RSS feed": Place(statement, "/statements/feed/"),
    "statement in the Atom feed": Place(statement, "/statements/feed/atom/"),
    "statement in the sitemap": Place(statement, "/sitemap.xml", by_address=True),
    "statement in search": Place(statement, SEARCH),
    "editorial page": Place(page),
    "editorial page in the footer": Place(page, "/"),
    "editorial page in the sitemap": Place(page, "/sitemap.xml", by_address=True),
    "editorial page in search": Place(page, SEARCH),
    "publication list": Place(document, "/publications/"),
    "publication page": Place(document),
    "publication in search": Place(document, SEARCH),
    "document link": Place(linked_document),
    "document in the sitemap": Place(document, "/sitemap.xml", by_address=True),
    "document in search": Place(document, SEARCH),
    "priorities page": Place(priority, "/priorities/"),
    "priority on the home page": Place(priority, "/"),
    "priority in search": Place(priority, SEARCH),
    "vision page": Place(vision, "/vision/"),
    "vision on the home page": Place(vision, "/"),
}


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES)
def test_a_draft_never_shows_and_a_scheduled_item_shows_on_the_minute(
    client, settings, tmp_path, time_machine, place
):
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to(GO_LIVE - datetime.timedelta(minutes=1), tick=False)
    SiteSettingsFactory()
    # The draft's publication date has come: only its status keeps it back.
    draft = place.make(DRAFT, status="draft", publish_at=GO_LIVE - datetime.timedelta(days=1))
    scheduled = place.make(SCHEDULED, publish_at=GO_LIVE)

    assert not place.shows(client, draft, DRAFT)
    assert not place.shows(client, scheduled, SCHEDULED)
    if place.path and place.path != SEARCH:
        # Through the page cache (search results are never cached: tests/test_hardening.py).
        assert client.get(place.path)["X-Page-Cache"] == "hit"

    time_machine.move_to(GO_LIVE, tick=False)
    assert place.shows(client, scheduled, SCHEDULED)
    assert not place.shows(client, draft, DRAFT)


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES)
def test_a_scheduled_unpublish_takes_an_item_off_every_place_on_the_minute(
    client, settings, tmp_path, time_machine, place
):
    settings.MEDIA_ROOT = tmp_path
    leave = GO_LIVE + datetime.timedelta(days=30)
    time_machine.move_to(leave - datetime.timedelta(minutes=1), tick=False)
    SiteSettingsFactory()
    leaving = place.make(SCHEDULED, publish_at=GO_LIVE, unpublish_at=leave)

    assert place.shows(client, leaving, SCHEDULED)
    if place.path and place.path != SEARCH:
        # Served from the page cache until the moment it leaves.
        assert client.get(place.path)["X-Page-Cache"] == "hit"

    time_machine.move_to(leave, tick=False)
    assert not place.shows(client, leaving, SCHEDULED)
