"""Every public page costs the same few queries whether there are 3 items or 300."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Topic
from partnership.models import VisionStatement

from .factories import (
    ConcernContactFactory,
    DocumentFactory,
    EventFactory,
    ExecutiveMemberFactory,
    LearningItemFactory,
    PageFactory,
    PartnerFactory,
    PressStatementFactory,
    PriorityFactory,
    RoleHolderFactory,
    VisionOutcomeFactory,
    WorkingPrincipleFactory,
)
from .pages import PUBLIC_PAGES, SEEDED_PATHS

pytestmark = pytest.mark.django_db

# Rendering a page (with the shared site furniture already cached) may cost this many queries.
# The home page needs seven: who leads and scrutinises, the latest arrangements and yearly report,
# vision, its outcomes, priorities, statements, the next events. Search needs one per kind of
# content searched (seven).
MOST_QUERIES = 7
# The first page rendered after an edit (or at midnight), for the whole site rather than per
# worker, also makes the new content version: the furniture (settings, concern contacts and their
# opening hours, footer links, header navigation, the banner's translations), the next scheduled
# change, the next time a line opens or closes, and working copies approved for a set time.
NEW_VERSION_QUERIES = 9


def add_content(count):
    """Add ``count`` of every kind of content the public pages list, each found by the search
    results page's query."""
    vision = VisionStatement.objects.get()
    neglect = Topic.objects.get(slug="neglect")
    found = "Found by the safeguarding partners."
    for _ in range(count):
        RoleHolderFactory(partner=PartnerFactory(kind="statutory", description=found))
        RoleHolderFactory(partner=None, role="relevant_agency", ended_on="2020-01-01")
        ExecutiveMemberFactory()
        PriorityFactory(description=found)
        PressStatementFactory(summary=found)
        DocumentFactory(summary=found, for_professionals=True)
        DocumentFactory(kind="arrangements", summary=found, body="<h2>A</h2><h2>B</h2>")
        ConcernContactFactory()
        section = PageFactory(show_in_footer=True, summary=found)
        PageFactory(parent=section, summary=found)
        VisionOutcomeFactory(vision=vision)
        WorkingPrincipleFactory(vision=vision)
        EventFactory(summary=found, for_professionals=True)
        LearningItemFactory(summary=found, topics=[neglect])


def queries_per_page(client, *, cold):
    """The queries each page costs with page caching off, from an empty cache if ``cold``."""
    counts = {}
    for url in PUBLIC_PAGES.values():
        client.get(url)  # warms the site furniture
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == (200 if url in SEEDED_PATHS else 404)
        counts[url] = len(queries)
    return counts


@pytest.fixture
def site(settings, seeded):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.usefixtures("site")
@pytest.mark.parametrize("cold", [False, True], ids=["furniture-cached", "cold-cache"])
def test_each_page_renders_in_a_handful_of_queries_however_much_content(client, cold):
    add_content(3)
    few = queries_per_page(client, cold=cold)
    most = MOST_QUERIES + (NEW_VERSION_QUERIES if cold else 0)
    assert {url: n for url, n in few.items() if n > most} == {}
    add_content(297)
    assert queries_per_page(client, cold=cold) == few
