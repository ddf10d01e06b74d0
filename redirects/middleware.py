"""Visitors to an old address are sent on to where its content is now."""

from django.http import HttpResponsePermanentRedirect

from lscp_site.security import is_admin_request

from .models import Redirect


class RedirectFallbackMiddleware:
    """On a 404 for a page, a redirect from that address (a moved page, the old website) turns it
    into a 301. Only 404s look: a live page always wins, and found pages cost nothing more.

    Placed after CommonMiddleware, so an old address without a trailing slash is matched as it
    was written before Django tries adding the slash.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 404
            or request.method not in ("GET", "HEAD")
            or is_admin_request(request)
        ):
            return response
        redirect = Redirect.objects.for_request(request)
        return HttpResponsePermanentRedirect(redirect.new_path) if redirect else response
