"""Editors never lose work and never publish by accident: the server's side, without a browser.

Sign-off holds whatever an author posts; stale forms, altered check codes, autosaves for items the
editor may not edit, share links expired, withdrawn or altered, and an unpublish date before the
publish date are refused with a message, nothing changed and nothing lost.
"""

import datetime
import importlib
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from editing.models import Autosave, ShareLink, SignOffEvent, SignOffRule, WorkingCopy
from partnership.models import Page, Priority, Status
from partnership.roles import ADMINISTRATORS, APPROVERS, AUTHORS

from .factories import PageFactory, PressStatementFactory, PriorityFactory, SiteSettingsFactory
from .helpers import statement_form

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="_editing" value="([^"]+)"')


@pytest.fixture(autouse=True)
def site(db):
    return SiteSettingsFactory()


def member(django_user_model, name, role):
    user = django_user_model.objects.create_user(
        name, f"{name}@example.org", "a-long-editor-password", is_staff=True, first_name=name
    )
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def author(django_user_model):
    return member(django_user_model, "Alex", AUTHORS)


@pytest.fixture
def approver(django_user_model):
    return member(django_user_model, "Priya", APPROVERS)


def change_url(obj):
    return reverse(f"admin:partnership_{obj._meta.model_name}_change", args=[obj.pk])


def opened(client, obj):
    """The change form's check code, as the browser would post it back."""
    return TOKEN.search(client.get(change_url(obj)).text).group(1)


def live_statement():
    """A published statement holding what statement_form() posts, so a post changes only what
    a test says."""
    return PressStatementFactory(
        title="Inspection published",
        slug="inspection-published",
        summary="Our response.",
        body="<p>We accept the findings.</p>",
        publish_at=datetime.datetime(2022, 7, 12, 9, 0, tzinfo=datetime.UTC),
    )


def errors(response):
    form = response.context["adminform"].form
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


# --- Sign-off: nothing an author posts publishes what needs approval ----------------------------


def test_a_forged_post_publishing_a_draft_is_refused_and_nothing_changes(author):
    draft = PressStatementFactory(status=Status.DRAFT, title="Not yet")
    response = author.post(change_url(draft), statement_form(title="Not yet", slug=draft.slug))
    assert response.status_code == 200
    assert "Only an approver can publish press statements" in errors(response) or (
        "not one of the available choices" in errors(response)
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_author_s_save_of_a_live_statement_is_refused_but_a_working_copy_is_kept(author):
    statement = live_statement()
    token = opened(author, statement)
    posted = statement_form(title="Inspection published: our response", _editing=token)
    refused = author.post(change_url(statement), posted)
    assert "Only an approver can publish press statements" in errors(refused)
    assertContains(refused, 'value="Inspection published: our response"')

    kept = author.post(change_url(statement), posted | {"_working_copy": "1"}, follow=True)
    assertContains(kept, "The public sees the published version until it is published.")
    statement.refresh_from_db()
    assert statement.title == "Inspection published"
    copy_ = WorkingCopy.objects.get()
    assert copy_.title == "Inspection published: our response"
    # The public page is the published one; the form opens on the working copy.
    assertContains(Client().get(statement.get_absolute_url()), "<h1>Inspection published</h1>")
    assertContains(author.get(change_url(statement)), "You are editing the working copy")


def test_authors_cannot_publish_by_list_delete_move_or_bulk_action(author, django_user_model):
    statement = live_statement()
    changelist = reverse("admin:partnership_pressstatement_changelist")
    actions = author.get(changelist).context["action_form"].fields["action"].choices
    assert "publish_selected" not in dict(actions)
    forged = author.post(
        changelist, {"action": "unpublish_selected", "_selected_action": [statement.pk]}
    )
    assert forged.status_code in (200, 302)
    deleted = author.post(
        reverse("admin:partnership_pressstatement_delete", args=[statement.pk]), {"post": "yes"}
    )
    assert deleted.status_code in (200, 403)
    statement.refresh_from_db()
    assert statement.status == Status.PUBLISHED

    # Priorities need no approval by default; when the partnership turns it on, the list's
    # order column no longer saves straight to the public site.
    SignOffRule.objects.filter(content_type=ContentType.objects.get_for_model(Priority)).update(
        required=True
    )
    priority = PriorityFactory(order=1)
    author.post(
        reverse("admin:partnership_priority_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": priority.pk,
            "form-0-order": "9",
            "_save": "Save",
        },
    )
    priority.refresh_from_db()
    assert priority.order == 1

    SignOffRule.objects.filter(content_type=ContentType.objects.get_for_model(Page)).update(
        required=True
    )
    section, page = PageFactory(title="Section"), PageFactory(title="Moved")
    moved = author.post(
        reverse("admin:partnership_page_changelist") + "move/",
        {"node": page.pk, "target": section.pk, "relation": "child"},
    )
    assert moved.status_code == 400
    page.refresh_from_db()
    assert page.depth == 1


def test_submission_approval_and_sending_back_are_recorded_and_e_mailed(
    author,
    approver,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    draft = PressStatementFactory(status=Status.DRAFT, title="Child death review")
    form = statement_form(title="Child death review", slug=draft.slug, status="draft")
    # E-mail goes once the submission is committed: run those callbacks as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        author.post(change_url(draft), form | {"_editing": opened(author, draft), "_submit": "1"})
    copy_ = WorkingCopy.objects.get()
    assert copy_.state == WorkingCopy.State.SUBMITTED
    assert smtp_server.messages[0]["To"] == "Priya@example.org"

    review = reverse("admin:partnership_pressstatement_working_copy", args=[copy_.pk])
    assertContains(approver.get("/admin/"), "Child death review")
    with django_capture_on_commit_callbacks(execute=True):
        approver.post(
            review,
            {
                "action": "send_back",
                "revision": copy_.revision,
                "send_back-comment": "Name the review panel.",
            },
        )
    assert "Name the review panel." in smtp_server.messages[1].get_content()
    assertContains(author.get("/admin/"), "Name the review panel.")
    author.post(review, {"action": "submit", "revision": copy_.revision})
    response = approver.post(
        review, {"action": "approve", "revision": copy_.revision, "approve-when": "now"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_live
    history = approver.get(reverse("admin:partnership_pressstatement_history", args=[draft.pk]))
    for action in ("Submitted for approval", "Sent back", "Approved", "Published"):
        assertContains(history, action)
    assert [e.user.username for e in SignOffEvent.objects.order_by("at", "id")] == [
        "Alex",
        "Priya",
        "Alex",
        "Priya",
        "Priya",
    ]


def test_the_author_of_a_submitted_statement_sees_what_it_holds_and_its_preview(author, approver):
    draft = PressStatementFactory(status=Status.DRAFT, title="Serious case review")
    form = statement_form(title="Serious case review", slug=draft.slug, status="draft")
    author.post(change_url(draft), form | {"_editing": opened(author, draft), "_submit": "1"})
    copy_ = WorkingCopy.objects.get()
    review = reverse("admin:partnership_pressstatement_working_copy", args=[copy_.pk])
    preview = reverse("admin:partnership_pressstatement_working_copy_preview", args=[copy_.pk])
    # The author may not publish, but the copy is shown as an approver would publish it.
    mine = author.get(review)
    assertNotContains(mine, "could not be published")
    assertContains(
        mine, "<td><del>Draft – not on the public site</del><ins>Published</ins></td>", html=True
    )
    assertContains(author.get(preview), "<h1>Serious case review</h1>", html=True)
    # A new item has no published version to overwrite: the approver is not asked about one.
    assertNotContains(approver.get(review), "Publish over the change")


def test_a_live_item_s_working_copy_approved_for_later_is_published_on_time(
    author, approver, time_machine
):
    statement = live_statement()
    form = statement_form(title="Inspection: our plan", slug=statement.slug)
    author.post(
        change_url(statement), form | {"_editing": opened(author, statement), "_submit": "1"}
    )
    copy_ = WorkingCopy.objects.get()
    review = reverse("admin:partnership_pressstatement_working_copy", args=[copy_.pk])
    when = timezone.localtime() + datetime.timedelta(hours=2)
    approver.post(
        review,
        {
            "action": "approve",
            "revision": copy_.revision,
            "approve-when": "later",
            "approve-publish_at_0": when.strftime("%d/%m/%Y"),
            "approve-publish_at_1": when.strftime("%H:%M:00"),
        },
    )
    assert WorkingCopy.objects.get().state == WorkingCopy.State.APPROVED
    visitor = Client()
    assertContains(visitor.get("/statements/"), "Inspection published")
    assert visitor.get("/statements/")["X-Page-Cache"] == "hit"
    time_machine.move_to(when.replace(second=0, microsecond=0), tick=False)
    assertContains(visitor.get("/statements/"), "Inspection: our plan")
    assert not WorkingCopy.objects.exists()


# --- Stale forms, altered check codes, autosaves ------------------------------------------------


def test_a_stale_form_is_refused_with_who_changed_what_and_can_overwrite_knowingly(
    approver, django_user_model
):
    statement = live_statement()
    token = opened(approver, statement)
    other = member(django_user_model, "Sam", APPROVERS)
    other.post(change_url(statement), statement_form(title="Renamed by Sam", slug=statement.slug))

    mine = statement_form(summary="My new summary.", _editing=token)
    refused = approver.post(change_url(statement), mine)
    conflict = refused.context["adminform"].form.editing_conflict
    assert conflict.who[0][0] == "Sam"
    assert [c.label for c in conflict.changes] == ["Title"]
    assertContains(refused, "<ins>by Sam</ins>", html=True)
    statement.refresh_from_db()
    assert statement.summary == "Our response."

    overwrite = mine | {"_editing_resolve": "overwrite", "_editing_seen": conflict.seen}
    assert approver.post(change_url(statement), overwrite).status_code == 302
    statement.refresh_from_db()
    assert (statement.title, statement.summary) == ("Inspection published", "My new summary.")


def test_an_altered_check_code_is_refused(approver):
    statement = live_statement()
    token = opened(approver, statement)
    response = approver.post(
        change_url(statement), statement_form(title="Changed", _editing=token[:-2] + "xx")
    )
    assert "check code is not one this site made for you" in errors(response)
    statement.refresh_from_db()
    assert statement.title == "Inspection published"


def test_autosaves_are_the_editor_s_own_never_history_never_public(author, django_user_model):
    statement = live_statement()
    versions = Version.objects.count()
    saved = author.post(
        change_url(statement), statement_form(title="Half typed", _autosave="1", _editing="x")
    )
    assert saved.status_code == 200 and "saved_at" in saved.json()
    assert Autosave.objects.get().data["title"] == ["Half typed"]
    assert Version.objects.count() == versions
    assertNotContains(Client().get("/statements/"), "Half typed")
    assertContains(author.get(change_url(statement)), "that were not saved")
    restored = author.get(change_url(statement) + "?restore=autosave")
    assertContains(restored, 'value="Half typed"')

    # Someone who may not edit statements gets a refusal, and nothing is kept.
    reader = django_user_model.objects.create_user("reader", is_staff=True)
    client = Client()
    client.force_login(reader)
    refused = client.post(change_url(statement), statement_form(_autosave="1"))
    assert refused.status_code == 403
    assert Autosave.objects.count() == 1


def test_a_form_posted_after_the_session_ended_comes_back_after_signing_in(
    approver, django_user_model
):
    statement = live_statement()
    token = opened(approver, statement)
    approver.logout()
    posted = approver.post(
        change_url(statement), statement_form(summary="Typed for ages.", _editing=token)
    )
    assert posted.status_code == 302 and "/login/" in posted["Location"]
    approver.post(posted["Location"], {"username": "Priya", "password": "a-long-editor-password"})
    back = approver.get(change_url(statement))
    assertContains(back, "You were signed out before this was saved")
    assertContains(back, 'value="Typed for ages."')
    # Given back once, and only to the editor who typed it.
    assertNotContains(approver.get(change_url(statement)), 'value="Typed for ages."')


def test_a_form_refused_for_its_csrf_token_is_kept(approver):
    statement = live_statement()
    token = opened(approver, statement)
    approver.handler.enforce_csrf_checks = True
    refused = approver.post(
        change_url(statement),
        statement_form(summary="Typed before signing in elsewhere.", _editing=token),
    )
    assert refused.status_code == 403
    assertContains(refused, "What you typed has been kept", status_code=403)
    assertContains(
        approver.get(change_url(statement)), 'value="Typed before signing in elsewhere."'
    )


def test_an_unpublish_date_before_the_publish_date_is_refused(approver):
    statement = live_statement()
    form = statement_form(unpublish_at_0="01/01/2020", unpublish_at_1="10:00:00")
    response = approver.post(change_url(statement), form)
    assert "The unpublish date must come after the publish date." in errors(response)
    statement.refresh_from_db()
    assert statement.unpublish_at is None


# --- Share links -------------------------------------------------------------------------------


def test_share_links_expire_can_be_withdrawn_and_show_nothing_once_the_item_changes(
    author, time_machine
):
    statement = live_statement()
    form = statement_form(title="Draft response", slug=statement.slug)
    author.post(change_url(statement), form | {"_working_copy": "1"})
    copy_ = WorkingCopy.objects.get()
    review = reverse("admin:partnership_pressstatement_working_copy", args=[copy_.pk])
    made = author.post(review, {"action": "share", "share-note": "Press office", "share-days": 7})
    link = re.search(r'id="share-link"[^>]*value="([^"]+)"', made.text).group(1)
    visitor = Client()
    shown = visitor.get(link)
    assertContains(shown, "Draft response")
    assert shown["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert "no-store" in shown["Cache-Control"]
    assert visitor.get(link[:-4] + "abc/").status_code == 404
    # Eight days on, it has expired.
    time_machine.move_to(timezone.now() + datetime.timedelta(days=8))
    assertContains(visitor.get(link), "expired or been withdrawn", status_code=410)
    time_machine.move_to(timezone.now() - datetime.timedelta(days=8))
    # Withdrawn: nothing.
    ShareLink.objects.update(revoked_at=timezone.now())
    assertContains(visitor.get(link), "expired or been withdrawn", status_code=410)
    # A new link, then the working copy changes: the link shows nothing.
    made = author.post(review, {"action": "share", "share-days": 7})
    link = re.search(r'id="share-link"[^>]*value="([^"]+)"', made.text).group(1)
    assertContains(visitor.get(link), "Draft response")
    author.post(change_url(statement), form | {"title": "Redrafted", "_working_copy": "1"})
    changed = visitor.get(link)
    assertContains(changed, "has changed since this link was made", status_code=410)
    assertNotContains(changed, "Redrafted", status_code=410)
    assert "Disallow: /preview/" in visitor.get("/robots.txt").text.splitlines()


# --- Roles ---------------------------------------------------------------------------------------


def test_content_editors_of_earlier_versions_become_approvers(django_user_model):
    migration = importlib.import_module("editing.migrations.0002_roles")
    Group.objects.filter(name__in=(AUTHORS, ADMINISTRATORS)).delete()
    Group.objects.filter(name=APPROVERS).update(name="Content editors")
    editor = django_user_model.objects.create_user("old", is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    # As the migration runs: with the historical models of the project at that migration.
    state = MigrationLoader(connection).project_state(("editing", "0002_roles"))
    migration.make_roles(state.apps, None)
    assert list(editor.groups.values_list("name", flat=True)) == [APPROVERS]
    assert django_user_model.objects.get(pk=editor.pk).has_perm("editing.approve")
    assert set(Group.objects.values_list("name", flat=True)) >= {AUTHORS, ADMINISTRATORS}
