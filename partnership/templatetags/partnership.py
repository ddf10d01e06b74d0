from django import template
from django.utils.safestring import mark_safe

from ..rich_text import sanitise

register = template.Library()


@register.filter
def rich_text(html):
    """Render editor-written HTML, sanitised again so stored markup can never inject script."""
    return mark_safe(sanitise(html))  # noqa: S308 - sanitised by nh3 with the editor's allow-list
