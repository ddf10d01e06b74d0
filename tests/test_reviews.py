"""Owners and review dates: defaults, refusals, the admin home page's lists, reminders."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from partnership.models import ConcernContact, Document, Page
from partnership.roles import APPROVERS
from quality.models import ReviewReminder

from .factories import ConcernContactFactory, DocumentFactory, PageFactory
from .helpers import page_form, refused

pytestmark = pytest.mark.django_db

LONDON = datetime.timezone(datetime.timedelta(0))


def words(response):
    """What a reader sees of a page: its text, without tags, in single spaces."""
    return " ".join(strip_tags(response.text).split())


def at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=LONDON)


@pytest.fixture
def owner(django_user_model):
    user = django_user_model.objects.create_user(
        "owner", "owner@example.org", "a-long-owner-password", is_staff=True, first_name="Olu"
    )
    user.groups.add(Group.objects.get(name=APPROVERS))
    return user


class TestDefaultsAndRefusals:
    def test_a_new_page_and_publication_are_due_in_12_months_a_contact_in_6(self, time_machine):
        time_machine.move_to(at(2026, 8, 31), tick=False)
        assert Page().review_by == datetime.date(2027, 8, 31)
        assert Document().review_by == datetime.date(2027, 8, 31)
        # 28 February: there is no 31 February.
        assert ConcernContact().review_by == datetime.date(2027, 2, 28)

    def test_a_past_review_date_on_a_new_item_is_refused_beside_the_field(self, time_machine):
        time_machine.move_to(at(2026, 8, 31), tick=False)
        page = Page(title="Thresholds", slug="thresholds", body="<p>x</p>")
        page.review_by = datetime.date(2026, 8, 30)
        assert "has passed" in refused(page, "review_by")

    def test_an_owner_who_cannot_edit_is_refused(self, django_user_model):
        visitor = django_user_model.objects.create_user("someone", "s@example.org", "pw-long-1")
        contact = ConcernContactFactory.build(owner=visitor)
        assert "cannot edit" in refused(contact, "owner")

    def test_an_editor_can_own_it(self, owner):
        contact = ConcernContactFactory.build(owner=owner)
        contact.full_clean()

    def test_the_admin_form_refuses_a_past_date_and_a_non_editor(
        self, editor_client, django_user_model
    ):
        visitor = django_user_model.objects.create_user(
            "visitor", "v@example.org", "pw-long-2", is_staff=True
        )
        response = editor_client.post(
            reverse("admin:partnership_page_add"),
            page_form(review_by="01/01/2020", owner=visitor.pk),
        )
        assert response.status_code == 200
        assert not Page.objects.exists()
        assert "The review date has passed" in response.text
        assert "cannot edit pages" in response.text

    def test_the_editor_who_adds_an_item_owns_it_when_no_owner_is_chosen(
        self, editor_client, editor
    ):
        response = editor_client.post(
            reverse("admin:partnership_page_add"), page_form(review_by="01/01/2040")
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert Page.objects.get().owner == editor


class TestLastReviewed:
    def test_confirming_a_review_shows_that_date_and_moves_the_next_review_on(
        self, editor_client, client, time_machine, django_capture_on_commit_callbacks
    ):
        time_machine.move_to(at(2025, 1, 10), tick=False)
        page = PageFactory(slug="thresholds", title="Thresholds")
        assert "Last reviewed" not in client.get("/thresholds/").text
        time_machine.move_to(at(2026, 3, 4), tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                reverse("admin:partnership_page_change", args=[page.pk]),
                page_form(page, review_by="10/01/2026", confirm_review="on"),
            )
        assert response.status_code == 302, response.context["adminform"].form.errors
        page.refresh_from_db()
        assert page.last_reviewed == datetime.date(2026, 3, 4)
        assert page.review_by == datetime.date(2027, 3, 4)
        assert "Last reviewed 4 March 2026" in words(client.get("/thresholds/"))

    def test_an_edit_alone_leaves_last_reviewed_as_it_was(self, editor_client):
        page = PageFactory(slug="thresholds", last_reviewed=datetime.date(2025, 3, 4))
        editor_client.post(
            reverse("admin:partnership_page_change", args=[page.pk]),
            page_form(page, body="<p>Changed.</p>", last_reviewed="04/03/2025"),
        )
        page.refresh_from_db()
        assert page.body == "<p>Changed.</p>"
        assert page.last_reviewed == datetime.date(2025, 3, 4)

    def test_a_publication_shows_its_last_review_and_never_a_load_date(
        self, client, django_capture_on_commit_callbacks
    ):
        never = DocumentFactory(slug="loaded-yesterday")
        assert "Last reviewed" not in client.get(never.get_absolute_url()).text
        document = DocumentFactory(slug="yearly-report")
        with django_capture_on_commit_callbacks(execute=True):
            Document.objects.filter(pk=document.pk).update(last_reviewed=datetime.date(2026, 7, 12))
        assert "Last reviewed 12 July 2026" in words(client.get(document.get_absolute_url()))


class TestAdminHome:
    def test_overdue_and_due_soon_for_me_and_for_everyone(
        self, editor_client, editor, owner, time_machine
    ):
        time_machine.move_to(at(2026, 6, 1), tick=False)
        PageFactory(title="Mine overdue", owner=editor, review_by=datetime.date(2026, 6, 1))
        DocumentFactory(title="Theirs soon", owner=owner, review_by=datetime.date(2026, 6, 20))
        PageFactory(title="Far off", owner=editor, review_by=datetime.date(2026, 12, 1))
        time_machine.move_to(at(2026, 6, 10), tick=False)
        response = editor_client.get(reverse("admin:index"))
        text = " ".join(response.text.split())
        mine = text.split('id="your-reviews-title"')[1].split('id="all-reviews-title"')[0]
        everyone = text.split('id="all-reviews-title"')[1].split('id="broken-title"')[0]
        assert "Mine overdue" in mine and "Overdue since 1 June 2026" in mine
        assert "Theirs soon" not in mine
        assert "Theirs soon" in everyone and "Due by 20 June 2026 · Olu" in everyone
        assert "Far off" not in text


class TestReminders:
    def test_one_email_per_item_when_it_falls_due_not_one_a_day(
        self, smtp_server, owner, time_machine, settings
    ):
        settings.SITE_URL = "https://lscp.example.org"
        time_machine.move_to(at(2026, 1, 1), tick=False)
        page = PageFactory(title="Thresholds", owner=owner, review_by=datetime.date(2026, 3, 1))
        ConcernContactFactory(label="MASH", owner=owner, review_by=datetime.date(2026, 3, 2))
        DocumentFactory(title="Draft report", owner=owner, status="draft")

        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        assert smtp_server.messages == []

        time_machine.move_to(at(2026, 3, 1), tick=False)
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        assert [m["Subject"] for m in smtp_server.messages] == ["Due for review: Thresholds"]
        message = smtp_server.messages[0]
        assert message["To"] == "owner@example.org"
        body = message.get_content()
        assert "due for review today" in body
        assert f"https://lscp.example.org/admin/partnership/page/{page.pk}/change/" in body

        for day in (2, 3, 4, 5):
            time_machine.move_to(at(2026, 3, day), tick=False)
            call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        subjects = sorted(m["Subject"] for m in smtp_server.messages)
        assert len(subjects) == 2
        assert subjects[0].startswith("Due for review: MASH") and subjects[1].endswith("Thresholds")

    def test_after_a_confirmed_review_the_next_due_date_reminds_again(
        self, smtp_server, owner, time_machine
    ):
        time_machine.move_to(at(2026, 3, 1), tick=False)
        page = PageFactory(title="Thresholds", owner=owner, review_by=datetime.date(2026, 3, 1))
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        page.confirm_review()
        page.save()
        time_machine.move_to(at(2027, 3, 1), tick=False)
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        assert len(smtp_server.messages) == 2
        assert ReviewReminder.objects.count() == 2

    def test_a_mail_server_that_is_down_is_tried_again_next_run(
        self, settings, owner, time_machine, smtp_server
    ):
        time_machine.move_to(at(2026, 3, 1), tick=False)
        PageFactory(title="Thresholds", owner=owner, review_by=datetime.date(2026, 3, 1))
        port = settings.EMAIL_PORT
        settings.EMAIL_PORT = 1  # nothing listens there
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        assert not ReviewReminder.objects.exists()
        settings.EMAIL_PORT = port
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        assert len(smtp_server.messages) == 1


def test_saving_an_existing_item_with_no_owner_does_not_make_the_editor_its_owner(
    editor_client,
):
    # Initial content has no owner: whoever edits it next must choose to own it.
    page = PageFactory(slug="thresholds", title="Thresholds")
    editor_client.post(
        reverse("admin:partnership_page_change", args=[page.pk]),
        page_form(page, body="<p>Changed.</p>"),
    )
    page.refresh_from_db()
    assert page.body == "<p>Changed.</p>" and page.owner is None
