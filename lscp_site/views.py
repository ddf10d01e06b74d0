"""Site-wide endpoints, mostly for machines: health, security.txt, robots.txt, the manifest."""

import ipaddress
import logging
import sys
import threading
import time
from datetime import UTC, timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error

from partnership.models import SiteSettings
from partnership.page_cache import cache_answers

from .security import client_ip

logger = logging.getLogger(__name__)


def _database_ok():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


# However often /health/ is asked, each worker checks the database and the cache at most once in
# this many seconds: a flood of health requests cannot become a flood of queries.
HEALTH_CHECK_SECONDS = 1.0
_health = {"checked": 0.0, "checks": None}
_health_lock = threading.Lock()


def health_checks():
    """``{"database": "ok" | "failing", "cache": ...}``, re-checked at most once a second."""
    with _health_lock:
        if time.monotonic() - _health["checked"] >= HEALTH_CHECK_SECONDS:
            checks = {}
            for name, check in (("database", _database_ok), ("cache", cache_answers)):
                try:
                    checks[name] = "ok" if check() else "failing"
                except Exception:  # Any failure means "take this server out of rotation".
                    logger.exception("Health check: the %s is not answering", name)
                    checks[name] = "failing"
            _health.update(checked=time.monotonic(), checks=checks)
        return _health["checks"]


@never_cache
@require_safe
def health(request):
    """For load balancers: 200 when the database and the cache answer, 503 when either does not.

    Which part failed is said only to DJANGO_HEALTH_DETAIL_FROM (the load balancer, a monitor):
    to anyone else the state of the site's services is none of their business.
    """
    checks = health_checks()
    healthy = all(state == "ok" for state in checks.values())
    body = {"status": "ok" if healthy else "failing"}
    if is_health_monitor(request):
        body |= checks
    return JsonResponse(body, status=200 if healthy else 503)


def is_health_monitor(request):
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in settings.HEALTH_DETAIL_FROM)


# Seconds to suggest before trying again: a database restart takes a few.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The 500 page; but when the database did not answer, a 503 with Retry-After.

    A restarting or unreachable database is a moment's problem: visitors and load balancers
    should try again, and an editor whose save failed must be told that nothing was saved.
    Called while Django handles the exception, so ``sys.exc_info()`` is the error.
    """
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return default_server_error(request)
    page = loader.get_template("503.html").render({"form_sent": request.method == "POST"})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def security_txt_expires():
    """The Expires date: from settings, or six months ahead so a fresh file is never stale."""
    if settings.SECURITY_TXT_EXPIRES:
        return settings.SECURITY_TXT_EXPIRES
    return timezone.now().replace(microsecond=0) + timedelta(days=182)


@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): how to report a vulnerability in this site."""
    if not settings.SECURITY_TXT_CONTACT:
        raise Http404("No security contact is configured.")
    expires = security_txt_expires().astimezone(UTC)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACT]
    lines += [
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def robots_txt(request):
    """Let crawlers index the public site, but not endless search results or shared previews.

    The admin is not named: robots.txt is public, and a DJANGO_ADMIN_URL chosen to be hard to
    guess would be published here. Its pages tell robots to stay out themselves (Django's admin
    templates carry ``<meta name="robots" content="NONE,NOARCHIVE">``), and nothing links to it.
    """
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # Share links for previews: each also says noindex, but a crawler that finds one is told here.
    share_links = reverse("editing:share", args=["-"]).removesuffix("-/")
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('partnership:search')}",
        f"Disallow: {share_links}",
        "",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def web_app_manifest(request):
    """The web app manifest: the partnership's name and the site's icons."""
    site = SiteSettings.objects.current()
    manifest = {
        "name": site.name,
        "short_name": site.short_name or site.name,
        "lang": "en-GB",
        "start_url": reverse("partnership:home"),
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#1d3f6e",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file."""
    return HttpResponseRedirect(static("img/favicon.ico"))
