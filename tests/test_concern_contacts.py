"""Concern contacts for each audience: urgency, channel, opening hours as data, "open now"."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from partnership.models import ConcernContact, OpeningHours

from .factories import (
    BankHolidayFactory,
    ConcernContactFactory,
    OpeningHoursFactory,
    SiteSettingsFactory,
)
from .helpers import refused, violates_constraint

pytestmark = pytest.mark.django_db

LONDON = datetime.timezone(datetime.timedelta(hours=0))  # GMT in December


def at(day, hour, minute=0):
    """A moment in December 2026, when London keeps GMT (7 December is a Monday)."""
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def mash(db):
    SiteSettingsFactory()
    contact = ConcernContactFactory(
        label="Safeguarding hub", phone_number="0121 788 4300", for_professionals=True
    )
    for weekday in range(4):
        OpeningHoursFactory(contact=contact, weekday=weekday)
    OpeningHoursFactory(contact=contact, weekday=4, closes=datetime.time(16, 30))
    return contact


def status(client):
    """The hub's "open now" on the Report a concern page, and whether it came from the cache."""
    response = client.get("/report-a-concern/")
    text = response.content.decode()
    return ("Open now" in text, "Closed now" in text), response["X-Page-Cache"]


class TestOpenNow:
    def test_closing_time_shows_on_the_minute_through_the_page_cache(
        self, client, mash, time_machine
    ):
        time_machine.move_to(at(7, 17, 19), tick=False)
        assert status(client) == ((True, False), "miss")
        assert status(client) == ((True, False), "hit")
        time_machine.move_to(at(7, 17, 20), tick=False)
        assert status(client) == ((False, True), "miss")
        # Friday closes earlier; Saturday it stays closed.
        time_machine.move_to(at(11, 16, 29), tick=False)
        assert status(client)[0] == (True, False)
        time_machine.move_to(at(11, 16, 30), tick=False)
        assert status(client)[0] == (False, True)
        time_machine.move_to(at(12, 10), tick=False)
        assert status(client)[0] == (False, True)

    def test_opening_time_too(self, client, mash, time_machine):
        time_machine.move_to(at(8, 8, 44), tick=False)
        assert status(client) == ((False, True), "miss")
        assert status(client)[1] == "hit"
        time_machine.move_to(at(8, 8, 45), tick=False)
        assert status(client) == ((True, False), "miss")

    def test_across_the_clocks_going_forward(self, client, mash, time_machine):
        # Monday 30 March 2026 is the first weekday of summer time: 8:45 London is 7:45 UTC.
        time_machine.move_to(datetime.datetime(2026, 3, 30, 7, 44, tzinfo=datetime.UTC))
        assert status(client)[0] == (False, True)
        time_machine.move_to(datetime.datetime(2026, 3, 30, 7, 45, tzinfo=datetime.UTC))
        assert status(client)[0] == (True, False)

    def test_a_bank_holiday_closes_office_hours_lines_but_not_an_out_of_hours_one(
        self, client, mash, time_machine
    ):
        out_of_hours = ConcernContactFactory(label="Duty team", on_bank_holidays="open")
        OpeningHoursFactory(
            contact=out_of_hours, weekday=4, opens=datetime.time(16, 30), closes=datetime.time(0, 0)
        )
        BankHolidayFactory(date=datetime.date(2026, 12, 25))
        time_machine.move_to(at(25, 11), tick=False)
        contacts = {c.label: c.open_now for c in ConcernContact.objects.all().with_open_now()}
        assert contacts == {"Safeguarding hub": False, "Duty team": True}

    def test_a_line_open_at_all_times_and_one_with_no_hours(self, client, mash):
        ConcernContactFactory(label="Police", phone_number="999", always_open=True)
        ConcernContactFactory(label="Helpline with no hours given")
        contacts = {c.label: c.open_now for c in ConcernContact.objects.all().with_open_now()}
        assert contacts["Police"] is True
        assert contacts["Helpline with no hours given"] is None


class TestReportAConcern:
    def test_lines_are_grouped_for_each_audience_most_urgent_first(self, client, mash):
        ConcernContactFactory(
            label="Emergency services",
            phone_number="999",
            urgency="1_emergency",
            always_open=True,
            for_children=True,
            for_professionals=True,
        )
        ConcernContactFactory(
            label="Childline",
            phone_number="0800 1111",
            urgency="3_advice",
            for_public=False,
            for_children=True,
            channel="text",
        )
        page = client.get("/report-a-concern/").content.decode()
        public, professionals, children = (page.split("<h2 id=")[n] for n in (1, 2, 3))
        assert "For the public, parents and carers" in public
        assert public.index("Emergency services") < public.index("Safeguarding hub")
        assert "Safeguarding hub" in professionals
        assert "Childline" in children and "Safeguarding hub" not in children
        assert "Childline" not in public

    def test_numbers_are_links_read_digit_by_digit(self, client, mash):
        ConcernContactFactory(
            label="Text us", phone_number="07781 123456", channel="text", for_children=True
        )
        page = client.get("/report-a-concern/")
        assertContains(
            page,
            '<a class="contact-list__link" href="tel:01217884300">0121 788 4300'
            '<span class="visually-hidden"> (0 1 2 1, 7 8 8, 4 3 0 0)</span></a>',
            html=True,
        )
        assertContains(page, 'href="sms:07781123456"')
        assertContains(page, "(text 0 7 7 8 1, 1 2 3 4 5 6)")

    def test_hours_are_written_as_people_say_them(self, client, mash):
        page = client.get("/report-a-concern/")
        assertContains(page, "<li>Monday to Thursday: 8:45am to 5:20pm</li>", html=True)
        assertContains(page, "<li>Friday: 8:45am to 4:30pm</li>", html=True)
        assertContains(page, "<li>Closed on bank holidays</li>", html=True)


class TestBadInput:
    def test_a_phone_number_with_letters_is_refused(self):
        contact = ConcernContactFactory.build(phone_number="0121 CALL NOW")
        assert "digits and spaces" in refused(contact, "phone_number")
        violates_constraint(contact.save)

    def test_a_web_form_needs_its_address(self):
        contact = ConcernContactFactory.build(channel="web_form", phone_number="")
        assert "web address" in refused(contact, "web_address")

    def test_hours_that_end_before_they_start_are_refused(self, mash):
        hours = OpeningHoursFactory.build(
            contact=mash, weekday=5, opens=datetime.time(17), closes=datetime.time(9)
        )
        assert "close after it opens" in refused(hours, "closes")
        violates_constraint(hours.save)

    def test_hours_that_overlap_are_refused(self, mash):
        hours = OpeningHoursFactory.build(
            contact=mash, weekday=0, opens=datetime.time(17), closes=datetime.time(20)
        )
        assert "overlap Monday 08:45 to 17:20" in refused(hours, "opens")

    def test_overlapping_rows_in_one_save_are_refused_beside_the_field(self, editor_client):
        response = editor_client.post(
            reverse("admin:partnership_concerncontact_add"),
            {
                "label": "Hub",
                "description": "",
                "urgency": "2_urgent",
                "order": 0,
                "active": "on",
                "for_public": "on",
                "channel": "phone",
                "phone_number": "0121 788 4300",
                "web_address": "",
                "email": "",
                "on_bank_holidays": "closed",
                "hours": "",
                "opening_hours-TOTAL_FORMS": "2",
                "opening_hours-INITIAL_FORMS": "0",
                "opening_hours-MIN_NUM_FORMS": "0",
                "opening_hours-MAX_NUM_FORMS": "1000",
                "opening_hours-0-weekday": "0",
                "opening_hours-0-opens": "08:45",
                "opening_hours-0-closes": "17:20",
                "opening_hours-1-weekday": "0",
                "opening_hours-1-opens": "12:00",
                "opening_hours-1-closes": "18:00",
            },
        )
        assert response.status_code == 200
        [formset] = response.context["inline_admin_formsets"]
        assert "overlap" in str(formset.formset.forms[1].errors["opens"])
        assert not ConcernContact.objects.exists()
        assert not OpeningHours.objects.exists()

    def test_the_banner_links_to_every_line(self, client, mash):
        ConcernContactFactory(label="Only for children", for_public=False, for_children=True)
        home = client.get("/")
        assertContains(home, 'href="/report-a-concern/"')
        assertNotContains(home, "Only for children")
