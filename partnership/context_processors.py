"""Page furniture that every template needs: the partnership's identity and contacts."""

from django.conf import settings

from .contrast import contrast_from
from .models import ConcernContact, Page, SiteSettings


def site(request):
    return {
        "site_settings": SiteSettings.load(),
        "concern_contacts": ConcernContact.objects.filter(active=True),
        "footer_pages": Page.objects.published().filter(show_in_navigation=True),
        "admin_url": "/" + settings.ADMIN_URL,
    }


def contrast(request):
    """The contrast choice from the cookie, so base.html renders the theme with no flash."""
    return {"contrast": contrast_from(request)}
