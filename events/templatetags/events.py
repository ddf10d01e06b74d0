from django import template

from ..models import Event

register = template.Library()


@register.simple_tag
def upcoming_events(count=3):
    """The next ``count`` upcoming events, for the home page."""
    return list(Event.objects.upcoming()[:count])


@register.simple_tag
def no_events_yet():
    """Whether no event has ever been added: the admin's home page then says how."""
    return not Event.objects.exists()
