"""The events list's filters, read from the address (no JavaScript needed)."""

import datetime

from django import forms
from django.utils.http import urlencode

from partnership.models import Readers

from .models import Level

# How far ahead the month filter offers: a year of training calendar is what partnerships plan.
MONTHS_AHEAD = 12


def months_from(today, count=MONTHS_AHEAD):
    """``count`` months from ``today``'s, as ("2026-10", "October 2026") choices."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        label = datetime.date(year, month, 1).strftime("%B %Y")
        months.append((f"{year:04d}-{month:02d}", label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class EventFilterForm(forms.Form):
    """Audience, level and month. A value the site does not know (``?month=2026-13``,
    ``?level=<script>``) is ignored: the list is shown without that filter, never an error."""

    audience = forms.ChoiceField(
        label="For", required=False, choices=[("", "Everyone"), *Readers.choices]
    )
    level = forms.ChoiceField(
        label="Level or kind", required=False, choices=[("", "All levels"), *Level.choices]
    )
    month = forms.ChoiceField(label="Month", required=False)

    def __init__(self, data, today):
        super().__init__(data)
        self.fields["month"].choices = [("", "Any month"), *months_from(today)]

    def chosen(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, events):
        """``events`` narrowed by every filter given with a value the site knows."""
        chosen = self.chosen()
        if "audience" in chosen:
            events = events.for_readers(chosen["audience"])
        if "level" in chosen:
            events = events.filter(level=chosen["level"])
        if "month" in chosen:
            year, month = (int(part) for part in chosen["month"].split("-"))
            events = events.in_month(year, month)
        return events

    @property
    def description(self):
        """The filters that apply, in words for the page's title."""
        return ", ".join(
            str(dict(self.fields[name].choices)[value]) for name, value in self.chosen().items()
        )

    @property
    def query(self):
        """The filters that apply, as a query string for the pagination links."""
        return urlencode(self.chosen())
