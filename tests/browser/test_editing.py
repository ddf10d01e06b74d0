"""The issue's scenarios in real Chromium: a session that ends mid-edit, two editors on one item,
and a working copy of a live page taken through sign-off while the public sees the old one."""

import re

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from editing.models import SignOffRule
from partnership.models import Page, PressStatement
from partnership.roles import APPROVERS, AUTHORS
from tests.factories import PressStatementFactory

from .helpers import new_page, sign_in

PASSWORD = "a-long-editor-password"


def type_in_body(page, text):
    page.locator("[contenteditable=true].ProseMirror").click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def test_typing_keeps_the_session_and_nothing_typed_is_lost_when_it_ends(
    page, django_user_model, settings
):
    # The reproduction: DJANGO_SESSION_IDLE_SECONDS=20.
    settings.SESSION_COOKIE_AGE = 20
    sign_in(page, django_user_model, "priya", APPROVERS, "Priya")
    page.goto("/admin/partnership/pressstatement/add/")
    page.get_by_label("Title").press_sequentially("Statement typed at length")
    page.get_by_label("Summary").fill("A summary.")
    # Typing for longer than the idle time: the heartbeat keeps the session alive.
    for word in range(5):
        type_in_body(page, f"Word{word} ")
        page.wait_for_timeout(4_500)
    expect(page.locator("#editing-status")).to_contain_text("Your changes were kept at")
    assert "/login/" not in page.url

    # Idle: a warning comes before the end, and continuing keeps the editor signed in.
    dialog = page.locator("#editing-warning")
    expect(dialog).to_contain_text("You will be signed out soon", timeout=25_000)
    dialog.get_by_role("button", name="Continue editing").click()
    expect(dialog).to_be_hidden()

    # Idle again until the session ends: the page says so, and nothing typed is lost.
    expect(dialog).to_contain_text("You have been signed out", timeout=45_000)
    dialog.get_by_role("button", name="Back to the form").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill("priya")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Back in the form, with everything typed, and it saves.
    expect(page.locator(".messagelist")).to_contain_text("You were signed out before this was")
    expect(page.get_by_label("Title")).to_have_value("Statement typed at length")
    expect(page.locator("[contenteditable=true].ProseMirror")).to_contain_text("Word4")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    saved = PressStatement.objects.get(title="Statement typed at length")
    assert all(f"Word{word}" in saved.body for word in range(5))


def test_two_editors_on_one_statement_neither_loses_the_other_s_change(
    browser, live_site, django_user_model, outbound
):
    statement = PressStatementFactory(title="Board appointed", summary="The first summary.")
    url = f"/admin/partnership/pressstatement/{statement.pk}/change/"
    first = new_page(browser, live_site, outbound, viewport={"width": 1280, "height": 900})
    second = new_page(browser, live_site, outbound, viewport={"width": 1280, "height": 900})
    try:
        sign_in(first, django_user_model, "priya", APPROVERS, "Priya")
        first.goto(url)
        sign_in(second, django_user_model, "sam", APPROVERS, "Sam")
        second.goto(url)
        # Opening a form someone else is editing says so.
        expect(second.locator("#editing-presence")).to_contain_text(
            re.compile(r"Priya has been editing this since \d\d:\d\d")
        )

        # Priya renames it and saves; Sam, who opened it earlier, changes the summary.
        first.get_by_label("Title").fill("Improvement Board appointed")
        first.get_by_role("button", name="Save", exact=True).click()
        expect(first.locator(".messagelist")).to_contain_text("was changed successfully")
        second.get_by_label("Summary").fill("An independent chair will lead it.")
        second.get_by_role("button", name="Save", exact=True).click()

        # Refused: who changed what, and nothing of Sam's is lost.
        conflict = second.locator(".editing-notice--conflict")
        expect(conflict).to_contain_text(re.compile(r"Priya at \d\d:\d\d saved this item"))
        expect(conflict.locator("ins")).to_contain_text("Improvement")
        expect(second.get_by_label("Summary")).to_have_value("An independent chair will lead it.")
        statement.refresh_from_db()
        assert statement.summary == "The first summary."

        # Merge: her title and his summary, shown before anything is saved; then saved.
        second.get_by_label(re.compile("^Merge")).check()
        second.get_by_role("button", name="Save", exact=True).click()
        expect(second.locator(".messagelist")).to_contain_text("Merged: their changes to Title")
        expect(second.get_by_label("Title")).to_have_value("Improvement Board appointed")
        expect(second.get_by_label("Summary")).to_have_value("An independent chair will lead it.")
        second.get_by_role("button", name="Save", exact=True).click()
        expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
        statement.refresh_from_db()
        assert statement.title == "Improvement Board appointed"
        assert statement.summary == "An independent chair will lead it."
    finally:
        first.context.close()
        second.context.close()


def test_a_working_copy_of_a_live_page_is_previewed_shared_approved_and_published(
    browser,
    live_site,
    django_user_model,
    outbound,
    smtp_server,
):
    SignOffRule.objects.filter(content_type=ContentType.objects.get_for_model(Page)).update(
        required=True
    )
    live = Page.objects.published().get(url_path="privacy-notice")
    public_url = live.get_absolute_url()
    author = new_page(browser, live_site, outbound, viewport={"width": 1280, "height": 900})
    approver = new_page(browser, live_site, outbound, viewport={"width": 390, "height": 844})
    visitor = new_page(browser, live_site, outbound, viewport={"width": 1280, "height": 900})
    try:
        django_user_model.objects.create_user(
            "priya", "priya@example.org", PASSWORD, is_staff=True, first_name="Priya"
        ).groups.add(Group.objects.get(name=APPROVERS))
        sign_in(author, django_user_model, "alex", AUTHORS, "Alex")
        author.goto(f"/admin/partnership/page/{live.pk}/change/")
        # An author cannot save a live page straight to the public site.
        expect(author.get_by_role("button", name="Save", exact=True)).to_have_count(0)
        type_in_body(author, " We now keep enquiries for two years.")
        author.get_by_role("button", name="Save working copy").click()
        expect(author.locator(".messagelist")).to_contain_text("The public sees the published")
        visitor.goto(public_url)
        expect(visitor.locator("main")).not_to_contain_text("two years")

        # Submitted: the approver is e-mailed a link to it.
        author.get_by_role("button", name="Submit for approval").click()
        expect(author.locator(".messagelist")).to_contain_text("is submitted for approval")
        author.goto("/admin/")
        expect(author.locator(".editing-home")).to_contain_text("Waiting for approval")
        mail = smtp_server.messages
        assert [m["To"] for m in mail] == ["priya@example.org"]
        assert mail[0]["Subject"] == f"Waiting for your approval: {live.title}"
        review = re.search(r"https?://\S+/working-copy/\d+/", mail[0].get_content()).group(0)

        sign_in(approver, django_user_model, "priya")
        expect(approver.locator(".editing-home")).to_contain_text(live.title)
        approver.goto(review)
        expect(approver.locator(".version-changes ins")).to_contain_text("two years")
        approver.get_by_role("link", name="Preview it as the public will see it").click()
        expect(approver.locator("main")).to_contain_text("two years")
        expect(approver.locator(".preview-banner")).to_contain_text("working copy")
        approver.go_back()

        # Shared with someone outside the admin: they see the preview, never cached or indexed.
        approver.get_by_label("Who it is for").fill("Police press office")
        approver.get_by_role("button", name="Make a link").click()
        link = approver.locator("#share-link").input_value()
        shared = visitor.goto(link)
        expect(visitor.locator("main")).to_contain_text("two years")
        assert "noindex" in shared.headers["x-robots-tag"]
        assert "no-store" in shared.headers["cache-control"]
        visitor.goto(public_url)
        expect(visitor.locator("main")).not_to_contain_text("two years")

        # Approved and published now: the public sees it; the share link shows nothing more.
        approver.get_by_role("button", name="Approve").click()
        expect(approver.locator(".messagelist")).to_contain_text("is published")
        visitor.goto(public_url)
        expect(visitor.locator("main")).to_contain_text("two years")
        assert visitor.goto(link).status == 404
        approver.goto(f"/admin/partnership/page/{live.pk}/history/")
        events = approver.locator(".sign-off-events")
        for action in ("Submitted for approval", "Approved", "Published"):
            expect(events).to_contain_text(action)
        expect(events).to_contain_text("Alex")
    finally:
        for page in (author, approver, visitor):
            page.context.close()
