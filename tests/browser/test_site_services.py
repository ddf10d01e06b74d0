"""Search, the privacy notice and the error pages in real Chromium: axe-clean at both widths,
in standard and high contrast (the system preference, as no explicit choice is stored)."""

import pytest

from .helpers import axe_violations, new_page

PAGES = [
    "/search/?q=safeguarding+partnership",
    "/search/?q=nothing-matches-this",
    "/privacy-notice/",
    "/no-such-page/",
]


@pytest.fixture(params=["no-preference", "more"], ids=["standard", "high-contrast"])
def contrast(request):
    return request.param


@pytest.mark.parametrize("width", [320, 1280])
def test_pages_have_no_axe_violations(browser, live_site, outbound, axe, contrast, width):
    page = new_page(
        browser, live_site, outbound, viewport={"width": width, "height": 900}, contrast=contrast
    )
    try:
        for path in PAGES:
            page.goto(path)
            assert axe_violations(axe, page) == [], path
            # Nothing wider than the screen: no sideways scrolling at 320 px (WCAG 1.4.10).
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    finally:
        page.context.close()


def test_searching_from_the_header_shows_highlighted_results(page):
    page.goto("/")
    page.get_by_role("searchbox", name="Search this site").fill("inspection")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=inspection")
    assert page.title().startswith("Search results for “inspection” – ")
    assert page.locator(".search-results__count").inner_text() == "1 result for “inspection”"
    assert page.locator(".search-results mark").first.inner_text() == "Inspection"
