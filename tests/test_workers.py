"""Real gunicorn: several workers on two "servers" sharing one database and one cache."""

import contextlib
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from .helpers import free_port, manage

BASE_DIR = Path(settings.BASE_DIR)
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


@contextlib.contextmanager
def postgresql_and_redis(tmp_path):
    """Several servers' set-up: a new database on the suite's PostgreSQL server and the suite's
    Redis under a key prefix of its own. Only when the suite itself runs on both (.ci/run)."""
    database, cache = settings.DATABASES["default"], settings.CACHES["default"]
    if "postgresql" not in database["ENGINE"] or "redis" not in cache["BACKEND"].lower():
        pytest.skip("needs the suite on PostgreSQL and Redis, as in .ci/run's second pass")
    name = f"lscp_workers_{secrets.token_hex(4)}"
    server = {key: database[key] for key in ("USER", "PASSWORD", "HOST", "PORT")}

    def on_server(statement):
        # CREATE and DROP DATABASE cannot run in a transaction, so not on the test's connection.
        with psycopg.connect(
            dbname="postgres",
            user=server["USER"],
            password=server["PASSWORD"],
            host=server["HOST"],
            port=server["PORT"],
            autocommit=True,
        ) as maintenance:
            maintenance.execute(statement)

    on_server(f'CREATE DATABASE "{name}"')
    credentials = ":".join(filter(None, (server["USER"], server["PASSWORD"])))
    location = cache["LOCATION"]
    try:
        yield {
            "DATABASE_URL": f"postgres://{credentials}@{server['HOST']}:{server['PORT']}/{name}",
            "CACHE_URL": f"{location[0] if isinstance(location, list) else location}"
            f"?key_prefix={name}",
        }
    finally:
        on_server(f'DROP DATABASE "{name}" WITH (FORCE)')


@contextlib.contextmanager
def gunicorn_servers(env, tmp_path, workers):
    """One gunicorn server per entry of ``workers`` (its number of sync workers); their ports."""
    processes, ports = [], []
    for count in workers:
        port = free_port()
        log = open(tmp_path / f"access-{port}.log", "w")
        command = [
            sys.executable, "-m", "gunicorn", "lscp_site.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(count), "--access-logfile", "-", "--access-logformat", "%(p)s %(U)s",
        ]  # fmt: skip
        server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log)  # noqa: S603
        processes.append((server, log))
        ports.append(port)
    try:
        for port in ports:
            wait_for(port)
        yield ports
    finally:
        # All at once: each takes a few seconds to stop its workers.
        for process, _ in processes:
            process.terminate()
        for process, log in processes:
            process.wait(timeout=20)
            log.close()


@pytest.fixture(params=[sqlite_and_file_cache, postgresql_and_redis], ids=lambda p: p.__name__)
def servers(request, tmp_path):
    """Two gunicorn servers (3 and 2 sync workers) sharing one database and one cache."""
    with request.param(tmp_path) as stores:
        env = {**os.environ, **stores, "DJANGO_DEBUG": "false", "DJANGO_PAGE_CACHE_SECONDS": "3600"}
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_initial_content", "-v0")
        with gunicorn_servers(env, tmp_path, workers=(3, 2)) as ports:
            yield env, ports, tmp_path


def wait_for(port):
    deadline = time.monotonic() + 30
    while True:
        try:
            return fetch(port)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def worker_pids(tmp_path, port):
    log = (tmp_path / f"access-{port}.log").read_text()
    return set(re.findall(r"^<(\d+)>", log, re.MULTILINE))


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
    assert [len(worker_pids(tmp_path, port)) >= 2 for port in ports] == [True, True]
