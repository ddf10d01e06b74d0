"""Production configuration: start-up guards, headers, cookies, sign-in lock-out, idle sessions."""

import ipaddress
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lscp_site.security import prose_editor_importmap_hash

from .observatory import score
from .pages import ADMIN_LOGIN, PUBLIC_PAGES

pytestmark = pytest.mark.django_db

PROJECT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "p7Qz!k2vX9#mL4wR8tY1uE6oA3sD5fG0hJ-nB@cV*xZ^qW&eR(tY)uI_oP+lK=jH",
    "DJANGO_ALLOWED_HOSTS": "safeguarding.example.org",
    "DJANGO_DEBUG": "false",
}
PASSWORD = "a-long-editor-password"


def run_django(args, **overrides):
    """Run manage.py in a fresh process with production's environment (no test conveniences)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(PRODUCTION_ENV, **overrides)
    environ = {k: v for k, v in environ.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("variable", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(variable):
    result = run_django(["check"], **{variable: None})
    assert result.returncode != 0
    assert f"You must set the {variable} environment variable" in result.stderr


def secure_get(client, path, **extra):
    return client.get(path, secure=True, **extra)


@pytest.mark.parametrize("path", [*PUBLIC_PAGES.values(), "/health/"])
def test_security_headers(client, seeded, path):
    response = secure_get(client, path)
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    hsts = response.headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_static_files_carry_the_headers_too(client, seeded):
    stylesheet = re.search(
        r'href="(/static/css/site\.[0-9a-f]+\.css)"', secure_get(client, "/").text
    )
    response = client.get(stylesheet.group(1), secure=True)
    assert response.status_code == 200
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_public_pages_allow_no_inline_script_and_set_no_cookies(client, seeded):
    response = secure_get(client, "/")
    assert prose_editor_importmap_hash() not in response.headers["Content-Security-Policy"]
    assert not response.cookies


def test_admin_allows_exactly_the_editor_import_map(admin_client):
    response = admin_client.get(reverse("admin:partnership_pressstatement_add"), secure=True)
    assert '<script type="importmap"' in response.text
    csp = response.headers["Content-Security-Policy"]
    assert prose_editor_importmap_hash() in csp
    assert "unsafe-inline" not in csp


@pytest.mark.parametrize("path", [PUBLIC_PAGES["home"], ADMIN_LOGIN])
def test_observatory_score_is_at_least_120(client, seeded, path):
    response = secure_get(client, path)
    set_cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    total, results = score(response.headers, set_cookies)
    assert total >= 120, results


def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1"),)
    response = client.get("/partners/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/partners/"
    assert client.get("/partners/", headers={"X-Forwarded-Proto": "https"}).status_code != 301
    assert client.get("/health/").status_code == 200


def sign_in(client, password=PASSWORD, address="203.0.113.7", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        headers=headers,
    )


def is_signed_in(response):
    return response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(client, editor):
    login = client.get(reverse("admin:login"), secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = sign_in(client)
    assert is_signed_in(response)
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_five_failures_lock_out_that_username_from_that_address(client, editor):
    for _ in range(4):
        assert sign_in(client, password="wrong").status_code == 200
    # The fifth failure starts the lock-out; now even the right password is refused.
    assert sign_in(client, password="wrong").status_code == 429
    locked = sign_in(client)
    assert locked.status_code == 429
    assert "<h1>Signing in is paused</h1>" in locked.text
    # The same editor from another address is not locked out.
    assert is_signed_in(sign_in(client, address="198.51.100.20"))


def test_lock_out_ends_after_the_cool_off(client, editor):
    for _ in range(5):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 429
    with time_machine.travel(
        timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    ):
        assert is_signed_in(sign_in(client))


def test_forged_forwarded_for_does_not_dodge_the_lock_out(client, editor):
    for attempt in range(5):
        sign_in(client, password="wrong", X_Forwarded_For=f"10.0.0.{attempt}")
    assert sign_in(client, X_Forwarded_For="10.0.0.99").status_code == 429


def test_behind_a_proxy_the_client_address_comes_from_forwarded_for(client, editor, settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/24"),)
    proxy = "10.0.0.1"
    for _ in range(5):
        sign_in(client, password="wrong", address=proxy, X_Forwarded_For="203.0.113.7")
    assert sign_in(client, address=proxy, X_Forwarded_For="203.0.113.7").status_code == 429
    # Another visitor through the same proxy is unaffected, even one who forges a prefix; so is
    # one behind a second proxy of ours.
    assert is_signed_in(
        sign_in(client, address=proxy, X_Forwarded_For="203.0.113.7, 198.51.100.20")
    )
    assert is_signed_in(
        sign_in(client, address=proxy, X_Forwarded_For="203.0.113.7, 198.51.100.21, 10.0.0.2")
    )


def test_admin_session_ends_after_idle_time(client, editor):
    assert is_signed_in(sign_in(client))
    start = timezone.now()
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    index = reverse("admin:index")
    # Activity keeps the session alive past the idle limit...
    for step in (0.5, 1.0, 1.5):
        with time_machine.travel(start + idle * step):
            assert client.get(index).status_code == 200
    # ...and a pause longer than it signs the editor out.
    with time_machine.travel(start + idle * 2.6):
        response = client.get(index)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_password_validators_refuse_a_weak_password(admin_client, editor):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[editor.pk]),
        {"password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert "This password is too common." in response.text
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
