"""The contrast preference: cookie in, class on <html> out, and a POST that cannot be abused."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db

TOGGLE = "/preferences/contrast/"


def html_tag(response):
    content = response.content.decode()
    return content[content.index("<html") : content.index(">", content.index("<html")) + 1]


def toggle_button(response):
    content = response.content.decode()
    start = content.index('<button class="contrast-toggle__button"')
    return content[start : content.index("</button>", start)]


class TestRenderedTheme:
    def test_no_choice_follows_the_system(self, client, seeded):
        response = client.get("/")
        assert html_tag(response) == '<html lang="en-GB">'
        assert 'aria-pressed="false"' in toggle_button(response)
        assertContains(response, '<input type="hidden" name="contrast" value="high">', html=True)

    def test_high_choice_renders_the_high_contrast_class_and_a_pressed_button(self, client, seeded):
        client.cookies["contrast"] = "high"
        response = client.get("/partners/")
        assert html_tag(response) == '<html lang="en-GB" class="contrast-high">'
        assert 'aria-pressed="true"' in toggle_button(response)
        assertContains(
            response, '<input type="hidden" name="contrast" value="standard">', html=True
        )

    def test_standard_choice_overrides_the_system(self, client, seeded):
        client.cookies["contrast"] = "standard"
        assert html_tag(client.get("/")) == '<html lang="en-GB" class="contrast-standard">'

    @pytest.mark.parametrize("value", ["HIGH", "high contrast", 'x" onload="alert(1)', ""])
    def test_unknown_cookie_is_ignored(self, client, seeded, value):
        client.cookies["contrast"] = value
        response = client.get("/")
        assert response.status_code == 200
        assert html_tag(response) == '<html lang="en-GB">'

    def test_label_never_changes(self, client, seeded):
        off = toggle_button(client.get("/"))
        client.cookies["contrast"] = "high"
        on = toggle_button(client.get("/"))
        assert off.rsplit(">", 1)[1] == on.rsplit(">", 1)[1] == "High contrast"

    def test_toggle_returns_to_the_page_it_is_on(self, client, seeded):
        response = client.get("/statements/?page=1")
        assertContains(
            response, '<input type="hidden" name="next" value="/statements/?page=1">', html=True
        )

    def test_public_pages_carry_no_csrf_token(self, client, seeded):
        assertNotContains(client.get("/"), "csrfmiddlewaretoken")


class TestContrastEndpoint:
    def test_post_sets_the_cookie_for_a_year_and_returns_to_the_page(self, seeded):
        # A real browser posts without a token: public pages are cached and carry none.
        client = Client(enforce_csrf_checks=True)
        response = client.post(TOGGLE, {"contrast": "high", "next": "/vision/"})
        assert response.status_code == 303
        assert response["Location"] == "/vision/"
        cookie = response.cookies["contrast"]
        assert cookie.value == "high"
        assert cookie["max-age"] == 365 * 24 * 60 * 60
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert html_tag(client.get("/vision/")) == '<html lang="en-GB" class="contrast-high">'

    def test_choosing_standard_after_high_switches_back(self, client, seeded):
        client.post(TOGGLE, {"contrast": "high", "next": "/"})
        client.post(TOGGLE, {"contrast": "standard", "next": "/"})
        assert html_tag(client.get("/")) == '<html lang="en-GB" class="contrast-standard">'

    def test_repeated_post_is_harmless(self, client, seeded):
        for _ in range(3):
            response = client.post(TOGGLE, {"contrast": "high", "next": "/"})
            assert response.status_code == 303
        assert html_tag(client.get("/")) == '<html lang="en-GB" class="contrast-high">'

    @pytest.mark.parametrize(
        "next_url",
        [
            "https://evil.example/",
            "//evil.example/path",
            "/\\evil.example",
            "javascript:alert(1)",
            "http://testserver.evil.example/",
            "",
        ],
    )
    def test_off_site_or_hostile_next_goes_home(self, client, next_url):
        response = client.post(TOGGLE, {"contrast": "high", "next": next_url})
        assert response.status_code == 303
        assert response["Location"] == "/"

    def test_missing_next_goes_home(self, client):
        response = client.post(TOGGLE, {"contrast": "high"})
        assert response["Location"] == "/"

    @pytest.mark.parametrize("value", ["", "HIGH", "dark", "high; Path=/admin", "x" * 5000])
    def test_tampered_value_changes_nothing(self, client, value):
        response = client.post(TOGGLE, {"contrast": value, "next": "/partners/"})
        assert response.status_code == 303
        assert response["Location"] == "/partners/"
        assert "contrast" not in response.cookies

    def test_get_changes_nothing_and_goes_back(self, client):
        response = client.get(TOGGLE, {"contrast": "high", "next": "/vision/"})
        assert response.status_code == 302
        assert response["Location"] == "/vision/"
        assert "contrast" not in response.cookies

    def test_other_methods_are_refused(self, client):
        assert client.put(TOGGLE).status_code == 405
