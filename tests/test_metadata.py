import datetime
import json
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from pytest_django.asserts import assertContains, assertNotContains

from .factories import PageFactory, PressStatementFactory
from .pages import SEEDED_PATHS

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <meta> and <link> elements of a page's head."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("name") or attrs.get("property")] = attrs.get("content")
        if tag == "link":
            self.links.setdefault(attrs["rel"], attrs["href"])


def head(response):
    parser = Head()
    content = response.content.decode()
    parser.feed(content[: content.index("</head>")])
    return parser


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("path", SEEDED_PATHS)
def test_every_page_has_canonical_link_description_and_open_graph(client, path):
    page = head(client.get(path))
    canonical = "http://testserver" + path.split("?")[0]
    assert page.links["canonical"] == canonical
    assert page.meta["og:url"] == canonical
    assert len(page.meta["description"]) > 20
    assert page.meta["og:description"] == page.meta["description"]
    assert page.meta["og:site_name"] == "Solihull Local Safeguarding Children Partnership"
    assert page.meta["og:image"].startswith("http://testserver/static/img/icon-512.")
    assert page.links["manifest"] == "/manifest.webmanifest"
    assert page.links["icon"].startswith("/static/img/favicon.")
    assert page.links["apple-touch-icon"].startswith("/static/img/apple-touch-icon.")


@pytest.mark.usefixtures("seeded")
def test_a_statement_is_shared_as_an_article_with_its_own_summary(client):
    page = head(client.get("/statements/2022/joint-targeted-area-inspection/"))
    assert page.meta["og:type"] == "article"
    assert page.meta["og:title"] == "Statement on the Joint Targeted Area Inspection (JTAI)"
    assert page.meta["description"].startswith("Independent Scrutineer Steve Cullen responds")


def test_a_later_page_of_a_list_is_its_own_canonical_page(client):
    for n in range(11):
        PressStatementFactory(title=f"Statement {n}")
    assert head(client.get("/statements/?page=2")).links["canonical"] == (
        "http://testserver/statements/?page=2"
    )
    assert head(client.get("/statements/?page=1")).links["canonical"] == (
        "http://testserver/statements/"
    )


def test_a_page_description_never_carries_markup(client):
    PageFactory(slug="about", summary="", body="<p>Plain <strong>words</strong> &amp; more.</p>")
    assert head(client.get("/about/")).meta["description"] == "Plain words & more."


def test_statements_have_breadcrumbs_to_their_list(client):
    statement = PressStatementFactory(title="An inspection")
    response = client.get(statement.get_absolute_url())
    assertContains(
        response,
        """<nav class="breadcrumbs" aria-label="Breadcrumb"><ol class="breadcrumbs__list">
        <li class="breadcrumbs__item"><a href="/">Home</a></li>
        <li class="breadcrumbs__item"><a href="/statements/">Press statements</a></li>
        <li class="breadcrumbs__item" aria-current="page">An inspection</li>
        </ol></nav>""",
        html=True,
    )
    assertNotContains(client.get("/statements/"), 'aria-label="Breadcrumb"')


def test_dates_are_the_ones_editors_set_never_the_last_save(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 22, 12, tzinfo=datetime.UTC))
    statement = PressStatementFactory(
        publish_at=datetime.datetime(2022, 7, 12, 9, tzinfo=datetime.UTC)
    )
    page = PageFactory(slug="about", last_reviewed=datetime.date(2025, 3, 4))
    unreviewed = PageFactory(slug="unreviewed")
    shown = client.get(statement.get_absolute_url())
    assertContains(shown, 'Published <time datetime="2022-07-12">12 July 2022</time>')
    assertContains(
        client.get(page.get_absolute_url()),
        'Last reviewed <time datetime="2025-03-04">4 March 2025</time>',
    )
    for response in (shown, client.get(unreviewed.get_absolute_url())):
        assertNotContains(response, "22 November 2026")
        assertNotContains(response, "Last updated")


def test_print_stylesheet_is_linked_for_print_only(client):
    content = client.get("/").content.decode()
    assert 'href="/static/css/print.' in content
    assert 'media="print"' in content


def test_web_app_manifest_names_the_partnership_and_its_icons_exist(client, seeded):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Solihull Local Safeguarding Children Partnership"
    assert manifest["short_name"] == "Solihull LSCP"
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/")
        assert staticfiles_storage.exists(name), icon["src"]


def test_favicon_ico_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/img/favicon.")
    assert response["Location"].endswith(".ico")
