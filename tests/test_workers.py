"""Real gunicorn: several workers on two "servers" sharing one database and one cache."""

import contextlib
import os
import urllib.request

import pytest

from .helpers import manage, postgresql_and_redis
from .servers import answering_workers, gunicorn_servers

REQUESTS_PER_SERVER = 24


def fetch(port, path="/"):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read().decode()


def edit(env, code):
    """Change content from another process, as an editor's admin request on any server would."""
    manage(env, "shell", "--no-imports", "-c", code)


@contextlib.contextmanager
def sqlite_and_file_cache(tmp_path):
    """One server's set-up: a SQLite file and a file cache, both in a temporary folder."""
    yield {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
    }


@pytest.fixture(params=["sqlite_and_file_cache", "postgresql_and_redis"])
def servers(request, tmp_path):
    """Two gunicorn servers (3 and 2 sync workers) sharing one database and one cache."""
    if request.param == "sqlite_and_file_cache":
        shared = sqlite_and_file_cache(tmp_path)
    else:
        shared = postgresql_and_redis("lscp_workers")
    with shared as stores:
        env = {**os.environ, **stores, "DJANGO_DEBUG": "false", "DJANGO_PAGE_CACHE_SECONDS": "3600"}
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_initial_content", "-v0")
        with gunicorn_servers(env, tmp_path, workers=(3, 2)) as ports:
            yield env, ports, tmp_path


def test_an_edit_shows_on_every_worker_of_every_server_at_once(servers):
    env, ports, tmp_path = servers
    for port in ports:
        for _ in range(REQUESTS_PER_SERVER):
            assert "What is the Local Safeguarding Children Partnership?" in fetch(port)

    edit(
        env,
        "from partnership.models import SiteSettings\n"
        "row = SiteSettings.objects.current()\n"
        "row.introduction_heading = 'An edited heading'\n"
        "row.save()",
    )
    for port in ports:
        pages = [fetch(port) for _ in range(REQUESTS_PER_SERVER)]
        assert all("An edited heading" in page for page in pages)

    edit(
        env,
        "from partnership.models import PressStatement\nPressStatement.objects.get().delete()",
    )
    for port in ports:
        pages = [fetch(port, "/statements/") for _ in range(REQUESTS_PER_SERVER)]
        assert not any("Joint Targeted Area Inspection" in page for page in pages)

    # The checks above only mean something if several workers answered on each server.
    assert [len(set(answering_workers(tmp_path, port))) >= 2 for port in ports] == [True, True]
