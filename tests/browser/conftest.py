"""
Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live server.

`make test` installs Chromium (`make browser`); `playwright install` cannot download browsers
here, so the launch names the executable. Every request to a host other than the live server is
refused, so tests never reach the internet and outbound navigations (the quick exit) can be
intercepted.
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from ..pages import add_sample_events_and_learning
from .chromium import CHROMIUM_ARGS
from .helpers import new_page

# Playwright's sync API runs an event loop in the test thread; the ORM calls tests make alongside
# it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


HERE = Path(__file__).parent

# An assertion waits up to 15 s for the page to agree (Playwright's default is 5 s): an upload
# that makes a picture's renditions, on two busy cores, can take longer than 5 s and is no fault.
expect.set_options(timeout=15_000)


@pytest.hookimpl(tryfirst=True)  # before -m "not browser" deselects by marker
def pytest_collection_modifyitems(items):
    """Everything under tests/browser/ is a browser test, so `make test-fast` can leave it out."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def chromium_executable():
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Chromium is not installed: run `make browser` (apt-get install chromium).")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's live server, but static files go through the site's own WhiteNoise.

    The default handler serves unhashed source files; production serves collectstatic's hashed,
    compressed files with WhiteNoise's headers, and so do these tests.
    """
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda handler: handler
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_site(live_server, transactional_db):
    """The live server's base URL, with the real initial content loaded, and a sample event and
    briefing."""
    call_command("load_initial_content", verbosity=0, stdout=open(os.devnull, "w"))
    add_sample_events_and_learning()
    return live_server.url


@pytest.fixture
def outbound():
    """URLs the page tried to open on other hosts (each refused)."""
    return []


@pytest.fixture
def page(browser, live_site, outbound):
    page = new_page(browser, live_site, outbound, viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()
