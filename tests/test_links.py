"""The link checker against local servers only: 200, 301, 404, 500, slow, a 50 MB body."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from quality.links import check_url
from quality.models import CheckedLink

from .factories import DocumentFactory, PageFactory
from .servers import free_port

pytestmark = pytest.mark.django_db

FIFTY_MB = 50 * 1024 * 1024


class Answers(BaseHTTPRequestHandler):
    """A site whose paths answer as their names say; every request is recorded."""

    requests = []
    sent = 0
    finished = threading.Event()

    def log_message(self, *args):
        pass

    def answer(self, body=True):
        self.requests.append((self.command, self.path))
        path = self.path.split("?")[0]
        if path == "/ok":
            self.reply(200, b"fine", body)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/missing":
            self.reply(404, b"not found", body)
        elif path == "/error":
            self.reply(500, b"oops", body)
        elif path == "/slow":
            time.sleep(3)
            self.reply(200, b"late", body)
        elif path == "/no-head":
            if self.command == "HEAD":
                self.reply(405, b"", body)
            else:
                self.reply(200, b"fine", body)
        elif path == "/huge" and self.command == "HEAD":
            # Refused, so the checker asks with GET and meets the whole 50 MB.
            self.reply(405, b"", body)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", str(FIFTY_MB))
            self.end_headers()
            if body:
                chunk = b"x" * 65536
                try:
                    for _ in range(FIFTY_MB // len(chunk)):
                        self.wfile.write(chunk)
                        Answers.sent += len(chunk)
                except OSError:
                    Answers.finished.set()
                    return
                Answers.finished.set()
        else:
            self.reply(404, b"", body)

    def reply(self, status, content, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)

    def do_HEAD(self):
        self.answer(body=False)

    def do_GET(self):
        self.answer()


@pytest.fixture
def site(settings):
    settings.LINK_CHECK_TIMEOUT = 1.0
    settings.LINK_CHECK_PAUSE = 0
    settings.LINK_CHECK_MAX_BYTES = 64 * 1024
    Answers.requests, Answers.sent = [], 0
    Answers.finished = threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Answers)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("path", "ok", "status", "problem"),
    [
        ("/ok", True, 200, ""),
        ("/no-head", True, 200, ""),
        ("/missing", False, 404, "Page not found"),
        ("/error", False, 500, "The site had an error"),
        ("/loop", False, None, "Too many redirects"),
    ],
)
def test_answers(site, path, ok, status, problem):
    result = check_url(site + path)
    assert (result.ok, result.status_code) == (ok, status)
    assert result.problem.startswith(problem)


def test_a_permanent_move_works_and_says_where_to(site):
    result = check_url(site + "/moved")
    assert result.ok and result.redirected_to == site + "/ok"


def test_head_first_and_get_only_when_head_is_refused(site):
    check_url(site + "/ok")
    check_url(site + "/no-head")
    assert Answers.requests == [("HEAD", "/ok"), ("HEAD", "/no-head"), ("GET", "/no-head")]


def test_a_slow_site_is_given_up_on_at_the_timeout(site):
    started = time.monotonic()
    result = check_url(site + "/slow")
    assert time.monotonic() - started < 2
    assert not result.ok and result.problem == "The site took too long to answer."


def test_a_50_mb_answer_is_read_only_as_far_as_the_limit(site, settings):
    settings.LINK_CHECK_TIMEOUT = 5.0
    started = time.monotonic()
    result = check_url(site + "/huge")
    assert result.ok and result.status_code == 200
    assert ("GET", "/huge") in Answers.requests
    assert time.monotonic() - started < 3
    # The checker hung up: the server could send no more than what socket buffers hold.
    assert Answers.finished.wait(5)
    assert Answers.sent < FIFTY_MB // 4


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)", "gopher://x"]
)
def test_anything_but_http_and_https_is_refused_without_a_request(url):
    result = check_url(url)
    assert not result.ok
    assert result.problem == "Only web addresses starting http:// or https:// are checked."


def test_links_to_the_site_itself_are_asked_of_the_site():
    PageFactory(slug="thresholds")
    PageFactory(slug="drafty", status="draft")
    assert check_url("/thresholds/").ok
    assert not check_url("/drafty/").ok
    assert check_url("/no-such-page/").status_code == 404


def test_per_host_limit(site, settings):
    settings.LINK_CHECK_PER_HOST = 2
    body = "".join(f'<p><a href="{site}/ok?{n}">Report {n}</a></p>' for n in range(5))
    PageFactory(title="Many links", body=body)
    call_command("check_links", stdout=open("/dev/null", "w"))
    assert len(Answers.requests) == 2
    assert CheckedLink.objects.count() == 2


def test_the_command_stores_results_and_the_report_shows_where_each_is_used(site, editor_client):
    PageFactory(
        title="Thresholds",
        slug="thresholds",
        body=f'<p><a href="{site}/missing">The old guidance</a> and '
        f'<a href="/gone/">our old page</a> and <a href="{site}/ok">the new one</a>.</p>',
    )
    DocumentFactory(title="Yearly report", external_url=f"{site}/error")
    PageFactory(title="A draft", status="draft", body=f'<p><a href="{site}/loop">x</a></p>')
    call_command("check_links", stdout=open("/dev/null", "w"))
    broken = set(CheckedLink.objects.filter(ok=False).values_list("url", flat=True))
    assert broken == {f"{site}/missing", "/gone/", f"{site}/error"}
    assert CheckedLink.objects.get(url=f"{site}/ok").ok

    response = editor_client.get(reverse("admin:quality_checkedlink_changelist"))
    text = " ".join(strip_tags(response.text).split())
    assert "Broken: Page not found" in text
    assert "Thresholds (Page)" in text and "Yearly report (Publication)" in text
    home = " ".join(strip_tags(editor_client.get(reverse("admin:index")).text).split())
    assert "3 broken links in published content" in home

    # A link no longer in published content leaves the report at the next run.
    DocumentFactory._meta.model.objects.update(status="draft")
    call_command("check_links", stdout=open("/dev/null", "w"))
    assert not CheckedLink.objects.filter(url=f"{site}/error").exists()


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "http://example.org:99999/", "http://", "https:///path", "//evil.example"],
)
def test_an_address_that_cannot_be_opened_is_an_answer_not_an_error(url):
    result = check_url(url)
    assert not result.ok and result.problem
