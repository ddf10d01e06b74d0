"""The shared cache failing under a real Redis server: stopped, or stalled (SIGSTOP).

A stalled Redis accepts connections and answers nothing, as during a long fork or on a network
that drops packets. Visitors must still get pages, quickly, from the database; an editor's save
must neither fail nor wait; and when Redis comes back with the data it had, it must not serve
pages from before the save. scripts/faults.py does the same to gunicorn under load.
"""

import contextlib
import logging
import shutil
import signal
import time

import pytest
from pytest_django.asserts import assertContains

from lscp_site.settings import _cache
from lscp_site.views import _health
from partnership import page_cache
from partnership.models import SiteSettings

from .servers import Redis

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


@pytest.fixture
def redis(tmp_path, settings):
    """A Redis server of the test's own as the site's cache, as production configures it."""
    with Redis(tmp_path) as server:
        settings.CACHES = {"default": _cache(server.url)}
        _health["checked"] = 0.0
        yield server


class TooSlow(BaseException):
    """Not an Exception: nothing in the site may catch it and carry on."""


@contextlib.contextmanager
def at_most(seconds):
    """Fail, rather than hang, if the block takes longer than ``seconds``."""

    def too_slow(signum, frame):
        raise TooSlow(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed_get(client, path):
    """GET ``path``: the response and the seconds it took."""
    started = time.monotonic()
    with at_most(5):
        response = client.get(path)
    return response, time.monotonic() - started


def test_with_redis_stalled_pages_come_from_the_database_at_once(client, seeded, redis):
    assert client.get("/")["X-Page-Cache"] == "miss"
    redis.pause()
    try:
        response, seconds = timed_get(client, "/")
        assert response.status_code == 200 and seconds < 2
        assert "X-Page-Cache" not in response
        # Once a worker has met the stall it stops asking for a moment: no wait at all.
        response, seconds = timed_get(client, "/statements/")
        assertContains(response, "<h1>Press statements</h1>", html=True)
        assert seconds < 0.5
        response, _ = timed_get(client, "/health/")
        assert response.status_code == 503 and response.json()["cache"] == "failing"
    finally:
        redis.resume()


def test_an_edit_saved_while_redis_was_down_shows_when_it_comes_back_with_its_data(
    client, seeded, tmp_path, settings
):
    with Redis(tmp_path, persistent=True) as redis:
        settings.CACHES = {"default": _cache(redis.url)}
        assert client.get("/")["X-Page-Cache"] == "miss"
        redis.stop()
        row = SiteSettings.objects.current()
        row.introduction_heading = "Saved while the cache was down"
        with at_most(2):
            row.save()
        # Redis starts again with the version and pages it had, from before the save.
        redis.start()
        page_cache.shared_cache.retry_at = 0
        response, _ = timed_get(client, "/")
        assertContains(response, "Saved while the cache was down")


def test_a_cache_outage_is_logged_once_not_for_every_request(client, seeded, redis, caplog):
    redis.stop()
    # Every request tries the cache again, to show it is the log that is held back.
    page_cache.shared_cache.retry_seconds = 0
    with caplog.at_level(logging.ERROR, logger="partnership.page_cache"):
        for _ in range(10):
            assert client.get("/").status_code == 200
    assert len(caplog.records) == 1
    assert "Shared cache unavailable" in caplog.records[0].getMessage()
