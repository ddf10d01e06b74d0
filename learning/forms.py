"""The library's filters, read from the address (no JavaScript needed)."""

from django import forms
from django.utils.http import urlencode

from partnership.models import Readers

from .models import Kind, kind_from_slug, kind_slug


class LibraryFilterForm(forms.Form):
    """Topic, type and readers. A value the site does not know is ignored: the library is shown
    without that filter, never an error."""

    topic = forms.ChoiceField(label="Topic", required=False)
    type = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "All types"), *((kind_slug(value), label) for value, label in Kind.choices)],
    )
    audience = forms.ChoiceField(
        label="For", required=False, choices=[("", "Everyone"), *Readers.choices]
    )

    def __init__(self, data, topics):
        super().__init__(data)
        self.topics = {topic.slug: topic for topic in topics}
        self.fields["topic"].choices = [
            ("", "All topics"),
            *((topic.slug, topic.name) for topic in topics),
        ]

    def chosen(self):
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, items):
        chosen = self.chosen()
        if "topic" in chosen:
            items = items.filter(topics=self.topics[chosen["topic"]])
        if "type" in chosen:
            items = items.filter(kind=kind_from_slug(chosen["type"]))
        if "audience" in chosen:
            items = items.for_readers(chosen["audience"])
        return items

    @property
    def description(self):
        return ", ".join(
            str(dict(self.fields[name].choices)[value]) for name, value in self.chosen().items()
        )

    @property
    def query(self):
        return urlencode(self.chosen())
