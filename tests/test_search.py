import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from partnership.search import MAX_QUERY_LENGTH, MAX_TERMS, SOURCES, clean_query, search_terms

from .factories import (
    DocumentFactory,
    PageFactory,
    PartnerFactory,
    PressStatementFactory,
    PriorityFactory,
)

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [result.title for result in response.context["results"]]


def test_finds_every_kind_of_published_content(client):
    PressStatementFactory(title="Kestrel statement")
    PageFactory(title="About us", body="<p>We watch the kestrel.</p>")
    PriorityFactory(title="Protect the kestrel")
    PartnerFactory(organisation="Kestrel Trust")
    DocumentFactory(title="Kestrel report")
    response = client.get("/search/", {"q": "kestrel"})
    assertContains(response, "5 results for “kestrel”")
    assert sorted(result_titles(response)) == sorted(
        [
            "Kestrel statement",
            "About us",
            "2024/2025: Protect the kestrel",
            "Kestrel Trust",
            "Kestrel report",
        ]
    )


def test_a_former_partner_is_not_found_and_finding_nothing_says_what_to_try(client):
    # Drafts and scheduled items are not found until their minute: test_publication.py.
    PartnerFactory(organisation="Kestrel former partner", active=False)
    response = client.get("/search/", {"q": "kestrel"})
    assertContains(response, "0 results for “kestrel”")
    assertContains(response, "Check the spelling of your words.")
    assertContains(response, '<a href="/statements/">press statements</a>', html=True)


def test_every_word_must_match(client):
    PressStatementFactory(title="Kestrel and falcon")
    PressStatementFactory(title="Kestrel alone")
    response = client.get("/search/", {"q": "falcon kestrel"})
    assert result_titles(response) == ["Kestrel and falcon"]


def test_a_match_in_the_title_ranks_above_one_in_the_body(client):
    PressStatementFactory(title="Annual update", body="<p>Mentions the kestrel once.</p>")
    PressStatementFactory(
        title="Kestrel survey", publish_at=timezone.now() - datetime.timedelta(days=30)
    )
    response = client.get("/search/", {"q": "kestrel"})
    assert result_titles(response) == ["Kestrel survey", "Annual update"]


def test_words_inside_html_tags_are_not_searched(client):
    PressStatementFactory(body='<p>See <a href="https://example.org/zebra">our partner</a>.</p>')
    response = client.get("/search/", {"q": "zebra"})
    assertContains(response, "0 results for “zebra”")


def test_matches_are_highlighted_and_editor_text_is_escaped(client):
    PressStatementFactory(title="<b>Kestrel</b> & co", summary="Kestrels nest here.")
    response = client.get("/search/", {"q": "kestrel"})
    assertContains(response, "&lt;b&gt;<mark>Kestrel</mark>&lt;/b&gt; &amp; co")
    assertContains(response, "<mark>Kestrels</mark> nest here.")
    assertNotContains(response, "<b>Kestrel")


def test_the_visitors_query_is_escaped(client):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_results_come_in_pages_that_keep_the_query(client):
    for n in range(12):
        PressStatementFactory(
            title=f"Kestrel {n}", publish_at=timezone.now() - datetime.timedelta(days=n)
        )
    first = client.get("/search/", {"q": "kestrel"})
    assertContains(first, "12 results for “kestrel”")
    assertContains(first, "Page 1 of 2")
    assertContains(first, 'href="?q=kestrel&amp;page=2"')
    second = client.get("/search/", {"q": "kestrel", "page": "2"})
    assert len(second.context["results"]) == 2
    for nonsense in ("abc", "-5", "99999"):
        assertContains(client.get("/search/", {"q": "kestrel", "page": nonsense}), "Page ")


def test_non_latin_words_are_found(client):
    PageFactory(title="Diogelu plant", body="<p>Ffoniwch ni – ffôn 999.</p>")
    PageFactory(title="保护儿童", body="<p>儿童 安全</p>")
    assert result_titles(client.get("/search/", {"q": "ffôn"})) == ["Diogelu plant"]
    assert result_titles(client.get("/search/", {"q": "安全"})) == ["保护儿童"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 100_000,
        "kestrel " * 5000,
        "\x00kestrel\x00",
        "' OR 1=1 --",
        "%_\\",
        "!!! &|:*() <-> !",
        "😀 \u202e \ufeff",
    ],
)
def test_any_query_gives_a_page_never_an_error(client, query):
    PressStatementFactory(title="Kestrel")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assertContains(response, "<h1>Search</h1>", html=True)


def test_a_query_that_is_not_utf8_gives_a_page(client):
    response = client.get("/search/?q=%FF%FEkestrel%C0")
    assert response.status_code == 200


def test_long_queries_are_cut_to_a_bounded_size(client, django_assert_max_num_queries):
    query = " ".join(f"word{n}" for n in range(5000))
    assert len(clean_query(query)) <= MAX_QUERY_LENGTH
    assert len(search_terms(clean_query(query))) == MAX_TERMS
    client.get("/search/")  # the site furniture is cached, as it is for nearly every request
    # One query per kind of content: never one per word.
    with django_assert_max_num_queries(len(SOURCES)):
        client.get("/search/", {"q": query})


def test_without_a_query_the_page_invites_one(client):
    response = client.get("/search/")
    assertContains(response, "Search the partnership’s press statements")
    assertNotContains(response, "results for")


def test_every_page_has_a_search_form(client):
    response = client.get("/")
    assertContains(response, 'action="/search/"')
    assertContains(response, '<input class="search-form__input" type="search" id="header-search"')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_matches_other_forms_of_a_word(client):
    PressStatementFactory(title="Inspections of services")
    response = client.get("/search/", {"q": "inspected"})
    assert result_titles(response) == ["Inspections of services"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.kind)
def test_postgresql_searches_each_kind_through_its_index(source):
    with CaptureQueriesContext(connection) as queries:
        source.rows(["inspection"])
    # With a handful of rows the planner would rather read them all; forbid that, and the plan
    # names the index only if it was built from the same expression as the search's query.
    model = source.queryset().model
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # The model's other indexes (publication order) would serve an empty table as well; they
        # go for the rest of this test's transaction, leaving the search index to prove itself.
        for index in model._meta.indexes:
            cursor.execute(f'DROP INDEX "{index.name}"')
        cursor.execute("EXPLAIN " + queries.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{model._meta.model_name}_search" in plan
