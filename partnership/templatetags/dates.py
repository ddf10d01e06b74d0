"""Filters for the one way dates and times are written (partnership.dates), built in to every
template (settings.TEMPLATES "builtins"), in the admin and on the site."""

from django import template

from .. import dates

register = template.Library()


@register.filter
def moment(value):
    """{{ saved_at|moment }}: "12 July 2022, 10am"."""
    return dates.moment(value)


@register.filter
def day(value):
    """{{ reviewed|day }}: "12 July 2022"."""
    return dates.day(value)
