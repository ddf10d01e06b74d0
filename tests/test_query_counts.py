"""Every public page costs the same few queries whether there are 3 items or 300."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnership.models import VisionStatement

from .factories import (
    ConcernContactFactory,
    DocumentFactory,
    ExecutiveMemberFactory,
    PageFactory,
    PartnerFactory,
    PressStatementFactory,
    PriorityFactory,
    SiteSettingsFactory,
    VisionOutcomeFactory,
    VisionStatementFactory,
    WorkingPrincipleFactory,
)

pytestmark = pytest.mark.django_db

# Every public page, including one of each kind of detail page that `add_content` creates.
# Extend this list as pages are added.
PUBLIC_URLS = [
    "/",
    "/partners/",
    "/vision/",
    "/priorities/",
    "/statements/",
    "/statements/2020/the-statement/",
    "/documents/",
    "/the-page/",
    "/search/?q=statement",
]
# Rendering a page (with the shared site furniture already cached) may cost this many queries.
# The home page needs five: partners, vision, its outcomes, priorities, statements.
MOST_QUERIES = 5
# The first page rendered after an edit (or at midnight), for the whole site rather than per
# worker, also makes the new content version: the furniture (settings, concern contacts,
# navigation) and the next scheduled change.
NEW_VERSION_QUERIES = 4


def add_content(count):
    """Add ``count`` of every kind of content the public pages list."""
    vision = VisionStatement.objects.get()
    for _ in range(count):
        PartnerFactory(kind="statutory")
        ExecutiveMemberFactory()
        PriorityFactory()
        PressStatementFactory()
        DocumentFactory()
        ConcernContactFactory()
        PageFactory(show_in_navigation=True)
        VisionOutcomeFactory(vision=vision)
        WorkingPrincipleFactory(vision=vision)


def queries_per_page(client, *, cold):
    """The queries each page costs with page caching off, from an empty cache if ``cold``."""
    counts = {}
    for url in PUBLIC_URLS:
        client.get(url)  # warms the site furniture
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


@pytest.fixture
def site(settings):
    settings.PAGE_CACHE_SECONDS = 0
    SiteSettingsFactory()
    PressStatementFactory(slug="the-statement", publish_at="2020-06-01T12:00Z")
    PageFactory(slug="the-page")
    VisionStatementFactory(in_force_from="2020-04-01")


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("cold", [False, True], ids=["furniture-cached", "cold-cache"])
def test_query_counts_do_not_grow_with_content(client, cold):
    add_content(3)
    few = queries_per_page(client, cold=cold)
    add_content(297)
    many = queries_per_page(client, cold=cold)
    assert few == many


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("cold", [False, True], ids=["furniture-cached", "cold-cache"])
def test_each_page_renders_in_a_handful_of_queries(client, cold):
    add_content(3)
    counts = queries_per_page(client, cold=cold)
    most = MOST_QUERIES + (NEW_VERSION_QUERIES if cold else 0)
    assert {url: n for url, n in counts.items() if n > most} == {}
