"""The admin, rich-text editor included, works under the production Content-Security-Policy."""

from django.urls import reverse
from playwright.sync_api import expect

from partnership.models import PressStatement

PASSWORD = "a-long-admin-password"


def test_editor_signs_in_edits_and_saves_a_statement_with_no_csp_violations(
    page, django_user_model
):
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    statement = PressStatement.objects.first()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error"
            else None
        ),
    )

    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**" + reverse("admin:index"))

    response = page.goto(reverse("admin:partnership_pressstatement_change", args=[statement.pk]))
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    editor = page.locator(".ProseMirror:visible")
    editor.wait_for()
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Checked under the CSP.")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url("**" + reverse("admin:partnership_pressstatement_changelist"))
    expect(page.locator(".messagelist .success")).to_have_count(1)
    statement.refresh_from_db()
    assert "Checked under the CSP." in statement.body
    assert violations == []
