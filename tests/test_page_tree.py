"""The page tree: addresses, sections, moves, and what editors can and cannot do to it."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from partnership.models import NavigationLink, Page, SiteSettings, Status

from .factories import PageFactory, SiteSettingsFactory
from .helpers import page_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """A section three levels deep, and a second section."""
    professionals = PageFactory(title="For professionals", slug="professionals", summary="S1")
    procedures = PageFactory(parent=professionals, title="Procedures", slug="procedures")
    neglect = PageFactory(parent=procedures, title="Neglect", slug="neglect")
    training = PageFactory(parent=professionals, title="Training", slug="training", summary="S2")
    parents = PageFactory(title="For parents", slug="parents")
    return {
        "professionals": professionals,
        "procedures": procedures,
        "neglect": neglect,
        "training": training,
        "parents": parents,
    }


def fresh(page):
    return Page.objects.get(pk=page.pk)


def assert_tree_is_sound():
    assert all(not problems for problems in Page.objects.find_problems())


class TestAddresses:
    def test_addresses_follow_the_tree(self, client, tree):
        assert tree["neglect"].get_absolute_url() == "/professionals/procedures/neglect/"
        response = client.get("/professionals/procedures/neglect/")
        assertContains(response, "<h1>Neglect</h1>", html=True)

    def test_an_address_not_in_the_tree_is_the_sites_404(self, client, tree):
        for address in ("/professionals/neglect/", "/parents/procedures/", "/professionals/x/y/z/"):
            response = client.get(address)
            assert response.status_code == 404
            assertContains(response, "Page not found", status_code=404)

    def test_a_draft_section_hides_every_page_inside_it(self, client, tree):
        Page.objects.filter(pk=tree["procedures"].pk).update(status=Status.DRAFT)
        assert client.get("/professionals/procedures/neglect/").status_code == 404
        assert list(Page.objects.published()) == [
            tree["professionals"],
            tree["training"],
            tree["parents"],
        ]
        assertNotContains(client.get("/professionals/"), "Procedures")
        assertNotContains(client.get("/search/", {"q": "neglect"}), "/neglect/")
        assertNotContains(client.get("/sitemap.xml"), "neglect")


class TestSections:
    def test_a_section_lists_its_pages_with_summaries_in_the_editors_order(self, client, tree):
        Page.objects.move(tree["training"], tree["procedures"], "left")
        response = client.get("/professionals/")
        content = response.content.decode()
        assert content.index("Training") < content.index("Procedures")
        assertContains(response, "S2")

    def test_a_page_below_the_top_has_breadcrumbs_and_in_this_section(self, client, tree):
        response = client.get("/professionals/procedures/neglect/")
        assertContains(
            response,
            '<li class="breadcrumbs__item">'
            '<a href="/professionals/procedures/">Procedures</a></li>',
            html=True,
        )
        assertContains(response, '<nav class="section-nav" aria-labelledby="section-nav-heading">')
        assertContains(
            response,
            '<a class="section-nav__link" href="/professionals/procedures/neglect/" '
            'aria-current="page">Neglect</a>',
            html=True,
        )
        # The section's other pages, but not another section's.
        assertContains(response, 'href="/professionals/training/"')
        assertNotContains(response, 'class="section-nav__link" href="/parents/"')

    def test_a_top_level_page_has_no_section_navigation(self, client, tree):
        assertNotContains(client.get("/professionals/"), "section-nav")


class TestEditorsBuildTheTree:
    def test_an_editor_adds_a_page_inside_a_section(self, editor_client, client, tree):
        add = reverse("admin:partnership_page_add")
        form = editor_client.get(add, {"parent": tree["procedures"].pk})
        assertContains(form, f'<option value="{tree["procedures"].pk}" selected>')
        response = editor_client.post(
            add, page_form(parent=tree["procedures"].pk, position=f"after:{tree['neglect'].pk}")
        )
        assert response.status_code == 302
        page = Page.objects.get(slug="thresholds")
        assert page.url_path == "professionals/procedures/thresholds"
        assert list(Page.objects.children_of(fresh(tree["procedures"]))) == [tree["neglect"], page]
        assert client.get("/professionals/procedures/thresholds/").status_code == 200
        assert_tree_is_sound()

    def test_a_page_can_go_first_in_its_section(self, editor_client, tree):
        editor_client.post(
            reverse("admin:partnership_page_add"),
            page_form(parent=tree["professionals"].pk, position="first"),
        )
        first = Page.objects.children_of(fresh(tree["professionals"])).first()
        assert first.slug == "thresholds"

    def test_moving_a_page_moves_what_is_inside_and_keeps_old_addresses(
        self, editor_client, client, tree
    ):
        procedures = tree["procedures"]
        change = reverse("admin:partnership_page_change", args=[procedures.pk])
        response = editor_client.post(change, page_form(procedures, parent=tree["parents"].pk))
        assert response.status_code == 302
        assert fresh(tree["neglect"]).url_path == "parents/procedures/neglect"
        assert client.get("/parents/procedures/neglect/").status_code == 200
        moved = client.get("/professionals/procedures/neglect/")
        assert moved.status_code == 301
        assert moved["Location"] == "/parents/procedures/neglect/"
        assert client.get("/professionals/procedures/")["Location"] == "/parents/procedures/"
        assert_tree_is_sound()

    def test_renaming_a_section_redirects_everything_inside_it(self, editor_client, client, tree):
        professionals = tree["professionals"]
        change = reverse("admin:partnership_page_change", args=[professionals.pk])
        editor_client.post(change, page_form(professionals, slug="practitioners"))
        assert client.get("/professionals/procedures/neglect/")["Location"] == (
            "/practitioners/procedures/neglect/"
        )

    def test_a_page_cannot_go_inside_itself_or_its_own_pages(self, editor_client, tree):
        procedures = tree["procedures"]
        change = reverse("admin:partnership_page_change", args=[procedures.pk])
        response = editor_client.post(change, page_form(procedures, parent=tree["neglect"].pk))
        assertContains(response, "Select a valid choice")
        assert fresh(procedures).parent == tree["professionals"]
        assert_tree_is_sound()

    def test_a_section_cannot_take_the_address_of_a_fixed_page(self, editor_client, tree):
        response = editor_client.post(
            reverse("admin:partnership_page_add"), page_form(slug="statements")
        )
        assertContains(response, "is already used by the site")
        assert not Page.objects.filter(slug="statements").exists()
        # Inside a section the same slug shadows nothing.
        editor_client.post(
            reverse("admin:partnership_page_add"),
            page_form(slug="statements", parent=tree["parents"].pk),
        )
        assert Page.objects.get(slug="statements").url_path == "parents/statements"

    def test_two_pages_beside_each_other_cannot_share_an_address(self, editor_client, tree):
        response = editor_client.post(
            reverse("admin:partnership_page_add"),
            page_form(slug="training", parent=tree["professionals"].pk),
        )
        assertContains(response, "Another page inside “For professionals” already uses")
        # Moving a page where its address is taken is refused too, and nothing moves.
        other = PageFactory(parent=tree["parents"], slug="training")
        change = reverse("admin:partnership_page_change", args=[other.pk])
        response = editor_client.post(change, page_form(other, parent=tree["professionals"].pk))
        assertContains(response, "already uses")
        assert fresh(other).url_path == "parents/training"
        assert_tree_is_sound()

    def test_drag_and_drop_moves_a_page_and_refuses_a_taken_address(self, editor_client, tree):
        move = reverse("admin:partnership_page_changelist") + "move/"
        response = editor_client.post(
            move,
            {"node": tree["training"].pk, "target": tree["parents"].pk, "relation": "child"},
        )
        assert response.status_code == 200
        assert fresh(tree["training"]).url_path == "parents/training"
        PageFactory(parent=tree["professionals"], slug="neglect")
        response = editor_client.post(
            move,
            {"node": tree["neglect"].pk, "target": tree["training"].pk, "relation": "sibling"},
        )
        assert response.status_code == 200  # before "training", now in "parents": free
        response = editor_client.post(
            move,
            {"node": tree["neglect"].pk, "target": tree["procedures"].pk, "relation": "sibling"},
        )
        assert response.status_code == 400
        assert fresh(tree["neglect"]).url_path == "parents/neglect"
        response = editor_client.post(
            move,
            {
                "node": tree["professionals"].pk,
                "target": tree["procedures"].pk,
                "relation": "child",
            },
        )
        assert response.status_code == 400
        assert_tree_is_sound()

    def test_tampered_drags_and_tree_requests_are_refused_not_errors(self, editor_client, tree):
        base = reverse("admin:partnership_page_changelist")
        assert editor_client.post(base + "move/", {"node": "x", "target": "1"}).status_code == 400
        assert editor_client.get(base + "children/1;DROP/").status_code == 404
        assert editor_client.get(base + f"children/{tree['professionals'].pk}/").status_code == 200

    def test_a_page_with_pages_inside_cannot_be_deleted_until_they_move(self, editor_client, tree):
        delete = reverse("admin:partnership_page_delete", args=[tree["procedures"].pk])
        response = editor_client.post(delete, {"post": "yes"})
        assertContains(response, "move or delete the 1 page(s) inside it first")
        assert Page.objects.count() == 5
        editor_client.post(
            reverse("admin:partnership_page_delete", args=[tree["neglect"].pk]), {"post": "yes"}
        )
        assert fresh(tree["procedures"]).numchild == 0
        assert_tree_is_sound()

    def test_a_recovered_page_goes_back_inside_its_section(self, editor_client, client, tree):
        neglect = tree["neglect"]
        editor_client.post(
            reverse("admin:partnership_page_delete", args=[neglect.pk]), {"post": "yes"}
        )
        deleted = Version.objects.get_deleted(Page).get()
        editor_client.post(
            reverse("admin:partnership_page_recover", args=[deleted.pk]),
            page_form(neglect, parent=tree["procedures"].pk),
        )
        assert fresh(neglect).url_path == "professionals/procedures/neglect"
        assert client.get("/professionals/procedures/neglect/").status_code == 200
        assert_tree_is_sound()

    def test_restoring_an_old_version_never_moves_the_page(self, editor_client, tree):
        training = tree["training"]
        change = reverse("admin:partnership_page_change", args=[training.pk])
        editor_client.post(change, page_form(training, title="Training courses"))
        editor_client.post(change, page_form(training, parent=tree["parents"].pk))
        first = Version.objects.get_for_object(training).order_by("pk").first()
        revision = reverse("admin:partnership_page_revision", args=[training.pk, first.pk])
        # Opened first, as an editor does from History (django-reversion mutes model signals
        # while it shows an earlier version): the form holds the earlier title.
        assertContains(editor_client.get(revision), 'value="Training courses"')
        editor_client.post(revision, page_form(training, parent=tree["parents"].pk))
        training = fresh(training)
        assert training.title == "Training"
        assert training.url_path == "parents/training"
        assert_tree_is_sound()

    def test_the_page_list_shows_the_tree_to_an_editor(self, editor_client, tree):
        response = editor_client.get(reverse("admin:partnership_page_changelist"))
        assertContains(response, "For professionals")
        assertContains(response, "Add a page inside")
        assertContains(response, 'id="tree-context"')
        # Pages inside load when a section is opened; a search lists matches from every level.
        found = editor_client.get(reverse("admin:partnership_page_changelist"), {"q": "neglect"})
        assertContains(found, "/professionals/procedures/neglect/")


class TestNavigation:
    @pytest.fixture
    def site(self, tree):
        return SiteSettingsFactory()

    def inline_form(self, site, links):
        data = {
            "name": site.name,
            "short_name": site.short_name,
            "area": site.area,
            "introduction_heading": site.introduction_heading,
            "introduction": site.introduction,
            "quick_exit_url": "https://www.bbc.co.uk/weather",
            "navigation_links-TOTAL_FORMS": str(len(links)),
            "navigation_links-INITIAL_FORMS": "0",
            "navigation_links-MIN_NUM_FORMS": "0",
            "navigation_links-MAX_NUM_FORMS": "1000",
        }
        for index, (page, section, label) in enumerate(links):
            data |= {
                f"navigation_links-{index}-page": page.pk if page else "",
                f"navigation_links-{index}-section": section,
                f"navigation_links-{index}-label": label,
                f"navigation_links-{index}-order": str(index),
            }
        return data

    def test_editors_choose_the_header_links_and_their_order(
        self, editor_client, client, site, tree
    ):
        change = reverse("admin:partnership_sitesettings_change", args=[site.pk])
        links = [(tree["parents"], "", "Parents"), (None, "statement-list", "")]
        response = editor_client.post(change, self.inline_form(site, links))
        assert response.status_code == 302
        nav = client.get("/").content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
        assert nav.index(">Parents<") < nav.index(">Statements<")
        assert ">Partners<" not in nav
        # Inside a chosen section, its link is marked as where the visitor is.
        assertContains(client.get("/parents/"), 'href="/parents/" aria-current="page"')

    def test_a_link_to_an_unpublished_page_is_left_out(self, client, site, tree):
        NavigationLink.objects.create(site=site, page=tree["parents"], order=1)
        NavigationLink.objects.create(site=site, section="partners", order=2)
        Page.objects.filter(pk=tree["parents"].pk).update(status=Status.DRAFT)
        response = client.get("/")
        assertNotContains(response, 'href="/parents/"')
        assertContains(response, 'class="site-nav__link" href="/partners/"')

    def test_no_more_links_than_the_header_holds(self, editor_client, site, tree):
        change = reverse("admin:partnership_sitesettings_change", args=[site.pk])
        links = [(None, "partners", f"Link {n}") for n in range(NavigationLink.MAXIMUM + 1)]
        response = editor_client.post(change, self.inline_form(site, links))
        assertContains(response, f"Please submit at most {NavigationLink.MAXIMUM} forms")
        assert not NavigationLink.objects.exists()

    def test_a_link_is_a_page_or_a_fixed_page_not_both(self, editor_client, site, tree):
        change = reverse("admin:partnership_sitesettings_change", args=[site.pk])
        response = editor_client.post(
            change, self.inline_form(site, [(tree["parents"], "partners", "")])
        )
        assertContains(response, "not both")
        assert not NavigationLink.objects.exists()

    def test_until_editors_choose_the_header_shows_the_fixed_pages(self, client, site):
        assert not SiteSettings.objects.get().navigation_links.exists()
        assertContains(client.get("/"), 'class="site-nav__link" href="/partners/"')


class TestSearchAndSitemap:
    def test_a_page_found_by_search_names_its_section(self, client, tree):
        response = client.get("/search/", {"q": "neglect"})
        assertContains(response, '<p class="card__meta">For professionals</p>', html=True)

    def test_the_sitemap_becomes_an_index_past_its_limit(self, client, tree, monkeypatch, settings):
        from partnership import sitemaps

        settings.PAGE_CACHE_SECONDS = 0
        assert b"<urlset" in client.get("/sitemap.xml").content
        monkeypatch.setattr(sitemaps.PageSitemap, "limit", 2)
        index = client.get("/sitemap.xml").content.decode()
        assert "<sitemapindex" in index
        assert "/sitemap-editorial.xml?p=3</loc>" in index
        third = client.get("/sitemap-editorial.xml", {"p": 3}).content.decode()
        assert "/parents/</loc>" in third
        assert client.get("/sitemap-editorial.xml", {"p": 99}).status_code == 404
        assert client.get("/sitemap-nothing.xml").status_code == 404
