import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from .factories import (
    DocumentFactory,
    ExecutiveMemberFactory,
    PageFactory,
    PartnerFactory,
    PressStatementFactory,
    PriorityFactory,
    RoleHolderFactory,
    VisionOutcomeFactory,
    VisionStatementFactory,
)
from .pages import PUBLIC_PAGES, SEEDED_PATHS

pytestmark = pytest.mark.django_db


class Furniture(HTMLParser):
    """Collects what every page must have: landmarks, headings, the skip link, the title."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.h1_count = 0
        self.first_body_child = None
        self.in_title = False
        self.title = ""
        self.html_lang = None
        self.navs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if self.tags and self.tags[-1] == "body" and self.first_body_child is None:
            self.first_body_child = (tag, attrs)
        if tag == "h1":
            self.h1_count += 1
        if tag == "nav":
            self.navs.append(attrs.get("aria-label") or attrs.get("aria-labelledby"))
        if tag == "main":
            self.main_id = attrs.get("id")
        self.in_title = tag == "title"
        self.tags.append(tag)

    def handle_data(self, data):
        if self.in_title:
            self.title += data

    def handle_endtag(self, tag):
        self.in_title = False


def furniture(response):
    parser = Furniture()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.usefixtures("seeded")
class TestEveryPublicPage:
    @pytest.mark.parametrize("path", PUBLIC_PAGES.values())
    def test_has_the_page_furniture(self, client, path):
        response = client.get(path)
        page = furniture(response)
        assert page.html_lang == "en-GB"
        assert page.first_body_child == ("a", {"href": "#main-content", "class": "skip-link"})
        assert page.main_id == "main-content"
        assert page.h1_count == 1
        assert all(page.navs), "every <nav> has a label"
        assert page.title.endswith(" – Solihull Local Safeguarding Children Partnership")

    def test_titles_are_distinct(self, client):
        titles = [furniture(client.get(path)).title for path in SEEDED_PATHS]
        assert len(set(titles)) == len(titles)

    @pytest.mark.parametrize("path", SEEDED_PATHS)
    def test_answers_200(self, client, path):
        assert client.get(path).status_code == 200


@pytest.mark.usefixtures("seeded")
class TestSeededPages:
    def test_home_introduces_the_partnership_and_its_partners(self, client):
        response = client.get("/")
        assertContains(
            response, "<h1>What is the Local Safeguarding Children Partnership?</h1>", html=True
        )
        assertContains(
            response,
            '<li class="partner-list__item">Chief Constable of West Midlands Police</li>',
            html=True,
        )
        assertContains(response, "Solihull LSCP has two key priorities for 2021/2022:")
        assertContains(response, "Statement on the Joint Targeted Area Inspection (JTAI)")

    def test_home_links_the_arrangements_document(self, client):
        response = client.get("/")
        assertContains(
            response, '<a href="/publications/lscp-arrangements/">new arrangements document</a>'
        )
        download = client.get("/documents/lscp-arrangements/")
        assert download.status_code == 302
        assert download["Location"] == "https://www.safeguardingsolihull.org.uk/lscp/"

    def test_partners_page_lists_the_executive_group(self, client):
        response = client.get("/partners/")
        assertContains(response, "<h1>Partners and executive group</h1>", html=True)
        assertContains(response, "Lead member for Education and Skills")
        assertContains(response, "Local schools’ representative")

    def test_statement_detail_shows_spokesperson_and_body(self, client):
        response = client.get("/statements/2022/joint-targeted-area-inspection/")
        assertContains(response, "Steve Cullen, Independent Scrutineer")
        assertContains(response, "<h2>What is an LSCP</h2>", html=True)


class TestHistory:
    def test_a_replaced_partner_stays_on_record(self, client):
        icb = PartnerFactory(organisation="Birmingham and Solihull Integrated Care Board")
        PartnerFactory(
            organisation="Birmingham and Solihull Clinical Commissioning Group",
            active=False,
            replaced_by=icb,
            left_on=datetime.date(2022, 7, 1),
        )
        RoleHolderFactory(partner=icb, title="Chief Executive")
        response = client.get("/partners/")
        assertContains(response, "<h3>Former partners</h3>", html=True)
        assertContains(
            response,
            "Birmingham and Solihull Clinical Commissioning Group, until 1 July 2022; "
            "replaced by Birmingham and Solihull Integrated Care Board",
        )
        home = client.get("/")
        assertContains(home, "Chief Executive of Birmingham and Solihull Integrated Care Board")
        assertNotContains(home, "Clinical Commissioning Group")

    def test_current_priorities_first_and_earlier_years_below(self, client):
        PriorityFactory(year=2021, title="Exploitation strategy")
        PriorityFactory(year=2022, title="Neglect and early help")
        content = client.get("/priorities/").content.decode()
        assert content.index("2022/2023") < content.index("Earlier years")
        assert content.index("Earlier years") < content.index("2021/2022")

    def test_a_new_vision_leaves_the_earlier_one_readable(self, client):
        old = VisionStatementFactory(statement="The 2021 vision", in_force_from="2021-04-01")
        VisionOutcomeFactory(vision=old, text="are safe from abuse")
        VisionStatementFactory(statement="The 2022 vision", in_force_from="2022-04-01")
        VisionStatementFactory(statement="Future vision", in_force_from="2999-04-01")
        content = client.get("/vision/").content.decode()
        assert content.index("The 2022 vision") < content.index("Earlier vision statements")
        assert content.index("Earlier vision statements") < content.index("The 2021 vision")
        assert "are safe from abuse" in content
        assert "Future vision" not in content

    def test_retired_executive_seat_is_not_listed(self, client):
        ExecutiveMemberFactory(role="Current seat")
        ExecutiveMemberFactory(role="Retired seat", active=False)
        response = client.get("/partners/")
        assertContains(response, "Current seat")
        assertNotContains(response, "Retired seat")


class TestStatements:
    def test_newest_first_and_paginated(self, client):
        now = timezone.now()
        for day in range(12):
            PressStatementFactory(
                title=f"Statement from day {day}", publish_at=now - datetime.timedelta(days=day)
            )
        first = client.get("/statements/").content.decode()
        assert first.index("Statement from day 0") < first.index("Statement from day 9")
        assert "Statement from day 10" not in first
        assert "Page 1 of 2" in first
        second = client.get("/statements/?page=2")
        assertContains(second, "Statement from day 11")

    @pytest.mark.parametrize(
        ("query", "page"), [("abc", 1), ("-1", 1), ("0", 1), ("99999", 2), ("9" * 5000, 1)]
    )
    def test_odd_page_numbers_give_the_nearest_page(self, client, query, page):
        for n in range(11):
            PressStatementFactory(title=f"Statement {n}")
        response = client.get("/statements/", {"page": query})
        assertContains(response, f"Page {page} of 2")

    def test_wrong_year_unknown_slug_and_impossible_year_are_404(self, client):
        statement = PressStatementFactory(
            slug="inspection", publish_at=datetime.datetime(2022, 7, 12, tzinfo=datetime.UTC)
        )
        assert client.get(statement.get_absolute_url()).status_code == 200
        for path in (
            "/statements/2021/inspection/",
            "/statements/2022/no-such-statement/",
            "/statements/99999999999999999999/inspection/",
        ):
            response = client.get(path)
            assert response.status_code == 404
            assertContains(response, "<h1>Page not found</h1>", html=True, status_code=404)


class TestDocumentsAndPages:
    def test_documents_are_listed_with_their_kind(self, client):
        DocumentFactory(title="Yearly report 2023", dated=datetime.date(2023, 9, 30))
        DocumentFactory(title="Undated report", kind="other", dated=None)
        response = client.get("/publications/")
        assertContains(response, "Yearly report 2023")
        assertContains(response, "Yearly report · <time")
        # Without its own date a document shows none: never the day it was added.
        assertContains(response, '<p class="card__meta">Other</p>', html=True)

    def test_an_editorial_page_renders_its_body(self, client):
        PageFactory(title="Privacy notice", slug="privacy", body="<p>We set one cookie.</p>")
        response = client.get("/privacy/")
        assertContains(response, "<h1>Privacy notice</h1>", html=True)
        assertContains(response, "<p>We set one cookie.</p>", html=True)

    def test_footer_links_pages_in_navigation(self, client):
        PageFactory(title="Accessibility statement", slug="accessibility", show_in_footer=True)
        PageFactory(title="Hidden page", slug="hidden", show_in_footer=False)
        response = client.get("/")
        assertContains(response, '<a href="/accessibility/">Accessibility statement</a>', html=True)
        assertNotContains(response, "Hidden page")

    def test_unknown_document_and_page_are_404(self, client):
        assert client.get("/documents/no-such-document/").status_code == 404
        assert client.get("/no-such-page/").status_code == 404


def test_nothing_about_the_partnership_is_hard_coded(db, client):
    """With no content loaded, no page names any partnership or place."""
    for path in PUBLIC_PAGES.values():
        content = client.get(path).content.decode()
        assert not re.search(r"Solihull|West Midlands|Birmingham", content), path


def test_no_template_or_python_module_names_the_partnership(settings):
    """Another partnership deploys the same code: its identity lives only in content."""
    root = settings.BASE_DIR
    sources = [*root.glob("templates/**/*.html"), *root.glob("partnership/**/*.py")]
    offenders = [
        str(path.relative_to(root))
        for path in sources
        if re.search(r"Solihull|West Midlands", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
