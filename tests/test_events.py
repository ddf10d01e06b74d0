"""Training and events: the upcoming list and its archive, an event's page, its calendar files
and feeds, and what editors are refused.

Time is frozen where it matters: an event leaves the upcoming list for the archive at the minute
it ends, through the page cache, and calendar times stay right across the October clock change.
"""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.urls import resolve, reverse
from icalendar import Calendar

from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
# Saturday 24 October 2026 is British Summer Time; the clocks go back at 02:00 on Sunday 25th.
NOW = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=LONDON)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def titles(response):
    """The events' titles, in the order a visitor reads them."""
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.text)


def event_form(**overrides):
    """The admin's add form for an event, filled in as an editor would, and published."""
    return {
        "title": "Level 2 multi-agency safeguarding",
        "slug": "level-2-october",
        "summary": "A day of multi-agency training.",
        "description": "",
        "level": "level_2",
        "start_date": "26/10/2026",
        "start_time": "10:00",
        "end_date": "",
        "end_time": "13:00",
        "venue": "Council House, Manor Square",
        "booking": "link",
        "booking_url": "https://booking.example.org/course/1",
        "booking_deadline": "",
        "for_professionals": "on",
        "status": "published",
        "publish_at_0": "01/10/2026",
        "publish_at_1": "09:00:00",
    } | overrides


class TestTheUpcomingList:
    def test_upcoming_events_soonest_first_and_past_ones_in_the_archive(self, client, frozen):
        EventFactory(title="Later", start_date=datetime.date(2026, 11, 20))
        EventFactory(title="Sooner", start_date=datetime.date(2026, 10, 5))
        EventFactory(title="Finished", start_date=datetime.date(2026, 9, 1))
        EventFactory(title="Unfinished draft", status="draft")
        assert titles(client.get("/events/")) == ["Sooner", "Later"]
        assert titles(client.get("/events/archive/")) == ["Finished"]

    def test_an_event_moves_to_the_archive_by_itself_at_its_end_through_the_page_cache(
        self, client, frozen
    ):
        event = EventFactory(
            title="Neglect briefing",
            start_date=datetime.date(2026, 10, 26),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
        )
        # 26 October is after the clocks go back: 12:00 in London is 12:00 UTC.
        ends = datetime.datetime(2026, 10, 26, 12, 0, tzinfo=datetime.UTC)
        frozen.move_to(ends - datetime.timedelta(minutes=1), tick=False)
        for _ in range(2):  # the second visit is answered from the page cache
            assert titles(client.get("/events/")) == ["Neglect briefing"]
            assert "Neglect briefing" in client.get("/").text
            assert titles(client.get("/events/archive/")) == []
        frozen.move_to(ends, tick=False)
        assert titles(client.get("/events/")) == []
        assert "Neglect briefing" not in client.get("/").text
        assert titles(client.get("/events/archive/")) == ["Neglect briefing"]
        # Its own page stays, saying it has ended.
        assert "This event has ended" in client.get(event.get_absolute_url()).text

    def test_the_event_page_says_it_has_ended_and_offers_no_booking(self, client, frozen):
        time_machine = frozen
        event = EventFactory(start_date=datetime.date(2026, 10, 26))
        time_machine.move_to(datetime.datetime(2026, 10, 26, 15, 59, tzinfo=LONDON), tick=False)
        assert "Book a place" in client.get(event.get_absolute_url()).text
        time_machine.move_to(datetime.datetime(2026, 10, 26, 16, 0, tzinfo=LONDON), tick=False)
        page = client.get(event.get_absolute_url()).text
        assert "This event has ended" in page
        assert "Book a place" not in page

    def test_filters_by_audience_level_and_month_without_javascript(self, client, frozen):
        EventFactory(title="Parents evening", for_professionals=False, for_public=True)
        EventFactory(title="Level 3 course", level="level_3")
        EventFactory(
            title="Autumn conference",
            level="conference",
            start_date=datetime.date(2026, 10, 30),
            end_date=datetime.date(2026, 11, 2),
            start_time=None,
            end_time=None,
        )
        EventFactory(title="December course", start_date=datetime.date(2026, 12, 3))
        assert titles(client.get("/events/?audience=public")) == ["Parents evening"]
        assert titles(client.get("/events/?level=level_3")) == ["Level 3 course"]
        # A conference over the turn of the month is on in both months.
        assert "Autumn conference" in titles(client.get("/events/?month=2026-10"))
        november = titles(client.get("/events/?month=2026-11"))
        assert "Autumn conference" in november and "December course" not in november
        assert titles(client.get("/events/?month=2026-12")) == ["December course"]
        page = client.get("/events/?month=2026-12&level=level_2").text
        assert '<option value="2026-12" selected>December 2026</option>' in page

    @pytest.mark.parametrize(
        "query", ["?month=2026-13", "?level=<script>alert(1)</script>", "?audience=x&page=abc"]
    )
    def test_nonsense_filters_are_ignored_never_an_error(self, client, frozen, query):
        EventFactory(title="Still listed")
        response = client.get(f"/events/{query}")
        assert response.status_code == 200
        assert titles(response) == ["Still listed"]
        assert "<script>alert" not in response.text

    def test_pages_of_ten_with_the_filters_kept(self, client, frozen):
        for day in range(12):
            EventFactory(start_date=datetime.date(2026, 11, 1) + datetime.timedelta(days=day))
        assert len(titles(client.get("/events/?level=level_2"))) == 10
        first = client.get("/events/?level=level_2").text
        assert 'href="?level=level_2&amp;page=2"' in first
        assert len(titles(client.get("/events/?level=level_2&page=2"))) == 2

    def test_the_home_page_shows_the_next_three_events(self, client, frozen):
        for day in (9, 3, 5, 7):
            EventFactory(title=f"On the {day}th", start_date=datetime.date(2026, 10, day))
        home = client.get("/").text
        shown = [f"On the {day}th" for day in (3, 5, 7, 9) if f"On the {day}th" in home]
        assert shown == ["On the 3th", "On the 5th", "On the 7th"]
        assert home.index("On the 3th") < home.index("On the 5th") < home.index("On the 7th")


class TestAnEventsPage:
    def test_details_booking_and_add_to_calendar(self, client, frozen):
        event = EventFactory(
            title="Exploitation awareness",
            start_date=datetime.date(2026, 10, 26),
            booking_deadline=datetime.date(2026, 10, 19),
            online=True,
        )
        page = client.get(event.get_absolute_url()).text
        assert "Monday 26 October 2026, 09:30</time> to 16:00" in page
        assert "Council House, Manor Square" in page and "and online" in page
        assert "Level 2: multi-agency safeguarding" in page
        assert 'href="https://booking.example.org/course/1"' in page
        assert "by Monday 19 October 2026" in page
        assert f'href="{event.get_calendar_url()}"' in page

    def test_after_the_booking_deadline_the_link_goes(self, client, frozen):
        time_machine = frozen
        event = EventFactory(
            start_date=datetime.date(2026, 10, 26), booking_deadline=datetime.date(2026, 10, 19)
        )
        time_machine.move_to(datetime.datetime(2026, 10, 20, 9, 0, tzinfo=LONDON), tick=False)
        page = client.get(event.get_absolute_url()).text
        assert "Booking closed on Monday 19 October 2026" in page
        assert "booking.example.org" not in page.split("application/ld+json")[-1].split("</h1>")[1]

    def test_fully_booked_and_no_booking_needed_say_so(self, client, frozen):
        full = EventFactory(booking="full", booking_url="")
        drop_in = EventFactory(booking="not_needed", booking_url="")
        assert "Fully booked." in client.get(full.get_absolute_url()).text
        assert "No booking needed" in client.get(drop_in.get_absolute_url()).text

    def test_json_ld_describes_the_event_for_search_engines(self, client, frozen):
        event = EventFactory(
            title="Neglect toolkit", start_date=datetime.date(2026, 10, 26), online=True
        )
        page = client.get(event.get_absolute_url()).text
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        data = json.loads(found.group(1))
        assert data["@type"] == "Event"
        assert data["name"] == "Neglect toolkit"
        # After the clocks go back: GMT, offset +00:00.
        assert data["startDate"] == "2026-10-26T09:30:00+00:00"
        assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
        assert data["offers"]["url"] == "https://booking.example.org/course/1"

    def test_a_title_cannot_break_out_of_the_json_ld(self, client, frozen):
        event = EventFactory(title="</script><script>alert(1)</script>")
        page = client.get(event.get_absolute_url()).text
        assert "<script>alert(1)" not in page

    def test_drafts_are_not_public_but_editors_preview_them(self, client, editor_client, frozen):
        event = EventFactory(title="Draft course", status="draft")
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(event.get_calendar_url()).status_code == 404
        preview = editor_client.get(reverse("admin:events_event_preview", args=(event.pk,)))
        assert preview.status_code == 200
        assert "Draft course" in preview.text


def calendar_events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


class TestCalendars:
    def test_times_are_right_on_both_sides_of_the_october_clock_change(self, client, frozen):
        before = EventFactory(
            start_date=datetime.date(2026, 10, 24),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
        )
        after = EventFactory(
            start_date=datetime.date(2026, 10, 26),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
        )
        for event, utc_hour in ((before, 9), (after, 10)):
            (entry,) = calendar_events(client.get(event.get_calendar_url()))
            start, end = entry["DTSTART"].dt, entry["DTEND"].dt
            assert (start.astimezone(LONDON).hour, end.astimezone(LONDON).hour) == (10, 12)
            assert start.astimezone(datetime.UTC).hour == utc_hour
            assert entry["SUMMARY"] == event.title
            assert entry["URL"] == f"http://testserver{event.get_absolute_url()}"

    def test_the_download_is_a_file_to_open_in_a_calendar(self, client, frozen):
        event = EventFactory(slug="level-2-october")
        response = client.get("/events/level-2-october/calendar.ics")
        assert response["Content-Disposition"] == 'attachment; filename="level-2-october.ics"'
        assert b"BEGIN:VTIMEZONE" in response.content
        assert b"TZID:Europe/London" in response.content
        assert calendar_events(response)[0]["UID"].startswith(f"event-{event.pk}@")

    def test_an_all_day_event_over_several_days_is_dates(self, client, frozen):
        event = EventFactory(
            start_date=datetime.date(2026, 10, 24),
            end_date=datetime.date(2026, 10, 26),
            start_time=None,
            end_time=None,
        )
        (entry,) = calendar_events(client.get(event.get_calendar_url()))
        assert entry["DTSTART"].dt == datetime.date(2026, 10, 24)
        # The end of an all-day event is the day after its last (RFC 5545).
        assert entry["DTEND"].dt == datetime.date(2026, 10, 27)
        page = client.get(event.get_absolute_url()).text
        assert "Saturday 24 October 2026</time> to <time" in page
        assert "Monday 26 October 2026</time> (all day)" in page

    def test_the_subscribable_calendar_holds_upcoming_events_only(self, client, frozen):
        EventFactory(title="Coming up")
        EventFactory(title="Past", start_date=datetime.date(2026, 9, 1))
        EventFactory(title="Draft", status="draft")
        entries = calendar_events(client.get("/events/feed.ics"))
        assert [str(entry["SUMMARY"]) for entry in entries] == ["Coming up"]

    def test_the_atom_feed_lists_upcoming_events(self, client, frozen):
        EventFactory(title="Coming up")
        EventFactory(title="Past", start_date=datetime.date(2026, 9, 1))
        feed = feedparser.parse(client.get("/events/feed/").content)
        assert feed.version == "atom10"
        assert [entry.title for entry in feed.entries] == ["Coming up"]

    def test_addresses_resolve_both_ways(self):
        assert reverse("events:event-calendar-feed") == "/events/feed.ics"
        assert resolve("/events/archive/").url_name == "event-archive"
        assert resolve("/events/some-course/calendar.ics").url_name == "event-calendar"


class TestEditorsAreRefusedBesideTheField:
    def add(self, editor_client, **overrides):
        response = editor_client.post("/admin/events/event/add/", event_form(**overrides))
        return response

    def test_a_good_event_is_saved(self, editor_client, client, frozen):
        response = self.add(editor_client)
        assert response.status_code == 302
        event = Event.objects.get()
        assert event.starts_at == datetime.datetime(2026, 10, 26, 10, 0, tzinfo=LONDON)
        assert "Level 2 multi-agency safeguarding" in client.get("/events/").text

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"end_date": "25/10/2026"}, "end_date", "cannot end before it starts"),
            ({"end_time": "09:00"}, "end_time", "must end after it starts"),
            ({"end_time": ""}, "end_time", "Give both a start and an end time"),
            ({"booking_deadline": "27/10/2026"}, "booking_deadline", "on or before the day"),
            ({"booking_url": "javascript:alert(1)"}, "booking_url", "Enter a valid URL"),
            ({"booking_url": "ftp://example.org/book"}, "booking_url", "Enter a valid URL"),
            ({"booking_url": ""}, "booking_url", "Give the booking link"),
            ({"venue": ""}, "venue", "tick “online”"),
            ({"slug": "archive"}, "slug", "used by the events pages"),
        ],
    )
    def test_bad_input_is_refused_with_a_message_beside_the_field(
        self, editor_client, frozen, overrides, field, message
    ):
        response = self.add(editor_client, **overrides)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert field in errors, errors
        assert message in " ".join(errors[field])
        assert not Event.objects.exists()

    def test_the_admin_home_says_how_to_add_the_first_event(self, editor_client, frozen):
        assert "Add your first training course or event" in editor_client.get("/admin/").text
        EventFactory()
        assert "Add your first training course or event" not in editor_client.get("/admin/").text


class TestSearchAndSitemap:
    def test_search_finds_an_upcoming_event_and_the_sitemap_lists_it(self, client, frozen):
        event = EventFactory(title="Kestrel safeguarding course")
        results = client.get("/search/?q=kestrel").text
        assert event.get_absolute_url() in results
        sitemap = client.get("/sitemap.xml").text
        assert f"<loc>http://testserver{event.get_absolute_url()}</loc>" in sitemap
        assert "<loc>http://testserver/events/</loc>" in sitemap

    def test_an_event_page_has_breadcrumbs_and_metadata(self, client, frozen):
        event = EventFactory(title="Kestrel course", summary="Learn about kestrels.")
        page = client.get(event.get_absolute_url()).text
        assert '<a href="/events/">Training and events</a>' in page
        assert '<meta name="description" content="Learn about kestrels.">' in page


def test_an_events_old_address_leads_to_its_new_one(client, frozen):
    event = EventFactory(slug="level-2-training")
    event.slug = "level-2-training-2026-10"
    event.save()
    response = client.get("/events/level-2-training/")
    assert response.status_code == 301
    assert response["Location"] == "/events/level-2-training-2026-10/"
