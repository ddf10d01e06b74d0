"""One way of writing dates and times, in the admin and on the site: "12 July 2022, 10am"."""

from django.utils import formats, timezone


def day(value):
    """ "12 July 2022"."""
    return formats.date_format(value, "j F Y") if value else ""


def moment(value):
    """ "12 July 2022, 10am" or "12 July 2022, 10:30pm", in the site's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{day(local)}, {hour}{minutes}{'am' if local.hour < 12 else 'pm'}"
