"""Page furniture for visitors at risk: the quick exit and the concern banner, on every page;
the accessibility statement; and no inline script or style anywhere (strict CSP is coming)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from partnership.models import (
    CONTACT_PAGE_NEEDED,
    NO_CONTACT_MESSAGE,
    BannerTranslation,
    ConcernContact,
    Page,
    SiteSettings,
)

from .factories import BannerTranslationFactory, ContactTranslationFactory
from .helpers import page_form
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.parametrize("path", PUBLIC_PAGES.values())
def test_every_page_has_both_exits_to_the_configured_site(client, seeded, path):
    response = client.get(path)
    url = SiteSettings.objects.current().quick_exit_url
    exits = re.findall(rf'<a [^>]*href="{re.escape(url)}"[^>]*>', response.content.decode())
    assert len(exits) == 2  # the button in the header and the link after the skip link
    assert all('rel="nofollow noreferrer"' in link for link in exits)
    assertContains(
        response, "does not clear your browsing history", status_code=response.status_code
    )


def test_exit_follows_the_editors_choice(client, seeded):
    SiteSettings.objects.update(quick_exit_url="https://www.example.org/")
    assertContains(client.get("/"), 'href="https://www.example.org/"', count=2)


@pytest.mark.parametrize("path", PUBLIC_PAGES.values())
def test_every_page_has_the_concern_banner_with_999(client, seeded, path):
    response = client.get(path)
    status = response.status_code
    assertContains(response, "Worried about a child?", status_code=status)
    number = (
        '<a class="concern-banner__number" href="tel:999">999'
        '<span class="visually-hidden"> (9 9 9)</span></a>'
    )
    assertContains(response, number, html=True, status_code=status)


def test_banner_shows_the_publics_numbers_as_tel_links_with_their_hours(client, seeded):
    response = client.get("/")
    for contact in ConcernContact.objects.filter(active=True, for_public=True):
        assertContains(response, f'href="{contact.href}"')
        if contact.hours:
            assertContains(response, escape(contact.hours))
    assertContains(response, "Monday to Thursday 8:45am to 5:20pm, Friday 8:45am to 4:30pm")
    # Childline is for children and young people: on the Report a concern page, not the banner.
    assertNotContains(response, 'href="tel:08001111"')
    assertContains(client.get("/report-a-concern/"), 'href="tel:08001111"')


def test_banner_hides_a_number_editors_switch_off(client, seeded):
    ConcernContact.objects.filter(phone_number="101").update(active=False)
    assert 'href="tel:101"' not in client.get("/").content.decode()


def test_accessibility_statement_is_seeded_and_linked_from_every_page(client, seeded):
    response = client.get("/accessibility/")
    assertContains(response, "<h1>Accessibility statement</h1>", html=True)
    for heading in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Preparation of this accessibility statement",
    ]:
        assertContains(response, f"<h2>{heading}</h2>", html=True)
    assertContains(client.get("/partners/"), 'href="/accessibility/"')


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_templates_have_no_inline_script_style_or_handlers(template):
    source = template.read_text()
    # JSON-LD (an event's schema.org metadata) is data the browser never runs: CSP allows it.
    inline = r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>"
    assert not re.search(inline, source), "inline <script>"
    assert "<style" not in source
    assert not re.search(r"\sstyle=", source)
    assert not re.search(r"\son[a-z]+=", source)


def test_phones_get_the_most_urgent_number_first_and_a_way_to_all_of_them(client, seeded):
    response = client.get("/vision/")
    assertContains(
        response,
        '<p class="concern-banner__urgent"><span class="visually-hidden">A child in immediate '
        "danger: Police, ambulance or fire service:</span> "
        '<a class="concern-banner__number" href="tel:999">999'
        '<span class="visually-hidden"> (9 9 9)</span></a></p>',
        html=True,
    )
    assertContains(response, '<summary class="concern-banner__toggle">All numbers</summary>')
    assertContains(response, 'href="/report-a-concern/"')


def test_report_a_concern_lists_every_active_number_and_the_home_page_the_publics(client, seeded):
    ConcernContact.objects.filter(phone_number="101").update(active=False)
    active = ConcernContact.objects.active()
    for path, contacts in (("/report-a-concern/", active), ("/", active.filter(for_public=True))):
        response = client.get(path)
        content = response.content.decode()
        main = content[content.index("<main") : content.index("</main>")]
        for contact in contacts:
            assert f'<a class="contact-list__link" href="{contact.href}">{contact.address}' in main
            assert f'<h3 class="contact-list__label">{escape(contact.label)}' in main
        assert "tel:101" not in main
    assertContains(client.get("/report-a-concern/"), "<h1>Report a concern about a child</h1>")


def test_the_banner_in_the_visitors_language_keeps_the_numbers(client, seeded):
    emergency = ConcernContact.objects.get(phone_number="999")
    translation = BannerTranslationFactory(language="ur", language_name="اردو")
    ContactTranslationFactory(translation=translation, contact=emergency, label="پولیس")
    english = client.get("/vision/")
    assertContains(
        english, '<a href="/vision/?lang=ur" hreflang="ur" lang="ur">اردو</a>', html=True
    )
    assertContains(english, '<span aria-current="true">English</span>', html=True)

    urdu = client.get("/vision/?lang=ur")
    assertContains(
        urdu, 'class="concern-banner" aria-labelledby="concern-banner-heading" lang="ur" dir="rtl"'
    )
    assertContains(urdu, translation.heading)
    assertContains(urdu, "پولیس")
    # Its hours were not translated: the English stands in, marked as English.
    assertContains(
        urdu, '<span class="concern-banner__hours" lang="en-GB" dir="ltr">Any time</span>'
    )
    assertContains(urdu, translation.staying_safe)
    # An untranslated number keeps its English words, marked as English; every number stays.
    assertContains(
        urdu,
        '<span class="concern-banner__label" lang="en-GB" dir="ltr">'
        "Solihull Multi-Agency Safeguarding Hub (MASH)</span>",
    )
    for contact in ConcernContact.objects.active().filter(for_public=True):
        assertContains(urdu, f'href="{contact.href}"')
    assertContains(urdu, '<a href="/vision/" hreflang="en-GB" lang="en-GB">English</a>', html=True)
    # Each language is its own cached page; a language nobody added is English.
    assert client.get("/vision/?lang=ur")["X-Page-Cache"] == "hit"
    assert client.get("/vision/")["X-Page-Cache"] == "hit"
    assertContains(client.get("/vision/?lang=xx"), "Worried about a child?")


def test_a_translation_needs_its_language(editor_client, seeded):
    response = editor_client.post(
        reverse("admin:partnership_bannertranslation_add"),
        {
            "language": "",
            "language_name": "polski",
            "heading": "Martwisz się o dziecko?",
            "all_numbers": "Wszystkie numery",
            "staying_safe": "Tekst.",
            "active": "on",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        },
    )
    assertContains(response, "This field is required.")
    assert not BannerTranslation.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        BannerTranslation.objects.create(language="", language_name="x", heading="x")


def test_the_footer_names_the_owner_contact_and_when_the_statement_was_reviewed(client, seeded):
    SiteSettings.objects.update(owner="Anytown Council", contact_email="lscp@example.org")
    footer = client.get("/partners/").content.decode().split("<footer", 1)[1]
    assert "This website is run by Anytown Council." in footer
    assert '<a href="mailto:lscp@example.org">lscp@example.org</a>' in footer
    assert '<a href="/contact/">Contact us</a>' in footer
    assert (
        'Accessibility statement last reviewed <time datetime="2026-11-22">22 November 2026</time>'
        in footer
    )


def test_the_accessibility_statement_cannot_be_published_without_a_way_to_contact_us(
    editor_client, seeded
):
    site = SiteSettings.objects.current()
    statement = site.accessibility_statement
    Page.objects.filter(slug="contact").update(status="draft")
    SiteSettings.objects.update(contact_email="")
    Page.objects.filter(pk=statement.pk).update(status="draft")

    change = reverse("admin:partnership_page_change", args=[statement.pk])
    data = page_form(statement, body=statement.body)
    response = editor_client.post(change, data)
    assertContains(response, NO_CONTACT_MESSAGE)
    assert Page.objects.get(pk=statement.pk).status == "draft"

    data["status"] = "published"
    SiteSettings.objects.update(contact_email="lscp@example.org")
    assert editor_client.post(change, data).status_code == 302
    assert Page.objects.get(pk=statement.pk).status == "published"

    # Taking the address away again is refused beside the field.
    site.refresh_from_db()
    site.contact_email = ""
    with pytest.raises(ValidationError) as refused:
        site.full_clean()
    assert refused.value.message_dict == {"contact_email": [NO_CONTACT_MESSAGE]}


def test_the_statement_s_only_contact_page_stays_until_another_contact_is_given(
    editor_client, seeded
):
    site = SiteSettings.objects.current()
    SiteSettings.objects.update(contact_email="")
    contact = site.contact_page
    assert contact.is_live and site.accessibility_statement.is_live
    change = reverse("admin:partnership_page_change", args=[contact.pk])
    changelist = reverse("admin:partnership_page_changelist")

    as_draft = editor_client.post(change, page_form(contact, body=contact.body, status="draft"))
    assertContains(as_draft, CONTACT_PAGE_NEEDED)
    listed = editor_client.post(
        changelist,
        {"action": "unpublish_selected", "_selected_action": [contact.pk]},
        follow=True,
    )
    assertContains(listed, CONTACT_PAGE_NEEDED)
    deleting = editor_client.get(reverse("admin:partnership_page_delete", args=[contact.pk]))
    assertContains(deleting, CONTACT_PAGE_NEEDED)
    assert Page.objects.get(pk=contact.pk).is_live

    # With an e-mail to give instead, the page may go.
    SiteSettings.objects.update(contact_email="lscp@example.org")
    form = page_form(contact, body=contact.body, status="draft")
    assert editor_client.post(change, form).status_code == 302
    assert not Page.objects.get(pk=contact.pk).is_live


def test_the_search_page_names_its_two_search_landmarks_apart(client, seeded):
    response = client.get("/search/?q=vision")
    assertContains(response, 'role="search" aria-label="Site search"')
    assertContains(response, 'role="search" aria-label="New search"')


def test_the_admin_sign_in_page_has_a_heading(client):
    assertContains(client.get("/admin/login/"), "<h1>Sign in to edit the website</h1>", html=True)
