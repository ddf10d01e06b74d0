"""
`make bench-content`: every kind of public page, uncached, with a partnership's worth of content.

Grows the initial content to 300 pages in a tree five deep, 10,000 press statements, 1,000
publications of every type (a third with a web version) and 500 library images, then renders
each kind of public page in this process with the page cache off (the site furniture cached, as
it is between edits) and prints the median and 95th percentile time and the queries each page
costs, before and after the content grew: the count must not grow. SQLite in a temporary folder
by default; BENCH_DATABASE_URL=postgres://... measures PostgreSQL (the database is created and
dropped).
"""

import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
# The target for an uncached page, in this process on this machine.
TARGET_MS = 25

folder = tempfile.mkdtemp(prefix="lscp-bench-content-")
os.environ.update(
    DJANGO_SETTINGS_MODULE="lscp_site.settings",
    DJANGO_DEBUG="false",
    DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="false",
    DJANGO_PAGE_CACHE_SECONDS="0",
    DJANGO_MEDIA_ROOT=f"{folder}/media",
    CACHE_URL="locmemcache://",
    DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder}/db.sqlite3"),
)

import django  # noqa: E402 - after the environment it reads

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from images.bench import create_images  # noqa: E402
from partnership.models import Document, Page, PressStatement, Status  # noqa: E402

PAGES = 300
DEPTH = 5
STATEMENTS = 10_000
DOCUMENTS = 1_000
IMAGES = 500
BODY = "<p>" + "Practitioners share what they know so that children are kept safe. " * 40 + "</p>"
PUBLICATION_BODY = "".join(f"<h2>Part {n}</h2>{BODY}" for n in range(8))


def say(line=""):
    sys.stdout.write(f"{line}\n")


def grow():
    """Add the benchmark's content to the initial content."""
    now = timezone.now()
    PressStatement.objects.bulk_create(
        PressStatement(
            title=f"Statement {n}: partnership update",
            slug=f"statement-{n}",
            summary="The partnership responds to a report about safeguarding.",
            body=BODY,
            status=Status.PUBLISHED,
            publish_at=now - timezone.timedelta(hours=n * 9),
        )
        for n in range(STATEMENTS)
    )
    kinds = Document.Kind.values
    Document.objects.bulk_create(
        Document(
            title=f"Report {n}",
            slug=f"report-{n}",
            kind=kinds[n % len(kinds)],
            summary="A report the partnership publishes.",
            dated=(now - timezone.timedelta(days=n)).date(),
            external_url=f"https://example.org/report-{n}.pdf" if n % 3 else "",
            body="" if n % 3 else PUBLICATION_BODY,
            for_professionals=bool(n % 2),
            for_public=not n % 2,
            status=Status.PUBLISHED,
            publish_at=now - timezone.timedelta(days=n),
        )
        for n in range(DOCUMENTS)
    )
    create_images(IMAGES)
    # Five sections, each a branch five deep, filled level by level until there are 300 pages.
    made = Page.objects.count()
    level = [None] * 5
    depth = 1
    while made < PAGES:
        next_level = []
        for parent in level:
            for _ in range(3 if depth > 1 else 1):
                if made >= PAGES:
                    break
                page = Page(
                    title=f"Guidance {made}",
                    slug=f"guidance-{made}",
                    summary="Guidance for practitioners.",
                    body=BODY,
                    status=Status.PUBLISHED,
                )
                if parent:
                    Page.objects.add_child(parent, instance=page)
                else:
                    Page.objects.add_root(instance=page)
                next_level.append(page)
                made += 1
        level = next_level if depth < DEPTH else level
        depth = min(depth + 1, DEPTH)


def deepest_page():
    return Page.objects.published().order_by("-depth", "path").first().get_absolute_url()


def public_pages():
    section = Page.objects.published().filter(depth=1, numchild__gt=0).first()
    return {
        "home": "/",
        "partners": "/partners/",
        "vision": "/vision/",
        "priorities": "/priorities/",
        "statements": "/statements/",
        "statements, page 500": "/statements/?page=500",
        "statement": PressStatement.objects.published().first().get_absolute_url(),
        "publications": "/publications/",
        "publications, filtered": "/publications/?type=arrangements&audience=public",
        "publications, page 20": "/publications/?page=20",
        "publication": Document.objects.listed().first().get_absolute_url(),
        "section page": section.get_absolute_url(),
        "deepest page": deepest_page(),
        "editorial page": "/accessibility/",
        "search, common word": "/search/?q=safeguarding",
        "search, rare word": "/search/?q=kestrel",
        "sitemap": "/sitemap.xml",
        "sitemap section": "/sitemap-statements.xml?p=1",
        "feed": "/statements/feed/",
    } | web_version()


def web_version():
    """The newest publication with a web version (with its contents list), once there is one."""
    publication = Document.objects.listed().exclude(body="").by_publication_date().first()
    return {"publication, web version": publication.get_absolute_url()} if publication else {}


def measure(client, pages):
    """{name: (median ms, p95 ms, queries)} for each page."""
    results = {}
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url  # warms the furniture and the code
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(len(times) * 0.95))]
        results[name] = (statistics.median(times), p95, count)
    return results


def main():
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_initial_content", verbosity=0, stdout=open(os.devnull, "w"))
        client = Client()
        before = measure(client, public_pages())
        start = time.perf_counter()
        grow()
        say(
            f"Grew to {Page.objects.count()} pages ({DEPTH} deep), "
            f"{PressStatement.objects.count():,} statements, {Document.objects.count():,} "
            f"publications, {IMAGES} images in {time.perf_counter() - start:.0f} s "
            f"({connection.vendor}).\n"
        )
        after = measure(client, public_pages())
    finally:
        from django.test.utils import teardown_databases

        teardown_databases(old_config, verbosity=0)
    say(f"{'page':24} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'seed queries':>13}")
    slow = []
    for name, (median, p95, queries) in after.items():
        seed_queries = before.get(name, (0, 0, "-"))[2]
        flag = "  <- over target" if median > TARGET_MS else ""
        say(f"{name:24} {median:10.1f} {p95:8.1f} {queries:8} {seed_queries:>13}{flag}")
        if median > TARGET_MS:
            slow.append(name)
    grew = [n for n in after if n in before and after[n][2] > before[n][2]]
    say(f"\nTarget: every page under {TARGET_MS} ms; queries the same as with the seed content.")
    say(f"Over the target: {', '.join(slow) or 'none'}.")
    say(f"Queries grew: {', '.join(grew) or 'none'}.")


if __name__ == "__main__":
    main()
