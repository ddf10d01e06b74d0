"""iCalendar (.ics) files: one event to add to a calendar, and the subscribable calendar.

Timed events carry the partnership's time zone (``TZID=Europe/London`` with its VTIMEZONE), so
a calendar shows 10:00 as 10:00 on either side of a clock change; all-day events are dates.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import local_zone

# How often a subscribed calendar should look again, in the calendar's own words.
REFRESH_INTERVAL = datetime.timedelta(hours=12)


def calendar_for(events, request, name):
    """A calendar of ``events`` with absolute links, named ``name``."""
    calendar = Calendar()
    calendar.add("prodid", "-//Local Safeguarding Children Partnership//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(local_zone()))
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    for event in events:
        calendar.add_component(calendar_event(event, request))
    calendar.add_missing_timezones()
    return calendar


def calendar_event(event, request):
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{request.get_host()}")
    entry.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    entry.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    if event.all_day:
        entry.add("dtstart", event.start_date)
        # An all-day event's end is the day after its last (RFC 5545: DTEND is exclusive).
        entry.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        entry.add("dtstart", timezone.localtime(event.starts_at, local_zone()))
        entry.add("dtend", timezone.localtime(event.ends_at, local_zone()))
    url = request.build_absolute_uri(event.get_absolute_url())
    entry.add("summary", event.title)
    entry.add("description", f"{event.summary}\n\n{url}")
    entry.add("location", location(event))
    entry.add("url", url)
    entry.add("status", "CONFIRMED")
    return entry


def location(event):
    venue = " ".join(event.venue.split())
    if event.online:
        return f"{venue} and online" if venue else "Online"
    return venue


def ics_response(calendar, filename=None):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
