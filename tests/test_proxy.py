"""The site behind deploy/'s nginx configuration, with TLS, as it runs in production.

A throw-away certificate, nginx from Debian and gunicorn with gunicorn.conf.py, on free ports.
Clients connect from other loopback addresses (127.0.0.2, 127.0.0.3) so the address nginx
reports is not the proxy's own. Also checks deploy/'s systemd units. Run by .ci/run (-m proxy).
"""

import http.client
import os
import re
import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from .helpers import manage
from .servers import free_port, wait_for_port

pytestmark = pytest.mark.proxy

BASE_DIR = Path(settings.BASE_DIR)
DEPLOY = BASE_DIR / "deploy"
HOST = "lscp.test"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def render_site(tmp_path, http_port, https_port, upstream):
    certificate, key = tmp_path / "site.crt", tmp_path / "site.key"
    subprocess.run(
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}", "-keyout", key, "-out", certificate],
        check=True, capture_output=True,
    )  # fmt: skip
    values = {
        "SERVER_NAME": HOST,
        "HTTP_PORT": f"127.0.0.1:{http_port}",
        "HTTPS_PORT": f"127.0.0.1:{https_port}",
        "CERTIFICATE": certificate,
        "CERTIFICATE_KEY": key,
        "UPSTREAM": upstream,
        "MAX_BODY": "1m",
        "ERROR_PAGES": DEPLOY / "nginx" / "errors",
    }
    site = (DEPLOY / "nginx" / "lscp.conf").read_text()
    for name, value in values.items():
        site = site.replace("{{" + name + "}}", str(value))
    assert "{{" not in site, "every placeholder in deploy/nginx/lscp.conf is documented"
    (tmp_path / "lscp.conf").write_text(site)
    # The parts of /etc/nginx/nginx.conf a site relies on, with everything under tmp_path.
    (tmp_path / "nginx.conf").write_text(
        f"""
        user root;
        worker_processes 1;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        events {{ worker_connections 256; }}
        http {{
            include /etc/nginx/mime.types;
            access_log {tmp_path}/access.log;
            client_body_temp_path {tmp_path}/body;
            proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi;
            uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
            include {tmp_path}/lscp.conf;
        }}
        """
    )
    return tmp_path / "nginx.conf"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (.ci/run installs it)")
    tmp_path = tmp_path_factory.mktemp("proxy")
    gunicorn_port, http_port, https_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "true",
        "DJANGO_TRUSTED_PROXIES": "127.0.0.1",
        "DJANGO_HEALTH_DETAIL_FROM": "127.0.0.1",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "WEB_CONCURRENCY": "2",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_initial_content", "-v0")
    config = render_site(tmp_path, http_port, https_port, f"127.0.0.1:{gunicorn_port}")
    subprocess.run([NGINX, "-t", "-c", config], check=True, capture_output=True)
    log = open(tmp_path / "gunicorn.log", "w")
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lscp_site.wsgi",
         "--bind", f"127.0.0.1:{gunicorn_port}"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    nginx = subprocess.Popen([NGINX, "-c", config, "-g", "daemon off;"], stderr=log)
    try:
        wait_for_port(gunicorn_port)
        wait_for_port(https_port)
        yield {"http": http_port, "https": https_port, "gunicorn": gunicorn_port, "tmp": tmp_path}
    finally:
        nginx.terminate()
        gunicorn.terminate()
        nginx.wait(timeout=20)
        gunicorn.wait(timeout=20)
        log.close()


def request(port, method, path, *, tls=True, source="127.0.0.2", headers=None, body=None):
    """One request from ``source``, with Host lscp.test as a browser on port 443 would send."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(
            "127.0.0.1", port, context=context, source_address=(source, 0), timeout=20
        )
    else:
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, source_address=(source, 0), timeout=20
        )
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        connection.close()


def sign_in(port, password, *, source="127.0.0.2", forged_for=None):
    """A whole sign-in as a browser does it: the form (for its CSRF token), then the post."""
    status, headers, page = request(port, "GET", "/admin/login/", source=source)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    extra = {"X-Forwarded-For": forged_for} if forged_for else {}
    body = f"csrfmiddlewaretoken={token}&username=editor&password={password}&next=/admin/"
    status, _, _ = request(
        port,
        "POST",
        "/admin/login/",
        source=source,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/admin/login/",
            **extra,
        },
    )
    return status


def test_nginx_accepts_the_shipped_configuration(site):
    # The fixture ran `nginx -t` on it; this is the syntax check CI relies on, spelled out.
    result = subprocess.run(
        [NGINX, "-t", "-c", site["tmp"] / "nginx.conf"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_plain_http_is_redirected_to_https(site):
    status, headers, _ = request(site["http"], "GET", "/statements/?page=2", tls=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/statements/?page=2"


def test_https_pages_carry_hsts(site):
    status, headers, page = request(site["https"], "GET", "/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Server" not in headers or "nginx/" not in headers["Server"]
    assert "<h1" in page


def test_forged_forwarding_headers_change_nothing(site):
    forged = {
        "SCRIPT_NAME": "/statements",
        "Script-Name": "/statements",
        "X-Forwarded-Proto": "http",
        "X-Forwarded-Host": "attacker.example",
        "X-Forwarded-For": "198.51.100.1",
    }
    for _ in range(2):  # the second from the page cache
        status, headers, page = request(site["https"], "GET", "/statements/", headers=forged)
        assert status == 200, "no redirect loop from a forged X-Forwarded-Proto"
        assert "<h1>Press statements</h1>" in page
        assert "attacker.example" not in page
        assert 'href="/statements/statements/' not in page
    # The home page is still the home page.
    assert "<h1>Press statements</h1>" not in request(site["https"], "GET", "/")[2]


def test_a_script_name_sent_straight_to_gunicorn_changes_nothing(site):
    headers = {"X-Forwarded-Proto": "https", "SCRIPT_NAME": "/statements"}
    for _ in range(2):
        _, _, page = request(
            site["gunicorn"], "GET", "/statements/", tls=False, source="127.0.0.1", headers=headers
        )
        assert "<h1>Press statements</h1>" in page


def test_the_lock_out_sees_the_real_client_not_its_forged_header(site):
    port = site["https"]
    # The editor account, made in the running site's database.
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{site['tmp'] / 'db.sqlite3'}"}
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User\n"
        "User.objects.create_user('editor', password='a-long-editor-password', is_staff=True)",
    )
    for attempt in range(5):
        sign_in(port, "wrong", source="127.0.0.2", forged_for=f"192.0.2.{attempt}")
    assert sign_in(port, "a-long-editor-password", source="127.0.0.2", forged_for="192.0.2.9") == (
        429
    )
    # Another visitor (another address) signs in as usual.
    assert sign_in(port, "a-long-editor-password", source="127.0.0.3") == 302


def test_forged_forwarding_headers_straight_to_gunicorn_are_not_believed(site):
    # gunicorn bound to the network, reached without nginx: the forged X-Forwarded-Proto does not
    # make the request HTTPS, so it never gets as far as a sign-in (and the forged
    # X-Forwarded-For is dropped with it: tests/test_hardening.py).
    status, headers, _ = request(
        site["gunicorn"],
        "POST",
        "/admin/login/",
        tls=False,
        source="127.0.0.4",
        body="username=editor&password=wrong",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "192.0.2.1",
        },
    )
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/admin/login/"


def test_an_oversized_upload_is_refused_by_nginx_with_a_clear_page(site):
    status, _, page = request(
        site["https"],
        "POST",
        "/admin/partnership/document/add/",
        body=b"0" * (2 * 1024 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert status == 413
    assert "too large for us to accept" in page


def test_health_details_are_only_for_the_monitor(site):
    status, _, body = request(site["https"], "GET", "/health/")
    assert (status, body) == (200, '{"status": "ok"}')
    _, _, detail = request(site["gunicorn"], "GET", "/health/", tls=False, source="127.0.0.1")
    assert '"database": "ok"' in detail


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd is not installed")
def test_the_systemd_units_verify(tmp_path):
    # The units name the production paths; point them at this checkout so verify can find them.
    for unit in (DEPLOY / "systemd").iterdir():
        text = unit.read_text().replace("/srv/lscp/app/.venv", str(Path(sys.executable).parents[1]))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        [
            shutil.which("systemd-analyze"),
            "verify",
            "--man=no",
            *sorted(map(str, tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    problems = [
        line
        for line in result.stderr.splitlines()
        # This machine has no lscp user or /srv folders; a server being set up has both.
        if line.strip() and "/srv/lscp" not in line and "lscp.env" not in line
    ]
    assert result.returncode == 0 or not problems, result.stderr
    assert problems == [], result.stderr
