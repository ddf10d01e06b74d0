"""
The link checker: every link in published content, checked, with where each one is used.

Links to the site itself are asked of the site (Django's test client: no network, and a draft
page or a removed one answers as the public would see it). Links to other sites get a bounded,
polite request: only http and https, HEAD first and GET only where HEAD is refused, a timeout on
the whole exchange, at most a few kilobytes of any answer read, a pause between requests to one
host and a limit on how many one run makes there.
"""

import http.client
import ssl
import time
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import models, transaction
from django.test import Client
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from partnership.models import content_models

from .checks import Outline
from .models import CheckedLink
from .reviews import admin_url, in_service

USER_AGENT = "LSCP-website-link-checker (checks links on our own pages; one request at a time)"
MAX_REDIRECTS = 5
# HEAD refused or not understood: ask again with GET.
TRY_GET_AFTER = {400, 403, 405, 501}


@dataclass
class Result:
    ok: bool
    status_code: int | None = None
    problem: str = ""
    redirected_to: str = ""


# --- Which links, and where -------------------------------------------------------------------


def linked_models():
    """Models whose items the public sees and that hold links: rich text or web addresses."""
    found = []
    for model in content_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, ProseEditorField | models.URLField)
        ]
        if fields:
            found.append((model, fields))
    return found


def links_in(item, fields):
    """The links in ``item``'s rich text and web address fields."""
    for f in fields:
        value = getattr(item, f.name) or ""
        if isinstance(f, ProseEditorField):
            yield from (href for href, _text in Outline(value).links if href)
        elif value:
            yield value


def published_links(containing=()):
    """{url: [{"title", "kind", "admin_url"}]} for every link in what the public sees (only in
    items whose link fields contain one of ``containing``, if given: a filter the database does)."""
    uses = defaultdict(list)
    for model, fields in linked_models():
        kind = str(model._meta.verbose_name).capitalize()
        items = in_service(model)
        if containing:
            query = models.Q(pk__in=[])
            for f in fields:
                for text in containing:
                    query |= models.Q(**{f"{f.name}__contains": text})
            items = items.filter(query)
        for item in items:
            for url in dict.fromkeys(links_in(item, fields)):
                if urlsplit(url).scheme in ("mailto", "tel", "sms"):
                    continue
                uses[url.strip()].append(
                    {"title": str(item), "kind": kind, "admin_url": admin_url(item)}
                )
    return uses


# --- Checking one link ------------------------------------------------------------------------


def own_hosts():
    hosts = {h.lstrip(".").lower() for h in settings.ALLOWED_HOSTS}
    if settings.SITE_URL:
        hosts.add((urlsplit(settings.SITE_URL).hostname or "").lower())
    return hosts - {""}


def internal_path(url):
    """The path of a link to the site itself, or None for a link elsewhere."""
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc and url.startswith("/") and not url.startswith("//"):
        return url
    try:
        port = parts.port
    except ValueError:
        return None
    # The site's own host on its usual port; the same host on another port is another server.
    if (
        parts.scheme in ("http", "https")
        and (parts.hostname or "").lower() in own_hosts()
        and port in (None, 80, 443)
    ):
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return None


def check_internal(path):
    host = next(iter(sorted(own_hosts())), "localhost")
    client = Client(raise_request_exception=False, HTTP_HOST=host)
    response = client.get(path, secure=True, follow=True)
    if response.status_code == 200:
        moved = response.redirect_chain[-1][0] if response.redirect_chain else ""
        return Result(True, 200, redirected_to=moved)
    return Result(False, response.status_code, describe(response.status_code))


def describe(status):
    if status == 404 or status == 410:
        return "Page not found: the page has gone or moved."
    if status in (401, 403):
        return "The site refuses to show it to the public."
    if status >= 500:
        return "The site had an error. It may be a passing fault: it is checked again tomorrow."
    return f"The site answered {status} {http.client.responses.get(status, '')}".strip() + "."


def request(url, method, deadline):
    """One request: (status, location). Reads at most LINK_CHECK_MAX_BYTES of the answer."""
    parts = urlsplit(url)
    timeout = max(0.1, deadline - time.monotonic())
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        if method == "GET":
            left = settings.LINK_CHECK_MAX_BYTES
            while left > 0 and time.monotonic() < deadline:
                chunk = response.read1(min(left, 16384))
                if not chunk:
                    break
                left -= len(chunk)
        return response.status, response.getheader("Location") or ""
    finally:
        # Closing leaves the rest of a large answer unread.
        connection.close()


def check_external(url, pause_for=lambda host: None):
    """Check a link to another site, following up to MAX_REDIRECTS redirects."""
    deadline = time.monotonic() + settings.LINK_CHECK_TIMEOUT
    current, moved = url, ""
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Result(
                False, problem="Only web addresses starting http:// or https:// are checked."
            )
        try:
            pause_for(parts.hostname)
            status, location = request(current, "HEAD", deadline)
            if status in TRY_GET_AFTER:
                pause_for(parts.hostname)
                status, location = request(current, "GET", deadline)
        except TimeoutError:
            return Result(False, problem="The site took too long to answer.")
        except (OSError, http.client.HTTPException, ValueError) as error:
            return Result(False, problem=f"The site could not be reached ({type(error).__name__}).")
        if time.monotonic() > deadline:
            return Result(False, problem="The site took too long to answer.")
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(current, location)
            if status in (301, 308):
                moved = current
            continue
        if 200 <= status < 300:
            return Result(True, status, redirected_to=moved)
        return Result(False, status, describe(status))
    return Result(False, problem="Too many redirects: the site sends visitors round in circles.")


# --- A run ------------------------------------------------------------------------------------


class Politeness:
    """A pause between requests to the same host, and a limit on requests per host per run."""

    def __init__(self):
        self.last = {}
        self.count = defaultdict(int)

    def over_limit(self, url):
        return self.count[(urlsplit(url).hostname or "").lower()] >= settings.LINK_CHECK_PER_HOST

    def pause_for(self, host):
        host = host.lower()
        self.count[host] += 1
        if host in self.last:
            wait = settings.LINK_CHECK_PAUSE - (time.monotonic() - self.last[host])
            if wait > 0:
                time.sleep(wait)
        self.last[host] = time.monotonic()


def check_url(url, politeness=None):
    """Check one link; whatever ``url`` holds, an answer, never an exception."""
    politeness = politeness or Politeness()
    try:
        urlsplit(url).port  # noqa: B018 - an impossible port or address raises here
        path = internal_path(url)
    except ValueError:
        return Result(False, problem="This is not a web address that can be opened.")
    if path is not None:
        return check_internal(path)
    return check_external(url, politeness.pause_for)


def check_links(stdout=None):
    """Check every link in published content and keep the results. Returns (checked, broken)."""
    uses = published_links()
    politeness = Politeness()
    checked = broken = 0
    for url, used_on in sorted(uses.items()):
        if internal_path(url) is None and politeness.over_limit(url):
            # Left for the next run; what was found before stands.
            CheckedLink.objects.filter(url=url).update(used_on=used_on)
            continue
        result = check_url(url, politeness)
        CheckedLink.objects.update_or_create(
            url=url[:2000],
            defaults={
                "ok": result.ok,
                "status_code": result.status_code,
                "problem": result.problem[:300],
                "redirected_to": result.redirected_to[:2000],
                "checked_at": timezone.now(),
                "used_on": used_on,
            },
        )
        checked += 1
        broken += not result.ok
        if stdout and not result.ok:
            stdout.write(f"Broken: {url} ({result.problem})")
    with transaction.atomic():
        CheckedLink.objects.exclude(url__in=list(uses)).delete()
    return checked, broken
