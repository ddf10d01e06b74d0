"""
Site search across everything the public can see.

On PostgreSQL each model is searched with full-text search and ranked (title above summary above
body); elsewhere (SQLite) every word must appear in one of the fields, and results are ordered by
where the words were found. Either way the cost is bounded: the query is cut to
``MAX_QUERY_LENGTH`` characters and ``MAX_TERMS`` words, and each model gives at most
``MAX_RESULTS_PER_KIND`` results.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import partial, reduce
from html import unescape
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Document, Page, Partner, PressStatement, Priority
from .sections import section

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_TERM_LENGTH = 50
MAX_RESULTS_PER_KIND = 100
EXCERPT_LENGTH = 240

# Words are runs of letters and digits in any script; everything else separates them.
WORD = re.compile(r"\w+")
# A tag in sanitised rich text (nh3 leaves no comments, scripts or stray angle brackets).
TAG = re.compile(r"<[^>]+>")
# Characters a database cannot store in a query (PostgreSQL refuses NUL outright).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw):
    """The query as it will be searched for: bounded in length, without control characters."""
    return CONTROL_CHARACTERS.sub(" ", raw or "")[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The distinct words of a cleaned query, at most ``MAX_TERMS`` of them."""
    terms = []
    for word in WORD.findall(query):
        word = word[:MAX_TERM_LENGTH].casefold()
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


@dataclass
class Result:
    """One search result, whatever kind of content it came from."""

    kind: str
    title: str
    url: str
    date: datetime | date | None
    score: float
    # Called only for the results on the page shown: reducing a long body to text costs time.
    text: Callable

    def highlighted_title(self, terms):
        return highlight(self.title, terms)

    def excerpt(self, terms):
        return highlight(excerpt_around(self.text(), terms), terms)


@dataclass
class Source:
    """How to search one model and turn its rows into results."""

    kind: str
    # Searched fields, most important first: (field name, PostgreSQL weight, holds HTML).
    fields: tuple
    queryset: Callable
    url: Callable
    text: Callable
    date_field: str | None = None
    # What to call one row's result, where that depends on the row (a page's section).
    kind_of: Callable | None = None

    def rows(self, terms):
        if connection.vendor == "postgresql":
            return self.ranked_rows(terms)
        return self.matching_rows(terms)

    def ranked_rows(self, terms):
        vector = search_vector(self.fields)
        query = SearchQuery(" ".join(terms), search_type="plain", config="english")
        rows = (
            self.queryset()
            .annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank")[:MAX_RESULTS_PER_KIND]
        )
        return [(row, row.rank) for row in rows]

    def matching_rows(self, terms):
        names = [name for name, _weight, _html in self.fields]
        each_term_somewhere = reduce(
            and_,
            (reduce(or_, (Q(**{f"{name}__icontains": term}) for name in names)) for term in terms),
        )
        scored = []
        for row in self.queryset().filter(each_term_somewhere)[: MAX_RESULTS_PER_KIND * 2]:
            # icontains also matches inside HTML tags ("href"), so check the visible text again.
            texts = [
                (visible_text(getattr(row, name)) if html else getattr(row, name)).casefold()
                for name, _weight, html in self.fields
            ]
            if all(any(term in text for text in texts) for term in terms):
                # Earlier fields weigh more: a word in the title beats one in the body.
                score = sum(
                    len(texts) - index
                    for term in terms
                    for index, text in enumerate(texts)
                    if term in text
                )
                scored.append((row, score))
        return scored[:MAX_RESULTS_PER_KIND]

    def results(self, terms):
        return [
            Result(
                kind=self.kind_of(row) if self.kind_of else self.kind,
                title=str(row),
                url=self.url(row),
                text=partial(self.text, row),
                date=getattr(row, self.date_field) if self.date_field else None,
                score=float(score),
            )
            for row, score in self.rows(terms)
        ]


def visible_text(html):
    """The text a reader sees in sanitised HTML: no tags, entities decoded."""
    return unescape(TAG.sub(" ", html))


def search_vector(fields):
    """PostgreSQL's weighted document for ``fields``, (name, weight, holds HTML) each.

    Migration 0004 indexes this very expression for each model searched; the index only serves
    queries whose expression is the same, so change both together (tests/test_search.py checks).
    """
    return reduce(
        lambda a, b: a + b,
        (
            SearchVector(plain_text(name) if html else name, weight=weight, config="english")
            for name, weight, html in fields
        ),
    )


def plain_text(field_name):
    """A database expression for an HTML field's text: tags and entities are not words."""
    return Func(
        F(field_name),
        Value("<[^>]+>|&[#a-zA-Z0-9]+;"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def timestamp(moment):
    """A date or a datetime as seconds, for ordering results of both kinds; 0 for none."""
    if isinstance(moment, datetime):
        return moment.timestamp()
    if isinstance(moment, date):
        return datetime.combine(moment, time(), tzinfo=UTC).timestamp()
    return 0


# A list, so that another app (events, learning) adds its own in its AppConfig.ready().
SOURCES = [
    Source(
        kind=section("statement-list").item_name,
        fields=(("title", "A", False), ("summary", "B", False), ("body", "C", True)),
        queryset=PressStatement.objects.published,
        url=lambda statement: statement.get_absolute_url(),
        text=lambda statement: f"{statement.summary} {visible_text(statement.body)}",
        date_field="publish_at",
    ),
    Source(
        kind="Page",
        fields=(("title", "A", False), ("summary", "B", False), ("body", "C", True)),
        queryset=lambda: Page.objects.published().with_section_title(),
        url=lambda page: page.get_absolute_url(),
        text=lambda page: f"{page.summary} {visible_text(page.body)}",
        # A page's result names its section ("For professionals"), as its breadcrumbs do.
        kind_of=lambda page: page.section_title,
    ),
    Source(
        kind=section("publication-list").item_name,
        fields=(("title", "A", False), ("summary", "B", False), ("body", "C", True)),
        queryset=Document.objects.listed,
        url=lambda document: document.get_absolute_url(),
        text=lambda document: f"{document.summary} {visible_text(document.body)}",
        # The date the publication carries, which editors set, not when it went online.
        date_field="dated",
    ),
    Source(
        kind=section("priorities").item_name,
        fields=(("title", "A", False), ("description", "B", False)),
        queryset=Priority.objects.published,
        url=lambda priority: section("priorities").url,
        text=lambda priority: f"{priority.business_year}: {priority.description or priority.title}",
    ),
    Source(
        kind=section("partners").item_name,
        fields=(("organisation", "A", False), ("description", "B", False)),
        queryset=Partner.objects.active,
        url=lambda partner: section("partners").url,
        text=lambda partner: partner.description or partner.get_kind_display(),
    ),
]


def add_source(source):
    """Have search cover another app's content: called from that app's ``ready()``, so the
    core never imports the apps built on it."""
    if source not in SOURCES:
        SOURCES.append(source)


def search(query):
    """Published content matching every word of ``query``, best first."""
    terms = search_terms(query)
    if not terms:
        return []
    results = [result for source in SOURCES for result in source.results(terms)]
    # Best match first; among equals, the newest.
    results.sort(key=lambda r: timestamp(r.date), reverse=True)
    results.sort(key=lambda r: r.score, reverse=True)
    return results


def term_pattern(terms):
    """Words that start with a search term: "inspections" for "inspection", as full-text finds."""
    alternatives = "|".join(re.escape(term) for term in terms)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def excerpt_around(text, terms, length=EXCERPT_LENGTH):
    """Up to ``length`` characters of ``text``, starting near the first word searched for."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    first = term_pattern(terms).search(text) if terms else None
    start = max(first.start() - length // 4, 0) if first else 0
    if start:
        start = text.find(" ", start) + 1 or start
    excerpt = text[start : start + length].rsplit(" ", 1)[0]
    return ("…" if start else "") + excerpt + "…"


def highlight(text, terms):
    """``text`` escaped for HTML, with each word that starts with a search term in <mark>."""
    if not terms:
        return escape(text)
    parts = []
    position = 0
    for match in term_pattern(terms).finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of visitor or editor text is escaped
