"""Search in real Chromium: from the header box to highlighted results.

(axe-core checks the search, privacy and error pages with every other page, in every display
mode: tests/browser/test_accessibility.py.)
"""


def test_searching_from_the_header_shows_highlighted_results(page):
    page.goto("/")
    page.get_by_role("searchbox", name="Search this site").fill("inspection")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=inspection")
    assert page.title().startswith("Search results for “inspection” – ")
    assert page.locator(".search-results__count").inner_text() == "1 result for “inspection”"
    assert page.locator(".search-results mark").first.inner_text() == "Inspection"
