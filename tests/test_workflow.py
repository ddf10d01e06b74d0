"""The editorial workflow: drafts, scheduling, preview, messages, history, restore and roles."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from partnership.models import Page, PressStatement, Priority

from .factories import (
    FACTORIES,
    DocumentFactory,
    PageFactory,
    PressStatementFactory,
    PriorityFactory,
    VisionStatementFactory,
)
from .helpers import CONTENT_MODELS, statement_form

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def add_statement(client, **overrides):
    return client.post(
        reverse("admin:partnership_pressstatement_add"), statement_form(**overrides), follow=True
    )


def change_statement(client, statement, **overrides):
    return client.post(
        reverse("admin:partnership_pressstatement_change", args=[statement.pk]),
        statement_form(**overrides),
        follow=True,
    )


def preview_url(obj):
    return reverse(f"admin:partnership_{obj._meta.model_name}_preview", args=[obj.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# When the public sees a draft or a scheduled item (never; on the minute): test_publication.py


# Messages


@time_machine.travel(datetime.datetime(2026, 11, 1, 12, 0, tzinfo=LONDON), tick=False)
@pytest.mark.parametrize(
    ("status", "date", "message"),
    [
        ("draft", "03/03/2027", "“Inspection published” is a draft: the public cannot see it."),
        ("published", "03/03/2027", "“Inspection published” is scheduled for 3 March 2027, 9am."),
        ("published", "01/10/2026", "“Inspection published” is published: it is on the public"),
    ],
)
def test_the_admin_says_when_the_public_will_see_it(editor_client, status, date, message):
    response = add_statement(
        editor_client, status=status, publish_at_0=date, publish_at_1="09:00:00"
    )
    assert any(m.startswith(message) for m in messages_of(response)), messages_of(response)


@time_machine.travel(datetime.datetime(2026, 11, 1, 12, 0, tzinfo=LONDON), tick=False)
def test_the_statement_list_says_which_are_live_scheduled_or_draft(editor_client):
    PressStatementFactory(title="Old news")
    PressStatementFactory(
        title="Coming soon", publish_at=datetime.datetime(2027, 3, 3, 9, 0, tzinfo=LONDON)
    )
    PressStatementFactory(title="Work in progress", status="draft")
    response = editor_client.get(reverse("admin:partnership_pressstatement_changelist"))
    assertContains(response, '<td class="field-live">Yes</td>', html=True)
    assertContains(
        response, '<td class="field-live">Scheduled for 3 March 2027, 9am</td>', html=True
    )
    assertContains(response, '<td class="field-live">No: draft</td>', html=True)


def test_a_slug_already_used_is_refused_beside_the_field(editor_client):
    PressStatementFactory(slug="inspection-published")
    response = add_statement(editor_client)
    errors = response.context["adminform"].form.errors["slug"]
    assert errors == [
        "Another press statement already uses this web address. "
        "Change the slug, for example by adding the month."
    ]
    assert PressStatement.objects.count() == 1


def test_an_impossible_date_is_refused_beside_the_field(editor_client):
    response = add_statement(editor_client, publish_at_0="30/02/2027", publish_at_1="25:61")
    assert response.context["adminform"].form.errors["publish_at"]
    assert not PressStatement.objects.exists()


# Preview


def test_editor_previews_a_draft_exactly_as_the_public_page(editor_client, client):
    statement = PressStatementFactory(title="Not yet public", status="draft")
    response = editor_client.get(preview_url(statement))
    assertContains(response, "<h1>Not yet public</h1>", html=True)
    assert [t.name for t in response.templates][0] == "partnership/statement_detail.html"
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert client.get(statement.get_absolute_url()).status_code == 404


def test_a_preview_says_it_is_one_and_leads_back_to_editing(editor_client, client):
    statement = PressStatementFactory(title="Not yet public", status="draft")
    change = reverse("admin:partnership_pressstatement_change", args=[statement.pk])
    preview = editor_client.get(preview_url(statement))
    assertContains(preview, "<title>Preview: Not yet public – ", count=1)
    assertContains(preview, "“Not yet public” is a draft: the public cannot see it.")
    assertContains(preview, f'<a href="{change}">Back to editing</a>', html=True)

    statement.status = "published"
    statement.save()
    public = client.get(statement.get_absolute_url())
    assertNotContains(public, "Back to editing")
    assertNotContains(public, "Preview")


def test_the_public_cannot_open_a_preview(client, django_user_model):
    statement = PressStatementFactory(status="draft")
    response = client.get(preview_url(statement))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    staff = django_user_model.objects.create_user("staff", password="x-long-pass", is_staff=True)
    client.force_login(staff)
    assert client.get(preview_url(statement)).status_code == 403


def test_a_missing_item_preview_is_a_404(editor_client):
    assert editor_client.get("/admin/partnership/pressstatement/999/preview/").status_code == 404


def test_preview_of_a_draft_page(editor_client):
    page = PageFactory(title="Cookie notice", status="draft")
    assertContains(editor_client.get(preview_url(page)), "<h1>Cookie notice</h1>", html=True)


def test_preview_of_a_draft_priority_shows_it_among_the_published_ones(editor_client, client):
    PriorityFactory(title="Published priority", year=2026)
    draft = PriorityFactory(title="Draft priority", year=2026, status="draft")
    preview = editor_client.get(preview_url(draft))
    assertContains(preview, "Published priority")
    assertContains(preview, "Draft priority")
    assertNotContains(client.get("/priorities/"), "Draft priority")
    assert Priority.objects.published().count() == 1


def test_preview_of_a_draft_vision(editor_client, client):
    vision = VisionStatementFactory(statement="A draft vision for every child.", status="draft")
    assertContains(editor_client.get(preview_url(vision)), "A draft vision for every child.")
    assertNotContains(client.get("/vision/"), "A draft vision for every child.")


def test_preview_of_a_draft_publication_shows_its_page_and_its_file_follows_its_link(
    editor_client,
):
    document = DocumentFactory(status="draft", external_url="https://example.org/draft.pdf")
    assertContains(editor_client.get(preview_url(document)), f"<h1>{document.title}</h1>")
    response = editor_client.get(reverse("admin:partnership_document_file", args=[document.pk]))
    assert response["Location"] == "https://example.org/draft.pdf"


def test_change_form_offers_preview_and_view_on_site_only_once_live(editor_client):
    statement = PressStatementFactory(status="draft")
    change = reverse("admin:partnership_pressstatement_change", args=[statement.pk])
    response = editor_client.get(change)
    assertContains(response, f'href="{preview_url(statement)}"')
    assertNotContains(response, "View on site")
    PressStatement.objects.filter(pk=statement.pk).update(status="published")
    assertContains(editor_client.get(change), "View on site")


# History, compare, restore, recover


def test_every_save_records_a_version_with_who_and_when(editor_client, editor):
    add_statement(editor_client, title="First title")
    statement = PressStatement.objects.get()
    change_statement(editor_client, statement, title="Second title")
    versions = Version.objects.get_for_object(statement)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {editor}
    history = editor_client.get(
        reverse("admin:partnership_pressstatement_history", args=[statement.pk])
    )
    assertContains(history, "Second title")
    assertContains(history, ">See changes</a>", count=2)


def test_compare_shows_the_words_changed(editor_client):
    add_statement(editor_client, title="Inspection published today")
    statement = PressStatement.objects.get()
    change_statement(editor_client, statement, title="Inspection report published today")
    latest = Version.objects.get_for_object(statement).first()
    response = editor_client.get(
        reverse("admin:partnership_pressstatement_compare", args=[statement.pk, latest.pk])
    )
    assertContains(response, "<td>Inspection<ins> report</ins> published today</td>", html=True)
    assertNotContains(response, "Summary")  # unchanged fields are not listed


def test_the_first_version_shows_what_it_held_as_readable_text(editor_client):
    add_statement(editor_client, body="<h2>Findings</h2><p>We accept them.</p>")
    statement = PressStatement.objects.get()
    first = Version.objects.get_for_object(statement).get()
    response = editor_client.get(
        reverse("admin:partnership_pressstatement_compare", args=[statement.pk, first.pk])
    )
    assertContains(response, "What this first version held")
    assertContains(response, "<td>Findings We accept them.</td>", html=True)
    assertNotContains(response, "<ins>")


def test_editor_restores_an_earlier_version(editor_client, client):
    add_statement(editor_client, title="Correct title")
    statement = PressStatement.objects.get()
    change_statement(editor_client, statement, title="Mistaken title")
    first = Version.objects.get_for_object(statement).last()
    revert = reverse("admin:partnership_pressstatement_revision", args=[statement.pk, first.pk])
    assertContains(editor_client.get(revert), 'value="Correct title"')
    editor_client.post(revert, statement_form(title="Correct title"))
    statement.refresh_from_db()
    assert statement.title == "Correct title"
    assertContains(client.get(statement.get_absolute_url()), "Correct title")


def test_editor_recovers_a_deleted_item_never_saved_in_the_admin(editor_client, client):
    page = PageFactory(title="Privacy notice", slug="privacy")  # like the initial content
    editor_client.post(reverse("admin:partnership_page_delete", args=[page.pk]), {"post": "yes"})
    assert not Page.objects.exists()
    recover_list = editor_client.get(reverse("admin:partnership_page_recoverlist"))
    assertContains(recover_list, "Privacy notice")
    deleted = Version.objects.get_deleted(Page).get()
    recover = reverse("admin:partnership_page_recover", args=[deleted.pk])
    editor_client.post(
        recover,
        {
            "title": "Privacy notice",
            "slug": "privacy",
            "summary": "",
            "body": "<p>How we use your data.</p>",
            "position": "keep",
            "status": "published",
            "publish_at_0": "01/01/2025",
            "publish_at_1": "09:00:00",
        },
    )
    assert Page.objects.get().pk == page.pk
    assert client.get("/privacy/").status_code == 200


@pytest.mark.parametrize("model_name", CONTENT_MODELS)
def test_every_content_model_has_history_and_a_recover_list(editor_client, model_name):
    obj = FACTORIES[model_name]()
    history = reverse(f"admin:partnership_{model_name}_history", args=[obj.pk])
    assert editor_client.get(history).status_code == 200
    recover = editor_client.get(reverse(f"admin:partnership_{model_name}_recoverlist"))
    # Site settings can never be deleted, so there is nothing to recover (and no adding).
    assert recover.status_code == (403 if model_name == "sitesettings" else 200)


def test_admin_index_shows_recent_changes_by_everyone(editor_client, admin_client):
    add_statement(admin_client, title="Written by the administrator")
    response = editor_client.get(reverse("admin:index"))
    assertContains(response, "Recent changes across the site")
    assertContains(response, "Written by the administrator")


# Roles


def test_content_editors_can_use_history_and_recovery_but_not_accounts(editor_client):
    statement = PressStatementFactory()
    for url in (
        reverse("admin:partnership_pressstatement_history", args=[statement.pk]),
        reverse("admin:partnership_pressstatement_recoverlist"),
        preview_url(statement),
    ):
        assert editor_client.get(url).status_code == 200, url
    for name in ("admin:auth_user_add", "admin:auth_group_add"):
        assert editor_client.get(reverse(name)).status_code == 403


def test_a_staff_member_without_content_permissions_cannot_recover(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="x-long-pass", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_pressstatement"))
    client.force_login(viewer)
    assert client.get(reverse("admin:partnership_pressstatement_recoverlist")).status_code == 403
    statement = PressStatementFactory(publish_at=timezone.now())
    assert client.get(preview_url(statement)).status_code == 200
