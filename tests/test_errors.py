import os

import pytest
from django.test import Client
from django.views.defaults import permission_denied
from pytest_django.asserts import assertContains

from lscp_site.views import server_error

from .factories import SiteSettingsFactory
from .servers import Browser, free_port, gunicorn_servers

pytestmark = pytest.mark.django_db


def test_500_page_is_plain_and_makes_no_database_query(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assertContains(
        response, "<h1>Sorry, there is a problem with the service</h1>", html=True, status_code=500
    )
    assertContains(response, "If a child is in immediate danger, call 999.", status_code=500)
    assertContains(response, '<a href="#main-content" class="skip-link">', status_code=500)


@pytest.fixture
def database_out_of_reach(tmp_path):
    """gunicorn in production's configuration whose PostgreSQL server does not answer."""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/lscp",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "DJANGO_DEBUG": "false",
    }
    with gunicorn_servers(env, tmp_path, workers=[1]) as (port,):
        yield port


@pytest.mark.django_db(False)
def test_with_the_database_out_of_reach_everyone_is_told_to_try_again(database_out_of_reach):
    visitor = Browser(database_out_of_reach)
    status, headers, page = visitor.get("/")
    assert (status, headers["Retry-After"]) == (503, "30")
    assert "<h1>Sorry, the service is unavailable for a moment</h1>" in page.decode()
    assert "If a child is in immediate danger, call 999." in page.decode()

    # An editor's form that reached the database: told in so many words that nothing was saved.
    editor = Browser(database_out_of_reach)
    editor.cookies["csrftoken"] = "k" * 32
    status, _, page = editor.post("/admin/login/", {"username": "editor", "password": "secret"})
    assert status == 503
    assert "What you sent has not been saved." in page.decode()


def test_403_page_is_in_the_sites_design(rf):
    SiteSettingsFactory(name="Example Partnership")
    response = permission_denied(rf.get("/"), exception=None)
    content = response.content.decode()
    assert response.status_code == 403
    assert "<title>You cannot see this page – Example Partnership</title>" in content
    assert "<h1>You cannot see this page</h1>" in content


def test_a_failed_csrf_check_explains_what_to_do(settings):
    SiteSettingsFactory(name="Example Partnership")
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{settings.ADMIN_URL}login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assertContains(response, "<h1>Your form was not sent</h1>", html=True, status_code=403)
    assertContains(response, "Go back, reload the page", status_code=403)


def test_a_request_for_another_host_gets_a_400_page(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assertContains(
        response, "<h1>Sorry, we could not understand that request</h1>", html=True, status_code=400
    )
    assert "attacker.example" not in response.content.decode()


def test_404_page_is_in_the_sites_design(client):
    response = client.get("/no/such/page/")
    assertContains(response, "<h1>Page not found</h1>", html=True, status_code=404)
    assertContains(response, 'action="/search/"', status_code=404)
