"""
Training and events: the partnership's multi-agency training calendar.

An event is entered as editors think of it (a date, and times unless it lasts all day, in the
partnership's own time zone); ``starts_at`` and ``ends_at`` are worked out from those on save, so
the lists, the archive rule and the page cache read indexed moments. An event leaves the upcoming
list for the archive the moment it ends, with no edit and no cron job: ``changes_after()`` names
that moment to the page cache.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnership.models import (
    ForReaders,
    KeepsOldAddresses,
    Publishable,
    PublishableQuerySet,
    Status,
    live_q,
)
from partnership.rich_text import RichTextField

# Slugs the events' own addresses use: an event may not take them.
RESERVED_SLUGS = {"archive", "feed"}


def local_zone():
    """The partnership's time zone: the one editors type times in and visitors read them in."""
    return ZoneInfo(settings.TIME_ZONE)


def local_moment(day, time=None):
    """An aware datetime for ``day`` at ``time`` (midnight if none) in the partnership's zone."""
    return datetime.datetime.combine(day, time or datetime.time(), tzinfo=local_zone())


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Published events that have not ended yet, soonest first.

        An event moves to the archive the moment it ends: decided at request time, and the
        page cache renews pages then (``changes_after()``).
        """
        return self.filter(live_q(timezone.now()), ends_at__gt=timezone.now()).order_by(
            "starts_at", "id"
        )

    def past(self):
        """Published events that have ended, most recent first: the archive."""
        return self.filter(live_q(timezone.now()), ends_at__lte=timezone.now()).order_by(
            "-starts_at", "-id"
        )

    def in_month(self, year, month):
        """Events on at any time in the month (a multi-day event in each month it spans)."""
        first = local_moment(datetime.date(year, month, 1))
        following = local_moment(datetime.date(year + month // 12, month % 12 + 1, 1))
        return self.filter(starts_at__lt=following, ends_at__gt=first)

    def for_readers(self, readers):
        return self.filter(**{ForReaders.READER_FIELDS[readers]: True})

    def changes_after(self, now):
        # Going live, leaving, and ending (to the archive): each a moment an index serves.
        published = self.filter(status=Status.PUBLISHED).order_by()
        return [
            *super().changes_after(now),
            published.filter(ends_at__gt=now).values_list("ends_at", flat=True),
        ]


class Level(models.TextChoices):
    """The kind of event, with the levels of multi-agency safeguarding training."""

    LEVEL_1 = "level_1", "Level 1: introduction to safeguarding"
    LEVEL_2 = "level_2", "Level 2: multi-agency safeguarding"
    LEVEL_3 = "level_3", "Level 3: advanced and specialist safeguarding"
    BRIEFING = "briefing", "Briefing"
    CONFERENCE = "conference", "Conference"
    OTHER = "other", "Other event"


class Booking(models.TextChoices):
    LINK = "link", "Book through the booking link"
    NOT_NEEDED = "not_needed", "No booking needed"
    FULL = "full", "Fully booked"


def validate_web_address(value):
    """Only http and https: a booking link must open a web page, never anything else."""
    URLValidator(schemes=["http", "https"])(value)


class Event(KeepsOldAddresses, ForReaders, Publishable):
    """A training course, briefing or conference the partnership runs."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        help_text="The last part of the event's web address. Filled in from the title; for a "
        "course that runs again, add its date, e.g. “level-2-training-2026-10”.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences shown in lists, the calendar and search. Keep under 300 "
        "characters.",
    )
    description = RichTextField(
        blank=True,
        help_text="What the event covers, who should come and what to bring.",
    )
    level = models.CharField(
        "level or kind",
        max_length=20,
        choices=Level.choices,
        default=Level.LEVEL_2,
        help_text="The training level, or the kind of event. Visitors can filter by it.",
    )
    start_date = models.DateField(help_text="The day it starts.")
    start_time = models.TimeField(
        null=True,
        blank=True,
        help_text="Leave both times empty for an all-day event. Times are UK time.",
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        help_text="For an event over several days, the last day. Leave empty for one day.",
    )
    end_time = models.TimeField(null=True, blank=True, help_text="When it finishes.")
    # Worked out by save() from the dates and times above, in the partnership's time zone.
    starts_at = models.DateTimeField(editable=False)
    ends_at = models.DateTimeField(editable=False)
    venue = models.TextField(
        blank=True,
        help_text="Where it takes place, with the address and postcode. Leave empty for an "
        "online-only event.",
    )
    online = models.BooleanField(
        "online",
        default=False,
        help_text="Tick if people join online (with or without a venue). Send joining "
        "instructions when they book, never on this page.",
    )
    booking = models.CharField(
        max_length=20,
        choices=Booking.choices,
        default=Booking.LINK,
        help_text="How people get a place.",
    )
    booking_url = models.URLField(
        "booking link",
        max_length=500,
        blank=True,
        validators=[validate_web_address],
        help_text="The event's page on the partnership's booking system, starting https://.",
    )
    booking_deadline = models.DateField(
        "book by",
        null=True,
        blank=True,
        help_text="Optional. The last day to book: on or before the day it starts.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ("starts_at", "id")
        indexes = [
            models.Index(fields=("status", "ends_at", "starts_at"), name="event_listing_order"),
            models.Index(fields=("status", "-publish_at"), name="event_publication_order"),
            models.Index(
                fields=("unpublish_at",),
                condition=Q(unpublish_at__isnull=False),
                name="event_unpublish_at",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("slug",),
                name="event_unique_slug",
                violation_error_code="unique",
                violation_error_message="Another event already uses this web address. Add the "
                "date to the slug, e.g. “level-2-training-2026-10”.",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message="The event must end after it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(booking="link") | ~Q(booking_url=""),
                name="event_booking_link_given",
                violation_error_message="Give the booking link, or choose another way to book.",
            ),
            models.CheckConstraint(
                condition=Q(booking_url="")
                | Q(booking_url__startswith="http://")
                | Q(booking_url__startswith="https://"),
                name="event_booking_link_is_a_web_address",
                violation_error_message="The booking link must start with https://.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("events:event-calendar", kwargs={"slug": self.slug})

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def multi_day(self):
        return self.last_day != self.start_date

    @property
    def has_ended(self):
        return self.ends_at <= timezone.now()

    @property
    def booking_open(self):
        """Whether the booking link should be offered now."""
        if self.booking != Booking.LINK or self.has_ended:
            return False
        return not self.booking_deadline or self.booking_deadline >= timezone.localdate()

    @property
    def attendance(self):
        """ "In person", "Online" or both, as visitors filter for it."""
        if self.online and self.venue:
            return "In person and online"
        return "Online" if self.online else "In person"

    def moments(self):
        """(starts_at, ends_at) from the dates and times editors gave; an all-day event ends at
        midnight after its last day."""
        if self.all_day:
            return (
                local_moment(self.start_date),
                local_moment(self.last_day + datetime.timedelta(days=1)),
            )
        return (
            local_moment(self.start_date, self.start_time),
            local_moment(self.last_day, self.end_time),
        )

    def save(self, *args, **kwargs):
        self.starts_at, self.ends_at = self.moments()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is used by the events pages. Choose another."
        if (self.start_time is None) != (self.end_time is None):
            field = "end_time" if self.end_time is None else "start_time"
            errors[field] = "Give both a start and an end time, or neither for an all-day event."
        elif self.start_date:
            if self.end_date and self.end_date < self.start_date:
                errors["end_date"] = "The event cannot end before it starts."
            elif self.start_time is not None:
                starts, ends = self.moments()
                if ends <= starts:
                    errors["end_time"] = "The event must end after it starts."
            if self.booking_deadline and self.booking_deadline > self.start_date:
                errors["booking_deadline"] = (
                    "The booking deadline must be on or before the day the event starts."
                )
        if not self.venue.strip() and not self.online:
            errors["venue"] = "Give the venue, or tick “online” for an event held online."
        if self.booking == Booking.LINK and not self.booking_url:
            errors["booking_url"] = (
                "Give the booking link, or choose “No booking needed” or “Fully booked”."
            )
        if errors:
            raise ValidationError(errors)
