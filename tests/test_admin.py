import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from partnership.models import Page, PressStatement, VisionStatement

from .factories import (
    FACTORIES,
    PageFactory,
    PressStatementFactory,
    SiteSettingsFactory,
)
from .helpers import CONTENT_MODELS, statement_form

pytestmark = pytest.mark.django_db


def test_every_content_model_is_in_the_admin():
    assert CONTENT_MODELS == sorted(FACTORIES)


@pytest.mark.parametrize("model_name", CONTENT_MODELS)
def test_content_editor_can_open_changelist_and_change_page(editor_client, model_name):
    obj = FACTORIES[model_name]()
    changelist = reverse(f"admin:partnership_{model_name}_changelist")
    change = reverse(f"admin:partnership_{model_name}_change", args=[obj.pk])
    assert editor_client.get(changelist).status_code == 200
    assert editor_client.get(changelist, {"q": "anything"}).status_code == 200
    assert editor_client.get(change).status_code == 200


@pytest.mark.parametrize("model_name", [m for m in CONTENT_MODELS if m != "sitesettings"])
def test_content_editor_can_open_add_page(editor_client, model_name):
    assert editor_client.get(reverse(f"admin:partnership_{model_name}_add")).status_code == 200


def test_site_settings_can_be_added_once_and_never_deleted(editor_client):
    add = reverse("admin:partnership_sitesettings_add")
    assert editor_client.get(add).status_code == 200
    SiteSettingsFactory()
    assert editor_client.get(add).status_code == 403
    delete = reverse("admin:partnership_sitesettings_delete", args=[1])
    assert editor_client.get(delete).status_code == 403


def test_content_editors_cannot_manage_users_or_groups(editor_client):
    for name in ("admin:auth_user_changelist", "admin:auth_group_changelist"):
        assert editor_client.get(reverse(name)).status_code == 403
    index = editor_client.get(reverse("admin:index"))
    assertContains(index, "Press statements")
    assert "Users" not in index.content.decode()


def test_administrators_manage_users(admin_client):
    assert admin_client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_editor_publishes_a_statement(editor_client, client):
    response = editor_client.post(reverse("admin:partnership_pressstatement_add"), statement_form())
    assert response.status_code == 302
    statement = PressStatement.objects.get()
    assert client.get(statement.get_absolute_url()).status_code == 200


def test_invalid_save_shows_the_message_beside_the_field_and_saves_nothing(editor_client):
    PressStatementFactory(slug="inspection-published")
    response = editor_client.post(
        reverse("admin:partnership_pressstatement_add"),
        statement_form(publish_at_0="31/02/2022"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "slug" in errors
    assert "publish_at" in errors
    assert PressStatement.objects.count() == 1


def test_script_in_a_body_is_removed_on_save(editor_client):
    editor_client.post(
        reverse("admin:partnership_pressstatement_add"),
        statement_form(
            body='<p onclick="steal()">Hello <script>alert(1)</script>'
            '<a href="javascript:alert(2)">link</a><strong>bold</strong></p>'
        ),
    )
    body = PressStatement.objects.get().body
    assert body == "<p>Hello <a>link</a><strong>bold</strong></p>"


def test_stored_script_is_removed_on_render_too(client):
    # Markup that reached the database some other way (a fixture, a raw SQL fix) is still cleaned.
    page = PageFactory(slug="about")
    Page.objects.filter(pk=page.pk).update(body='<p>Safe</p><script>alert("x")</script>')
    response = client.get("/about/")
    assertContains(response, "<p>Safe</p>")
    assert 'alert("x")' not in response.content.decode()


def test_reserved_page_slug_is_refused_beside_the_field(editor_client):
    response = editor_client.post(
        reverse("admin:partnership_page_add"),
        {
            "title": "Statements",
            "slug": "statements",
            "summary": "",
            "body": "<p>x</p>",
            "order": 0,
            "status": "draft",
            "publish_at_0": "01/01/2025",
            "publish_at_1": "09:00:00",
        },
    )
    assertContains(response, "is already used by the site")
    assert not Page.objects.exists()


def test_vision_with_outcomes_and_principles_is_edited_on_one_page(editor_client):
    management = {
        f"{prefix}-{key}": value
        for prefix in ("outcomes", "principles")
        for key, value in (
            ("TOTAL_FORMS", "2"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }
    response = editor_client.post(
        reverse("admin:partnership_visionstatement_add"),
        {
            "statement": "Every child safe",
            "in_force_from": "01/04/2022",
            "outcomes_introduction": "",
            "principles_introduction": "",
            "status": "published",
            "publish_at_0": "01/04/2022",
            "publish_at_1": "09:00:00",
            **management,
            "outcomes-0-text": "are safe",
            "outcomes-0-order": "1",
            "outcomes-1-text": "are healthy",
            "outcomes-1-order": "2",
            "principles-0-text": "Honesty",
            "principles-0-order": "1",
            "principles-1-text": "",
            "principles-1-order": "0",
        },
    )
    assert response.status_code == 302, [
        f.formset.errors for f in response.context["inline_admin_formsets"]
    ]
    vision = VisionStatement.objects.get()
    assert [o.text for o in vision.outcomes.all()] == ["are safe", "are healthy"]
    assert [p.text for p in vision.principles.all()] == ["Honesty"]
