"""The page cache: never stale, never shared where it must not be, friendly to browsers and CDNs."""

import datetime
import gzip

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from partnership.models import SiteSettings, Status
from partnership.page_cache import PageCacheMiddleware

from .factories import PressStatementFactory, SiteSettingsFactory, VisionStatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(db):
    return SiteSettingsFactory(introduction_heading="The first heading")


def test_a_repeat_visit_is_served_from_the_cache(client):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_an_edit_shows_on_the_very_next_request(client):
    assertContains(client.get("/"), "The first heading")
    settings_row = SiteSettings.objects.current()
    settings_row.introduction_heading = "An edited heading"
    settings_row.save()
    assertContains(client.get("/"), "An edited heading")


def test_a_bulk_update_shows_on_the_very_next_request(client):
    # QuerySet.update() sends no save signal; the page cache must hear of it all the same.
    assertContains(client.get("/"), "The first heading")
    SiteSettings.objects.update(introduction_heading="A heading changed in bulk")
    assertContains(client.get("/"), "A heading changed in bulk")


def test_publishing_a_draft_shows_on_the_very_next_request(client):
    draft = PressStatementFactory(title="Held back for now", status=Status.DRAFT)
    assertNotContains(client.get("/statements/"), "Held back for now")
    draft.status = Status.PUBLISHED
    draft.save()
    assertContains(client.get("/statements/"), "Held back for now")


def test_a_deletion_shows_on_the_very_next_request(client):
    statement = PressStatementFactory(title="Withdrawn statement")
    assertContains(client.get("/statements/"), "Withdrawn statement")
    statement.delete()
    assertNotContains(client.get("/statements/"), "Withdrawn statement")


def test_a_vision_comes_into_force_at_midnight(client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 31, 22, 30, tzinfo=datetime.UTC))
    VisionStatementFactory(statement="The new vision", in_force_from="2027-04-01")
    assertNotContains(client.get("/vision/"), "The new vision")
    assert client.get("/vision/")["X-Page-Cache"] == "hit"
    # Midnight in London (BST) is 23:00 UTC.
    time_machine.move_to(datetime.datetime(2027, 3, 31, 23, 30, tzinfo=datetime.UTC))
    assertContains(client.get("/vision/"), "The new vision")


def test_a_cdn_may_not_keep_a_page_past_the_next_scheduled_change(client):
    PressStatementFactory(publish_at=timezone.now() + datetime.timedelta(seconds=20))
    cache_control = client.get("/")["Cache-Control"]
    assert cache_control.startswith("public, max-age=0, s-maxage=")
    assert 0 < int(cache_control.rsplit("=", 1)[1]) <= 20


def test_pages_are_cached_separately_for_each_contrast_preference(client):
    assert client.get("/")["X-Page-Cache"] == "miss"
    client.cookies["contrast"] = "high"
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    client.cookies["contrast"] = "standard"
    assert client.get("/")["X-Page-Cache"] == "miss"
    # A value the site never sets means "follow the system", like no cookie at all.
    client.cookies["contrast"] = "<script>"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_browsers_get_304_for_a_page_they_already_have(client):
    first = client.get("/")
    again = client.get("/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    edited = SiteSettings.objects.current()
    edited.introduction_heading = "Changed"
    edited.save()
    assert client.get("/", headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_cache_headers_let_a_cdn_share_pages_by_cookie_and_encoding(client):
    response = client.get("/")
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert set(response["Vary"].split(", ")) == {"Accept-Encoding", "Cookie"}


def test_cached_pages_keep_their_security_headers(client):
    fresh, cached = client.get("/"), client.get("/")
    assert cached["X-Page-Cache"] == "hit"
    assert cached["X-Frame-Options"] == fresh["X-Frame-Options"] == "DENY"


def test_pages_are_sent_compressed_to_clients_that_accept_it(client):
    plain = client.get("/")
    compressed = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2


def test_the_admin_is_never_cached(admin_client):
    response = admin_client.get("/admin/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def uses_csrf_token(request):
    get_token(request)
    return HttpResponse("<form>token</form>")


def sets_a_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("sessionid", "a-visitor's-session")
    return response


def varies_on_the_session(request):
    return HttpResponse("Signed in as Sam", headers={"Vary": "Cookie"})


def uses_a_csp_nonce(request):
    csp = "script-src 'nonce-abc123'"
    return HttpResponse("<script nonce=abc123></script>", headers={"Content-Security-Policy": csp})


@pytest.mark.parametrize(
    "view", [uses_csrf_token, sets_a_cookie, varies_on_the_session, uses_a_csp_nonce]
)
def test_visitor_specific_responses_are_never_replayed(view):
    calls = []

    def get_response(request):
        calls.append(request)
        return view(request)

    middleware = PageCacheMiddleware(get_response)
    first = middleware(RequestFactory().get("/private/"))
    second = middleware(RequestFactory().get("/private/"))
    assert len(calls) == 2, "the second visitor got the first visitor's response"
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


class BrokenCache:
    """A cache whose server has gone away: every call fails, as Redis's client does."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache server refused the connection")

        return fail


def test_with_the_cache_down_pages_render_and_edits_save(client, monkeypatch):
    broken = BrokenCache()
    monkeypatch.setattr("partnership.page_cache.cache", broken)

    assertContains(client.get("/"), "The first heading")
    assertContains(client.get("/statements/"), "Press statements")

    row = SiteSettings.objects.current()
    row.introduction_heading = "Saved while the cache was down"
    row.save()
    assertContains(client.get("/"), "Saved while the cache was down")
