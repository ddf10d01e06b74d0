from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.views.defaults import permission_denied, server_error
from pytest_django.asserts import assertContains

from .factories import SiteSettingsFactory

pytestmark = pytest.mark.django_db


def test_500_page_renders_when_the_database_is_down(db):
    client = Client(raise_request_exception=False)
    database_down = OperationalError("could not connect to server")
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=database_down):
        response = client.get("/")
    assert response.status_code == 500
    assertContains(
        response, "<h1>Sorry, there is a problem with the service</h1>", html=True, status_code=500
    )
    assertContains(response, "If a child is in immediate danger, call 999.", status_code=500)
    assertContains(response, '<a href="#main-content" class="skip-link">', status_code=500)


def test_500_page_makes_no_database_query(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500


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
