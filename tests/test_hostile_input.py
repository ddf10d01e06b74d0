"""
Hostile and malformed requests to every URL pattern: never a server error, never a write.

The patterns are read from the URL configuration, so a view added later is covered without
touching this file. Each gets long, unicode and percent-encoded paths; SQL and script fragments in
the query string; every method; oversized bodies; and POSTs with a missing or forged CSRF token,
both as an anonymous visitor and as a signed-in editor.
"""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver

from partnership.models import Document, Page, PressStatement

pytestmark = pytest.mark.django_db

HOSTILE_QUERY = (
    "q=%27%20OR%20%271%27%3D%271%27--&id=1;DROP%20TABLE%20auth_user"
    "&next=//evil.example/&page=-1&p=99999999999999999999&o=nonsense.%2F"
    "&s=%3Cscript%3Ealert(1)%3C/script%3E&year=%00&slug=..%2F..%2Fetc%2Fpasswd"
)
HOSTILE_SUFFIXES = (
    "a" * 4000,
    "%00",
    "%ff%fe%fd",
    "%F0%9F%92%A9/%C3%BC%E2%80%AE/",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "<script>alert(1)</script>",
    "'%20OR%201=1--",
)
OVERSIZED = b"x=" + b"a" * (3 * 1024 * 1024)
METHODS = ("put", "patch", "delete", "options", "trace")

# Regex fragments Django's admin uses in re_path(), with a value each accepts.
REGEX_SAMPLES = (
    (r"\(\?P<\w+>([\w|]+?)\|[^)]*\)", r"\1"),  # a choice of app labels: take the first
    (r"\(\?P<\w+>\\d\+\)", "1"),
    (r"\(\?P<\w+>\.\+\)", "1"),
    (r"\(\?P<\w+>\.\*\)", "x"),
    (r"\(\?P<\w+>[^)]*\)", "x"),
)
CONVERTER_SAMPLES = {"int": "1", "year": "2022", "path": "1", "str": "x", "slug": "x"}


def sample_path(route):
    """A concrete path for a URL pattern's route or regex."""
    if route.startswith("^") or route.endswith("$"):
        route = route.lstrip("^").rstrip("$")
        for fragment, value in REGEX_SAMPLES:
            route = re.sub(fragment, value, route)
        return route
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: CONVERTER_SAMPLES.get(m.group(1) or "str"), route)


def every_path(resolver=None, prefix=""):
    """One concrete path per URL pattern, walking included URL configurations."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + sample_path(str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            yield from every_path(pattern, route)
        else:
            yield "/" + route


def stored_content():
    """Every row except sessions, django-axes' sign-in log, and what opening an edit form records
    by design: who has it open, and the first version of an item to compare a later save with."""
    out = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["sessions", "axes", "admin.logentry", "editing.presence", "reversion"],
        stdout=out,
        verbosity=0,
    )
    return json.loads(out.getvalue())


def hostile_requests(client, path):
    """(description, response) for each hostile request to one path."""
    yield "query", client.get(f"{path}?{HOSTILE_QUERY}")
    for suffix in HOSTILE_SUFFIXES:
        yield f"suffix {suffix[:20]}", client.get(path + suffix)
    yield "post without token", client.post(path, {"title": "<script>x</script>"})
    client.cookies["csrftoken"] = "A" * 32
    yield "post forged token", client.post(path, {"csrfmiddlewaretoken": "B" * 32, "x": "1"})
    yield "oversized", client.generic("POST", path, OVERSIZED, "application/x-www-form-urlencoded")
    yield "bad json", client.generic("POST", path, b'{"a":', "application/json")
    for method in METHODS:
        yield method, getattr(client, method)(path) if method != "trace" else client.trace(path)


@pytest.fixture
def real_paths(seeded):
    """Paths of real published objects too, so detail views run beyond their 404."""
    objects = [PressStatement.objects.first(), Page.objects.first(), Document.objects.first()]
    return [obj.get_absolute_url() for obj in objects if obj]


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "editor"])
def test_hostile_requests_never_fail_or_write(real_paths, editor, signed_in):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(editor)
    paths = sorted(set(every_path())) + real_paths
    assert len(paths) > 50  # the admin's patterns were found as well as the site's
    before = stored_content()

    failures = [
        f"{description} {path[:60]} -> {response.status_code}"
        for path in paths
        for description, response in hostile_requests(client, path)
        if response.status_code >= 500
    ]

    assert failures == []
    assert stored_content() == before
