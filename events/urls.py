from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/archive/", views.EventArchiveView.as_view(), name="event-archive"),
    path("events/feed.ics", views.EventFeedCalendarView.as_view(), name="event-calendar-feed"),
    path("events/feed/", feeds.EventFeed(), name="event-feed"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path(
        "events/<slug:slug>/calendar.ics",
        views.EventCalendarView.as_view(),
        name="event-calendar",
    ),
]
