"""Indexes serve the publication-date orderings: pages read the rows they show, not the table.

With 10,000 press statements and publications on PostgreSQL, every query the home, statements
and publications pages (and the feed, and the content version's next scheduled change) make is run
again under EXPLAIN ANALYZE, and the rows each reads from those tables are counted.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnership.models import Document, PressStatement
from partnership.page_cache import next_change

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="reads PostgreSQL's plans (.ci/run)"
    ),
]

ROWS = 10_000
TABLES = {PressStatement._meta.db_table, Document._meta.db_table}


@pytest.fixture
def many_rows(seeded):
    """10,000 of each: most published, one in ten a draft, one in a hundred scheduled."""
    now = timezone.now()

    def row(model, i, **fields):
        scheduled = i % 100 == 0
        return model(
            title=f"Item {i}",
            slug=f"item-{i}",
            status="draft" if i % 10 == 5 else "published",
            publish_at=now + timedelta(days=i) if scheduled else now - timedelta(hours=i),
            **fields,
        )

    PressStatement.objects.bulk_create(
        row(PressStatement, i, summary="A summary.", body="<p>A body.</p>") for i in range(ROWS)
    )
    Document.objects.bulk_create(
        row(Document, i, external_url="https://example.org/report.pdf") for i in range(ROWS)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(sorted(TABLES))}")


def rows_read(plan):
    """Rows the plan's scans of our tables read: those they returned and those they threw away."""
    own = plan.get("Relation Name") in TABLES
    count = plan["Actual Rows"] * plan["Actual Loops"] + plan.get("Rows Removed by Filter", 0)
    return (count if own else 0) + sum(rows_read(child) for child in plan.get("Plans", []))


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        return cursor.fetchone()[0][0]["Plan"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/statements/",
        "/statements/?page=3",
        "/statements/feed/",
        "/publications/",
        "/publications/?type=newsletter",
        "/publications/yearly-report/latest/",
    ],
)
def test_pages_read_the_rows_they_show_however_many_there_are(client, many_rows, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code in (200, 404)
    ours = [q["sql"] for q in queries if any(f'"{table}"' in q["sql"] for table in TABLES)]
    assert ours
    for sql in ours:
        if sql.startswith("SELECT COUNT(*)"):
            # Numbering the pages counts every published row: the one query that grows.
            continue
        if " UNION ALL " in sql:
            continue  # the next scheduled change, below
        # The most any of these pages shows is 25, or page 3's 10 after skipping 20. Publications
        # are read in the order of the date they carry, so the scheduled ones (one in a hundred),
        # whose dates are the newest, are read and passed over too.
        most = 30 + ROWS // 100 if '"partnership_document"."published_on"' in sql else 30
        assert rows_read(explain(sql)) <= most, sql[:300]


def test_the_next_scheduled_change_reads_only_scheduled_rows(many_rows):
    with CaptureQueriesContext(connection) as queries:
        next_change()
    scheduled = 2 * ROWS // 100
    for query in queries:
        assert rows_read(explain(query["sql"])) <= scheduled, query["sql"][:300]
