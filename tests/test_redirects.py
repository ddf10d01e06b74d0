"""Old addresses keep working: redirects made by the site when content moves, by editors one at a
time, and from an old website's CSV file."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from partnership.models import Status
from redirects.models import Redirect

from .factories import PageFactory, PressStatementFactory

pytestmark = pytest.mark.django_db


def add_redirect(editor_client, old, new):
    return editor_client.post(
        reverse("admin:redirects_redirect_add"), {"old_path": old, "new_path": new}
    )


def import_csv(editor_client, content, name="old-site.csv"):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return editor_client.post(reverse("admin:redirects_redirect_import"), {"file": upload})


class TestMadeByTheSite:
    def test_a_statement_whose_date_moves_to_another_year_keeps_its_old_address(self, client):
        statement = PressStatementFactory(
            slug="inspection", publish_at=timezone.make_aware(datetime.datetime(2022, 7, 12))
        )
        statement.publish_at = statement.publish_at.replace(year=2023)
        statement.save()
        response = client.get("/statements/2022/inspection/")
        assert response.status_code == 301
        assert response["Location"] == "/statements/2023/inspection/"

    def test_a_draft_that_moves_leaves_no_redirect(self):
        page = PageFactory(slug="draft", status=Status.DRAFT)
        page.slug = "renamed"
        page.save()
        assert not Redirect.objects.exists()

    def test_moves_one_after_another_lead_straight_to_the_latest_address(self, client):
        page = PageFactory(slug="first")
        for slug in ("second", "third"):
            page.slug = slug
            page.save()
        assert client.get("/first/")["Location"] == "/third/"
        assert client.get("/second/")["Location"] == "/third/"
        # Moving back makes the first address a page again, never a loop.
        page.slug = "first"
        page.save()
        assert client.get("/first/").status_code == 200
        assert client.get("/third/")["Location"] == "/first/"
        assert not Redirect.objects.filter(old_path="/first/").exists()


class TestEditorsRedirects:
    def test_an_old_address_sends_visitors_on(self, editor_client, client):
        PageFactory(slug="thresholds")
        add_redirect(
            editor_client, "https://old.example.org/Children/Thresholds.aspx", "/thresholds/"
        )
        response = client.get("/Children/Thresholds.aspx")
        assert response.status_code == 301
        assert response["Location"] == "/thresholds/"
        # Old sites ignored case, and a query string of the old site is matched too.
        assert client.get("/children/thresholds.aspx").status_code == 301
        add_redirect(editor_client, "/index.php?id=12", "/thresholds/")
        assert client.get("/index.php", {"id": "12"})["Location"] == "/thresholds/"
        assert client.get("/index.php", {"id": "13"}).status_code == 404

    def test_an_old_address_without_a_slash_is_matched_as_written(self, editor_client, client):
        add_redirect(editor_client, "/about-us", "/")
        assert client.get("/about-us")["Location"] == "/"

    @pytest.mark.parametrize(
        ("old", "new", "message"),
        [
            ("/old/", "/old/", "loop"),
            ("/old/", "javascript:alert(1)", "starting with"),
            ("/old/", "//evil.example/", "starting with"),
            ("/statements/", "/news/", "one of the site&#x27;s own pages"),
            ("/live/", "/elsewhere/", "is a published page"),
        ],
    )
    def test_a_redirect_that_could_never_work_is_refused_beside_the_field(
        self, editor_client, old, new, message
    ):
        PageFactory(slug="live")
        response = add_redirect(editor_client, old, new)
        assertContains(response, message)
        assert not Redirect.objects.exists()

    def test_chains_are_collapsed_and_loops_refused(self, editor_client, client):
        add_redirect(editor_client, "/a/", "/b/")
        add_redirect(editor_client, "/b/", "/c/")
        assert Redirect.objects.get(old_path="/a/").new_path == "/c/"
        add_redirect(editor_client, "/z/", "/a/")
        assert Redirect.objects.get(old_path="/z/").new_path == "/c/"
        response = add_redirect(editor_client, "/c/", "/a/")
        assertContains(response, "round in a loop: /c/ → /a/ → /c/")
        assert client.get("/a/")["Location"] == "/c/"

    def test_a_live_page_always_wins(self, client):
        PageFactory(slug="kept")
        Redirect.objects.create(old_path="/kept/", new_path="/elsewhere/")
        assert client.get("/kept/").status_code == 200


class TestCsvImport:
    def test_an_old_websites_addresses_are_imported(self, editor_client, client):
        response = import_csv(
            editor_client,
            b"old,new\n/Old-Page.aspx,/partners/\nhttps://old.example.org/news/,/statements/\n"
            b"\n/Old-Page.aspx,/vision/\n",
        )
        assert response.status_code == 302
        assert client.get("/Old-Page.aspx")["Location"] == "/vision/"
        assert client.get("/news/")["Location"] == "/statements/"
        assert Redirect.objects.count() == 2
        changelist = editor_client.get(response["Location"])
        assertContains(changelist, "Imported the file: 2 new redirect(s), 1 changed.")

    def test_a_file_with_a_wrong_line_imports_nothing_and_names_the_line(self, editor_client):
        response = import_csv(
            editor_client, b"/one/,/partners/\n/two/,ftp://x\n/three/\n/four/,/four/\n"
        )
        assertContains(response, "The file was not imported")
        assertContains(response, "Line 2 (/two/)")
        assertContains(response, "Line 3: give two addresses")
        assertContains(response, "Line 4 (/four/)")
        assert not Redirect.objects.exists()

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("\xff\xfe\x00binary".encode("latin-1"), "not a CSV file saved as UTF-8"),
            (b"old,new\n", "no redirects in it"),
            (b"/a/,/b/\n" * 200_000, "larger than 1 MB"),
        ],
    )
    def test_a_wrong_file_is_refused_beside_the_field(self, editor_client, content, message):
        assertContains(import_csv(editor_client, content), message)
        assert not Redirect.objects.exists()

    def test_only_editors_may_import(self, client, django_user_model):
        visitor = django_user_model.objects.create_user("visitor", password="x", is_staff=True)
        client.force_login(visitor)
        assert import_csv(client, b"/a/,/b/\n").status_code == 403


def test_an_address_no_redirect_could_have_is_a_plain_404(client):
    Redirect.objects.create(old_path="/old/", new_path="/")
    assert client.get("/old/", {"utm_source": "x" * 600})["Location"] == "/"
    assert client.get("/no\x00such/").status_code == 404
