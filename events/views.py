"""Public event pages: thin views over the model layer's upcoming() and past()."""

import json

from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, View
from django.views.generic.detail import SingleObjectMixin

from partnership.models import SiteSettings
from partnership.views import ForgivingPaginationMixin, PublicContentMixin

from .calendar import calendar_for, ics_response
from .forms import EventFilterForm
from .models import Event


class EventListView(PublicContentMixin, ForgivingPaginationMixin, ListView):
    """Upcoming events, soonest first, filtered by audience, level and month with a plain form:
    the address says what is shown, so a filtered list can be shared."""

    model = Event
    template_name = "events/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        self.filters = EventFilterForm(self.request.GET, today=timezone.localdate())
        return self.filters.filter(self.upcoming())

    def upcoming(self):
        upcoming = Event.objects.upcoming()
        if isinstance(self.previewing, Event):
            # A draft or scheduled event shows among the upcoming ones in its preview.
            return upcoming | Event.objects.filter(pk=self.previewing.pk)
        return upcoming

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters, filter_query=self.filters.query, **kwargs
        )


class EventArchiveView(PublicContentMixin, ForgivingPaginationMixin, ListView):
    """Events that have ended, most recent first: each moved here by itself when it ended."""

    model = Event
    template_name = "events/event_archive.html"
    context_object_name = "events"

    def get_queryset(self):
        return Event.objects.past()


class EventDetailView(PublicContentMixin, DetailView):
    """One event: when, where, who for, how to book, an .ics to add it to a calendar, and the
    schema.org Event metadata search engines read."""

    model = Event
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            json_ld=json_ld(self.object, self.request), metadata_item=self.object, **kwargs
        )


class EventCalendarView(PublicContentMixin, SingleObjectMixin, View):
    """One event as an .ics file: "Add to calendar"."""

    model = Event

    def get(self, request, slug):
        event = self.get_object()
        calendar = calendar_for([event], request, name=event.title)
        return ics_response(calendar, filename=f"{event.slug}.ics")


class EventFeedCalendarView(View):
    """/events/feed.ics: every upcoming event, for calendar apps to subscribe to."""

    def get(self, request):
        site = SiteSettings.objects.current()
        calendar = calendar_for(Event.objects.upcoming(), request, name=f"Events – {site.name}")
        return ics_response(calendar)


def json_ld(event, request):
    """schema.org Event metadata, as a JSON string safe inside a <script> element."""
    site = SiteSettings.objects.current()
    url = request.build_absolute_uri(event.get_absolute_url())
    if event.all_day:
        start, end = event.start_date.isoformat(), event.last_day.isoformat()
    else:
        start = timezone.localtime(event.starts_at).isoformat()
        end = timezone.localtime(event.ends_at).isoformat()
    places = []
    if event.venue.strip():
        places.append({"@type": "Place", "name": " ".join(event.venue.split())})
    if event.online:
        places.append({"@type": "VirtualLocation", "url": url})
    mode = "Mixed" if len(places) == 2 else "Online" if event.online else "Offline"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "organizer": {
            "@type": "Organization",
            "name": site.name,
            "url": request.build_absolute_uri("/"),
        },
    }
    if event.booking == "link" and event.booking_url:
        data["offers"] = {
            "@type": "Offer",
            "url": event.booking_url,
            "availability": "https://schema.org/InStock",
        }
    elif event.booking == "full":
        data["offers"] = {"@type": "Offer", "availability": "https://schema.org/SoldOut"}
    # As json_script does: <, > and & escaped, so no text can close the element.
    return mark_safe(json.dumps(data).translate(_json_script_escapes))  # noqa: S308
