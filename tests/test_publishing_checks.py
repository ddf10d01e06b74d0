"""Checks before publishing: each one on content that fails it and content that passes."""

import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from partnership.models import Page
from quality.checks import findings
from quality.models import RetiredName

from .factories import DocumentFactory, ImageFactory, PageFactory

pytestmark = pytest.mark.django_db

PLAIN = (
    "<h2>Who we are</h2><p>We keep children safe. We work with the police, the council and the "
    "NHS. You can call us at any time of day. We will listen to you and help you. Tell us if "
    "you are worried about a child.</p>"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def titles(item):
    return [finding.title for finding in findings(item)]


def page(body, **kwargs):
    return PageFactory.build(title="Help", slug="help", body=body, **kwargs)


def test_plain_well_made_content_passes_every_check():
    assert findings(page(PLAIN)) == []


@pytest.mark.parametrize(
    ("body", "example"),
    [
        ("<h3>Who we are</h3><p>Text.</p>", "the text starts at level 2"),
        ("<h2>Who</h2><h4>Where</h4>", "level 4 heading straight after a level 2"),
    ],
)
def test_headings_that_skip_a_level(body, example):
    (finding,) = findings(page(body))
    assert finding.title == "Headings skip a level"
    assert example in " ".join(finding.examples)


def test_headings_one_level_at_a_time_pass():
    assert titles(page("<h2>A</h2><h3>B</h3><h4>C</h4><h2>D</h2>")) == []


@pytest.mark.parametrize(
    "text", ["click here", "Here", "https://www.example.org/report", "www.gov.uk"]
)
def test_links_that_do_not_say_where_they_go(text):
    body = f'<p>Our report: <a href="https://www.example.org/report">{text}</a>.</p>'
    (finding,) = findings(page(body))
    assert finding.title == "Links that do not say where they go"
    assert text in finding.examples[0]


def test_a_link_that_says_where_it_goes_passes():
    body = '<p>Read <a href="https://www.example.org/r">our yearly report 2024</a>.</p>'
    assert titles(page(body)) == []


def test_pictures_without_useful_alternative_text(media):
    # The library refuses a picture with no alternative text at all; these say nothing.
    file_name = ImageFactory(title="Team photo", alt_text="IMG_2034.JPG")
    word = ImageFactory(title="Logo", alt_text="Image")
    decorative = ImageFactory(title="Swirl", alt_text="", decorative=True)
    described = ImageFactory()
    body = "".join(
        f'<figure><img data-file="{image.pk}" src="/x"></figure>'
        for image in (file_name, word, decorative, described)
    )
    (finding,) = findings(page(body))
    assert finding.title == "Pictures without useful alternative text"
    assert sorted(finding.examples) == [
        "“Logo” has alternative text that says nothing: “Image”.",
        "“Team photo” has alternative text that says nothing: “IMG_2034.JPG”.",
    ]
    assert len(findings(page("<p>x</p>", lead_image=word))[0].examples) == 1
    assert titles(page("<p>x</p>", lead_image=described)) == []


def test_a_pdf_only_publication_and_one_with_a_web_version():
    pdf_only = DocumentFactory.build(external_url="https://example.org/report.pdf", body="")
    assert titles(pdf_only) == ["Only a PDF, with no web version"]
    with_web = DocumentFactory.build(external_url="https://example.org/report.pdf", body=PLAIN)
    assert titles(with_web) == []


def test_retired_names_are_found_as_words_in_any_case():
    item = page("<p>The clinical  commissioning group funds it.</p>")
    (finding,) = findings(item)
    assert finding.title == "Names no longer in use"
    assert "Integrated Care Board" in finding.examples[0]
    # Part of a longer word is not the name.
    assert titles(page("<p>The Working Together 20185 draft.</p>")) == []


def test_a_retired_name_in_the_title_is_found():
    item = page(PLAIN)
    item.title = "Local Safeguarding Children Board minutes"
    assert titles(item) == ["Names no longer in use"]


class TestRetiredNamesList:
    def test_an_empty_or_punctuation_only_entry_is_refused(self, editor_client):
        url = reverse("admin:quality_retiredname_add")
        for name in ("", "   ", "..."):
            response = editor_client.post(url, {"name": name, "use_instead": ""})
            assert response.status_code == 200
        assert RetiredName.objects.count() == 3

    def test_an_entry_that_looks_like_a_runaway_pattern_is_plain_text(self, editor_client):
        response = editor_client.post(
            reverse("admin:quality_retiredname_add"), {"name": "(a+)+$", "use_instead": ""}
        )
        assert response.status_code == 302
        started = time.monotonic()
        found = titles(page("<p>" + "a" * 5000 + "!</p>"))
        assert time.monotonic() - started < 1
        assert found == []
        assert titles(page("<p>It says (a+)+$ here.</p>")) == ["Names no longer in use"]


def test_hard_to_read_text_names_the_sentences_that_drag_it_down():
    hard = (
        "<p>Notwithstanding the aforementioned considerations, multi-agency safeguarding "
        "arrangements necessitate comprehensive interorganisational collaboration, "
        "accountability and proportionate information-sharing methodologies. "
        "Practitioners should familiarise themselves with the organisational responsibilities "
        "delineated within the statutory documentation. Consequently, organisational "
        "representatives are expected to demonstrate institutional accountability "
        "continuously. We keep children safe.</p>"
    )
    (finding,) = findings(page(hard))
    assert finding.title.startswith("Hard to read (reading ease")
    assert any("Notwithstanding" in example for example in finding.examples)
    assert not any("We keep children safe" in example for example in finding.examples)


class TestShownToEditors:
    def test_the_form_explains_what_the_checks_found(self, editor_client):
        item = PageFactory(body='<h3>Start</h3><p><a href="https://example.org">here</a></p>')
        response = editor_client.get(reverse("admin:partnership_page_change", args=[item.pk]))
        text = " ".join(strip_tags(response.text).split())
        assert "Before you publish: 2 things to look at" in text
        assert "These do not stop you saving or publishing" in text
        assert "Headings skip a level" in text and "Links that do not say where they go" in text

    def test_a_form_with_nothing_to_fix_says_nothing(self, editor_client):
        item = PageFactory(body=PLAIN)
        response = editor_client.get(reverse("admin:partnership_page_change", args=[item.pk]))
        assert "Before you publish" not in response.text

    def test_the_preview_shows_them(self, editor_client):
        item = PageFactory(body="<p>Call the Local Safeguarding Children Board.</p>")
        response = editor_client.get(reverse("admin:partnership_page_preview", args=[item.pk]))
        text = " ".join(strip_tags(response.text).split())
        assert "Before you publish: 1 thing to look at" in text
        assert "Names no longer in use" in text

    def test_the_admin_home_lists_what_was_published_with_problems(self, editor_client):
        PageFactory(title="Old names", body="<p>The Clinical Commissioning Group.</p>")
        PageFactory(title="Draft with old names", body="<p>The LSCB.</p>", status="draft")
        PageFactory(title="All fine", body=PLAIN)
        response = editor_client.get(reverse("admin:index"))
        text = " ".join(strip_tags(response.text).split())
        listed = text.split("Published with problems to fix")[1]
        assert "Old names" in listed and "Names no longer in use" in listed
        assert "All fine" not in listed
        assert Page.objects.count() == 3


def test_fixing_a_published_item_takes_it_off_the_home_page_list(editor_client):
    item = PageFactory(title="Old names", body="<p>The Clinical Commissioning Group.</p>")
    home = reverse("admin:index")
    assert "Old names" in editor_client.get(home).text
    item.body = "<p>The Integrated Care Board.</p>"
    item.save()
    assert "Old names" not in editor_client.get(home).text


def test_the_nightly_run_finds_a_name_retired_after_the_item_was_saved(editor_client):
    PageFactory(title="Our partners", body="<p>The Solihull Care Trust helps.</p>")
    RetiredName.objects.create(name="Solihull Care Trust")
    home = reverse("admin:index")
    assert "Our partners" not in editor_client.get(home).text
    call_command("check_links", stdout=open("/dev/null", "w"))
    assert "Our partners" in editor_client.get(home).text
