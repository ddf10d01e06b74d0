from .helpers import axe_violations


def test_home_page_renders_in_chromium_with_no_axe_violations(page, axe):
    page.goto("/")
    assert page.title().startswith("Who we are – ")
    assert page.locator("h1").inner_text() == "What is the Local Safeguarding Children Partnership?"
    assert axe_violations(axe, page) == []
