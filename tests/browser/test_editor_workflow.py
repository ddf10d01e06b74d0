"""An editor's whole journey in real Chromium: draft, preview, schedule, publish, find it."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from partnership.roles import APPROVERS

from .helpers import axe_violations

TITLE = "Improvement Board appointed"


def admin_date(moment):
    local = timezone.localtime(moment)
    return local.strftime("%d/%m/%Y"), local.strftime("%H:%M:%S")


def set_publication(page, status, moment):
    day, time = admin_date(moment)
    page.get_by_label("Status").select_option(status)
    page.locator("#id_publish_at_0").fill(day)
    page.locator("#id_publish_at_1").fill(time)


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()


def test_editor_drafts_previews_schedules_and_publishes_a_statement(page, django_user_model, axe):
    editor = django_user_model.objects.create_user(
        "carol", "carol@example.org", "a-long-editor-password", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=APPROVERS))

    page.goto("/admin/")
    page.get_by_label("Username").fill("carol")
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Recent changes across the site")).to_be_visible()

    # A draft: the slug fills itself in from the title.
    page.goto("/admin/partnership/pressstatement/add/")
    page.get_by_label("Title").press_sequentially(TITLE)
    expect(page.get_by_label("Web address")).to_have_value("improvement-board-appointed")
    page.get_by_label("Summary").fill("An independent chair will lead the Improvement Board.")
    page.locator("[contenteditable=true].ProseMirror").click()
    page.keyboard.type("The Board meets for the first time next month.")
    set_publication(page, "draft", timezone.now())
    save_and_continue(page)
    expect(page.locator(".messagelist")).to_contain_text("is a draft: the public cannot see it")
    expect(page.get_by_role("link", name="View on site")).to_have_count(0)

    # The preview is the public page, draft and all; the public still gets a 404.
    page.get_by_role("link", name="Preview").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.get_by_text("The Board meets for the first time next month.")).to_be_visible()
    assert axe_violations(axe, page) == []
    public_url = f"/statements/{timezone.localdate().year}/improvement-board-appointed/"
    assert page.request.get(public_url).status == 404
    page.go_back()

    # Scheduled for tomorrow: the admin says when, and it is not on the public list yet.
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    set_publication(page, "published", tomorrow)
    save_and_continue(page)
    expect(page.locator(".messagelist")).to_contain_text(
        f"is scheduled for {tomorrow.day} {tomorrow:%B %Y}, 9am"
    )
    page.goto("/statements/")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)

    # Published now: the public list shows it and the link opens it.
    page.go_back()
    set_publication(page, "published", timezone.now() - datetime.timedelta(minutes=1))
    save_and_continue(page)
    expect(page.locator(".messagelist")).to_contain_text("is published: it is on the public site")
    expect(page.get_by_role("link", name="View on site")).to_be_visible()

    page.goto("/statements/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
