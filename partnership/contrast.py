"""The contrast preference: one cookie, read by the server so the right theme arrives first.

Absent means "follow the system" (CSS ``prefers-contrast``); static/js/contrast.js writes the same
cookie when it toggles without a reload.
"""

CONTRAST_COOKIE = "contrast"
CONTRAST_CHOICES = ("high", "standard")
# A year: the choice should outlast a visit without being permanent.
CONTRAST_COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def contrast_from(request):
    """The visitor's explicit choice, "high" or "standard", or None; unknown values are ignored."""
    choice = request.COOKIES.get(CONTRAST_COOKIE)
    return choice if choice in CONTRAST_CHOICES else None
