"""Template tags for the editors' admin."""

from django import template
from django.contrib.admin.models import LogEntry

from ..editorial import yearly_report_warning

register = template.Library()


@register.simple_tag
def recent_changes(limit):
    """The latest admin changes to content by anyone, so editors see what colleagues did.

    Changes to user accounts and groups are left out: content editors may not see those.
    """
    return LogEntry.objects.filter(content_type__app_label="partnership").select_related(
        "user", "content_type"
    )[:limit]


@register.simple_tag
def yearly_report_notice():
    """The editors' reminder when the yearly report is more than 12 months old, or ""."""
    return yearly_report_warning()
