import datetime

import feedparser
import pytest
from django.utils import timezone

from .factories import PressStatementFactory, SiteSettingsFactory
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def statements():
    SiteSettingsFactory(name="Example Partnership")
    now = timezone.now()
    PressStatementFactory(
        title="Older statement",
        summary="What happened first.",
        spokesperson_name="Sam Jones",
        publish_at=now - datetime.timedelta(days=2),
    )
    PressStatementFactory(title="Newer statement", publish_at=now - datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("path", "version", "content_type"),
    [
        ("/statements/feed/", "rss20", "application/rss+xml; charset=utf-8"),
        ("/statements/feed/atom/", "atom10", "application/atom+xml; charset=utf-8"),
    ],
)
def test_feed_is_valid_and_lists_statements_newest_first(
    client, statements, path, version, content_type
):
    response = client.get(path)
    assert response["Content-Type"] == content_type
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.title == "Press statements – Example Partnership"
    assert [entry.title for entry in feed.entries] == ["Newer statement", "Older statement"]
    older = feed.entries[1]
    assert older.link.startswith("http://testserver/statements/")
    assert older.summary == "What happened first."
    assert older.author == "Sam Jones"
    assert older.published_parsed


def test_an_empty_feed_is_still_valid(client, db):
    feed = feedparser.parse(client.get("/statements/feed/").content)
    assert not feed.bozo
    assert feed.entries == []


@pytest.mark.parametrize("path", PUBLIC_PAGES.values())
def test_every_page_links_both_feeds_in_its_head(client, seeded, path):
    content = client.get(path).content.decode()
    head = content[: content.index("</head>")]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Press statements (RSS)" '
        'href="/statements/feed/">' in head
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Press statements (Atom)" '
        'href="/statements/feed/atom/">' in head
    )
