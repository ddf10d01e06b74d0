"""The admin in editors' words: history, restore, deleted items, web addresses, spell-check, one
way of writing dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from reversion.models import Version

from partnership.dates import moment

from .factories import PressStatementFactory
from .helpers import statement_form

pytestmark = pytest.mark.django_db


def words(response):
    return " ".join(strip_tags(response.text).split())


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (datetime.datetime(2022, 7, 12, 9, 0, tzinfo=datetime.UTC), "12 July 2022, 10am"),
        (datetime.datetime(2022, 7, 12, 13, 30, tzinfo=datetime.UTC), "12 July 2022, 2:30pm"),
        (datetime.datetime(2022, 12, 1, 0, 5, tzinfo=datetime.UTC), "1 December 2022, 12:05am"),
        (datetime.datetime(2022, 12, 1, 12, 0, tzinfo=datetime.UTC), "1 December 2022, 12pm"),
    ],
)
def test_one_way_of_writing_a_moment_in_the_sites_time_zone(value, written):
    assert moment(value) == written


def test_history_restore_and_deleted_items_in_editors_words(editor_client):
    add = reverse("admin:partnership_pressstatement_add")
    editor_client.post(add, statement_form(title="First title"))
    statement = PressStatementFactory._meta.model.objects.get()
    change = reverse("admin:partnership_pressstatement_change", args=[statement.pk])
    editor_client.post(change, statement_form(title="Second title"))
    history = words(
        editor_client.get(reverse("admin:partnership_pressstatement_history", args=[statement.pk]))
    )
    assert "History of “Second title”" in history
    first = Version.objects.get_for_object(statement).order_by("pk").first()
    url = reverse("admin:partnership_pressstatement_revision", args=[statement.pk, first.pk])
    response = editor_client.get(url)
    text = words(response)
    assert "Restore this version" in text and 'value="Restore this version"' in response.text
    assert "revert" not in text.lower() and "object" not in text.lower()
    response = editor_client.post(url, statement_form(title="First title"), follow=True)
    statement.refresh_from_db()
    assert statement.title == "First title"
    assert "revert" not in words(response).lower()

    listing = words(editor_client.get(reverse("admin:partnership_pressstatement_changelist")))
    assert "Deleted items you can bring back" in listing
    assert "Select press statement to change" not in listing
    deleted = words(editor_client.get(reverse("admin:partnership_pressstatement_recoverlist")))
    assert "Nothing has been deleted, so there is nothing to bring back." in deleted


def test_web_address_not_slug_and_spell_check_in_british_english(editor_client):
    response = editor_client.get(reverse("admin:partnership_pressstatement_add"))
    assert '<label class="required" for="id_slug">Web address:</label>' in response.text
    assert "Slug" not in words(response)
    form = response.context["adminform"].form
    for name in ("title", "summary", "spokesperson_name"):
        attrs = form.fields[name].widget.attrs
        assert (attrs.get("spellcheck"), attrs.get("lang")) == ("true", "en-GB"), name
    assert "spellcheck" not in form.fields["slug"].widget.attrs


def test_the_rich_text_editor_leaves_spell_check_on(editor_client):
    # django-prose-editor's NoSpellCheck extension would set spellcheck="false" on the editor.
    response = editor_client.get(reverse("admin:partnership_pressstatement_add"))
    assert "data-django-prose-editor" in response.text
    assert "NoSpellCheck" not in response.text


def test_the_role_holders_word_before_the_organisation(editor_client):
    response = editor_client.get(reverse("admin:partnership_roleholder_add"))
    assert "Word before the organisation" in response.text
    assert "preposition" not in words(response).lower()


def test_a_new_editor_is_told_where_to_start_until_they_have_saved_something(editor_client):
    home = reverse("admin:index")
    assert "New here? Start with these" in words(editor_client.get(home))
    editor_client.post(reverse("admin:partnership_pressstatement_add"), statement_form())
    assert "New here?" not in words(editor_client.get(home))


def test_the_date_box_and_the_time_box_each_have_a_label(editor_client):
    response = editor_client.get(reverse("admin:partnership_pressstatement_add"))
    for box, name in (("id_publish_at_0", "Date"), ("id_publish_at_1", "Time")):
        assert f'<label for="{box}">{name} <span class="quiet">' in response.text
    assert "Date:" not in words(response) and "Time:" not in words(response)


def test_the_admins_own_messages_keep_their_link_to_the_item(editor_client):
    response = editor_client.post(
        reverse("admin:partnership_pressstatement_add"), statement_form(), follow=True
    )
    statement = PressStatementFactory._meta.model.objects.get()
    url = reverse("admin:partnership_pressstatement_change", args=[statement.pk])
    assert f'<a href="{url}">Inspection published</a>' in response.text
    assert "&lt;a href" not in response.text
