"""Publications: types that carry the statutory rules, filters, latest addresses, web versions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from partnership.documents import pdf_page_count
from partnership.models import Document, Status

from .factories import DocumentFactory, SiteSettingsFactory
from .helpers import nu_errors, refused, violates_constraint

pytestmark = pytest.mark.django_db

REVIEW = Document.Kind.REVIEW
TODAY = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def site(db):
    return SiteSettingsFactory(contact_email="lscp@example.org", short_name="Example LSCP")


class TestRules:
    def test_a_review_archived_before_12_months_is_refused_with_the_earliest_date(self):
        review = DocumentFactory.build(
            kind=REVIEW, dated=datetime.date(2024, 3, 1), archive_after=datetime.date(2025, 2, 28)
        )
        assert "choose 1 March 2025 or later" in refused(review, "archive_after")
        review.archive_after = datetime.date(2025, 3, 1)
        review.full_clean()

    def test_only_a_dated_review_can_be_archived(self):
        briefing = DocumentFactory.build(
            kind="briefing", dated=None, archive_after=datetime.date(2030, 1, 1)
        )
        refused(briefing, "archive_after")
        violates_constraint(briefing.save)

    def test_yearly_reports_and_reviews_need_their_publication_date(self):
        for kind in ("yearly_report", REVIEW):
            assert "publication date" in refused(
                DocumentFactory.build(kind=kind, dated=None), "dated"
            )
        DocumentFactory.build(kind="newsletter", dated=None).full_clean()

    def test_a_publication_needs_a_web_version_a_file_or_a_link(self):
        empty = DocumentFactory.build(external_url="", body="")
        refused(empty, "body")
        violates_constraint(empty.save)
        DocumentFactory.build(external_url="", body="<p>The report.</p>").full_clean()

    def test_a_reporting_period_must_end_after_it_starts(self):
        backwards = DocumentFactory.build(
            period_start=datetime.date(2024, 3, 31), period_end=datetime.date(2023, 4, 1)
        )
        refused(backwards, "period_end")
        violates_constraint(backwards.save)
        refused(DocumentFactory.build(period_start=datetime.date(2024, 4, 1)), "period_end")


class TestYearlyReportFlag:
    def test_flagged_when_the_latest_is_more_than_12_months_old(self, today, editor_client):
        DocumentFactory(title="Report 2022 to 2023", dated=datetime.date(2024, 5, 31))
        response = editor_client.get(reverse("admin:partnership_document_changelist"))
        assertContains(response, "The latest yearly report, “Report 2022 to 2023”")
        assertContains(editor_client.get(reverse("admin:index")), "more than 12 months ago")

    def test_not_flagged_within_12_months(self, today, editor_client):
        DocumentFactory(dated=datetime.date(2024, 6, 1))
        assert Document.objects.yearly_report_overdue() is None
        response = editor_client.get(reverse("admin:index"))
        assertNotContains(response, "yearly report")

    def test_flagged_when_there_has_never_been_one(self, editor_client):
        DocumentFactory(kind="arrangements")
        assertContains(
            editor_client.get(reverse("admin:index")), "No yearly report has been published"
        )


class TestArchiving:
    def test_an_archived_review_leaves_lists_and_search_at_midnight_but_still_answers(
        self, client, site, time_machine
    ):
        time_machine.move_to(datetime.datetime(2025, 3, 1, 23, 30, tzinfo=datetime.UTC))
        briefing = DocumentFactory(
            kind="briefing", title="Child T: seven-minute briefing", dated=datetime.date(2024, 3, 1)
        )
        review = DocumentFactory(
            kind=REVIEW,
            title="Child T practice review",
            slug="child-t",
            child_name="Child T",
            dated=datetime.date(2024, 3, 1),
            archive_after=datetime.date(2025, 3, 1),
            archive_location="https://library.example.org/child-t",
            learning_summary=briefing,
        )
        assertContains(client.get("/publications/"), "Child T practice review")
        assert client.get("/publications/")["X-Page-Cache"] == "hit"
        assertContains(client.get("/search/?q=practice"), 'href="/publications/child-t/"')

        # Midnight in London (GMT in March) ends 1 March: the review is archived.
        time_machine.move_to(datetime.datetime(2025, 3, 2, 0, 0, 1, tzinfo=datetime.UTC))
        assertNotContains(client.get("/publications/"), "Child T practice review")
        assertNotContains(client.get("/search/?q=practice"), 'href="/publications/child-t/"')
        page = client.get(review.get_absolute_url())
        assert page.status_code == 200
        assertContains(page, "has been archived")
        assertContains(page, '<a href="https://library.example.org/child-t">', html=False)
        assertContains(page, f'<a href="{briefing.get_absolute_url()}">')


class TestList:
    @pytest.fixture
    def publications(self, site):
        DocumentFactory(
            title="Yearly report 2023 to 2024",
            dated=datetime.date(2024, 9, 1),
            for_public=True,
            for_professionals=True,
        )
        DocumentFactory(
            title="Threshold document",
            kind="threshold",
            dated=datetime.date(2023, 4, 1),
            for_professionals=True,
        )
        DocumentFactory(
            title="Staying safe newsletter", kind="newsletter", dated=None, for_children=True
        )

    @pytest.mark.parametrize(
        ("query", "shown"),
        [
            ("", {"Yearly report 2023 to 2024", "Threshold document", "Staying safe newsletter"}),
            ("?type=threshold", {"Threshold document"}),
            ("?year=2024", {"Yearly report 2023 to 2024"}),
            ("?audience=professionals", {"Yearly report 2023 to 2024", "Threshold document"}),
            ("?audience=children", {"Staying safe newsletter"}),
            ("?type=yearly-report&audience=children", set()),
        ],
    )
    def test_filters_by_type_year_and_readers(self, client, publications, query, shown):
        titles = {p.title for p in client.get(f"/publications/{query}").context["publications"]}
        assert titles == shown

    @pytest.mark.parametrize(
        "query",
        [
            "?type=nonsense",
            "?year=abc",
            "?year=99999999999999999999",
            "?audience=%00",
            "?type[]=x&year=-1",
            "?page=-5&type=",
        ],
    )
    def test_nonsense_in_the_address_gives_the_unfiltered_list(self, client, publications, query):
        response = client.get(f"/publications/{query}")
        assert response.status_code == 200
        assert len(response.context["publications"]) == 3

    def test_the_filters_are_a_form_that_works_without_javascript(self, client, publications):
        response = client.get("/publications/?type=threshold")
        assertContains(response, '<form class="filters" method="get" action="/publications/">')
        assertContains(
            response, '<option value="threshold" selected>Threshold document</option>', html=True
        )
        assertContains(response, '<option value="2024">2024</option>', html=True)

    def test_pages_of_a_filtered_list_keep_the_filters(self, client, site):
        for n in range(30):
            DocumentFactory(kind="newsletter", dated=None, title=f"Newsletter {n}")
        response = client.get("/publications/?type=newsletter")
        assertContains(response, 'href="?type=newsletter&amp;page=2"')

    def test_the_old_documents_list_redirects_permanently(self, client):
        response = client.get("/documents/?page=2")
        assert response.status_code == 301
        assert response["Location"] == "/publications/?page=2"


class TestLatest:
    def test_each_type_has_an_address_for_its_newest(self, client, site):
        DocumentFactory(slug="report-2023", dated=datetime.date(2023, 9, 1))
        DocumentFactory(slug="report-2024", dated=datetime.date(2024, 9, 1))
        DocumentFactory(slug="draft-2025", dated=datetime.date(2025, 1, 1), status=Status.DRAFT)
        response = client.get("/publications/yearly-report/latest/")
        assert response.status_code == 302
        assert response["Location"] == "/publications/report-2024/"

    @pytest.mark.parametrize("kind", ["threshold", "no-such-type", "yearly_report", "x" * 300])
    def test_a_type_with_none_or_no_such_type_is_a_404(self, client, site, kind):
        assert client.get(f"/publications/{kind}/latest/").status_code == 404


LONG_BODY = (
    "<h2>Foreword</h2><p>From the chair.</p><h2>What we did</h2><p>Training.</p>"
    "<h2>What we did</h2><p>Audits.</p>"
)


class TestAccessibleFormats:
    def test_a_web_version_has_a_contents_list_and_says_so(self, client, site):
        publication = DocumentFactory(body=LONG_BODY, external_url="")
        response = client.get(publication.get_absolute_url())
        assertContains(response, "This publication is on this page as a web page")
        assertContains(response, '<h2 id="part-foreword">Foreword</h2>', html=True)
        assertContains(response, '<a href="#part-what-we-did">What we did</a>', html=True)
        assertContains(response, '<a href="#part-what-we-did-2">What we did</a>', html=True)
        assertContains(response, 'id="part-what-we-did-2"')

    def test_a_file_only_publication_offers_an_accessible_format(self, client, site):
        publication = DocumentFactory(title="Threshold document")
        response = client.get(publication.get_absolute_url())
        assertContains(response, "There is no web page version of this publication yet.")
        assertContains(
            response,
            'href="mailto:lscp@example.org?subject=Accessible%20format%20request%3A%20Threshold'
            '%20document"',
        )

    def test_an_uploaded_pdf_shows_type_size_and_pages(
        self, editor_client, client, site, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        response = editor_client.post(
            reverse("admin:partnership_document_add"),
            {
                "title": "Yearly report 2024",
                "slug": "yearly-report-2024",
                "kind": "yearly_report",
                "summary": "",
                "dated": "01/09/2024",
                "body": "",
                "file": SimpleUploadedFile("report.pdf", three_page_pdf()),
                "external_url": "",
                "status": "published",
                "publish_at_0": "01/09/2024",
                "publish_at_1": "09:00:00",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        page = client.get("/publications/yearly-report-2024/")
        assertContains(page, "(PDF, 4 KB, 3 pages)")
        assertContains(page, 'href="/documents/yearly-report-2024/"')

    def test_the_web_version_is_valid_html(self, client, site, tmp_path):
        publication = DocumentFactory(body=LONG_BODY)
        page = tmp_path / "publication.html"
        page.write_bytes(client.get(publication.get_absolute_url()).content)
        assert nu_errors([page]) == {}


def three_page_pdf():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    pages = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:])
    return buffer.getvalue()


class TestPageCount:
    def test_counts_the_pages_of_a_pdf(self):
        import io

        assert pdf_page_count(io.BytesIO(three_page_pdf())) == 3

    def test_reads_a_page_tree_packed_in_a_compressed_object_stream(self):
        import io
        import zlib

        objects = b"<< /Type /Catalog /Pages 2 0 R >> << /Type /Pages /Kids [] /Count 12 >>"
        header = b"1 0 2 34 "
        stream = zlib.compress(header + objects)
        pdf = (
            b"%PDF-1.5\n3 0 obj\n<< /Type /ObjStm /N 2 /First "
            + str(len(header)).encode()
            + b" /Filter /FlateDecode /Length "
            + str(len(stream)).encode()
            + b" >>\nstream\n"
            + stream
            + b"\nendstream\nendobj\n%%EOF\n"
        )
        assert pdf_page_count(io.BytesIO(pdf)) == 12

    def test_an_unreadable_pdf_has_no_page_count(self):
        import io

        assert pdf_page_count(io.BytesIO(b"%PDF-1.7\nnothing here\n%%EOF")) is None
