"""The furniture a visitor at risk relies on, in real Chromium: Exit this page in reach at every
width and zoom, the page's heading on the first screen of a phone, and the phone menu and the
banner's numbers opening without JavaScript."""

import pytest

from ..pages import PUBLIC_PAGES
from .helpers import new_page

# Where the exit bar must stay in reach: phones, a tablet, a laptop, and 400 % zoom of a
# 1280 × 1024 window (WCAG 1.4.10's 320 × 256 CSS pixels).
VIEWPORTS = {
    "phone 320": {"width": 320, "height": 568},
    "phone 390": {"width": 390, "height": 844},
    "tablet 768": {"width": 768, "height": 1024},
    "laptop 1280": {"width": 1280, "height": 900},
    "400 % zoom": {"width": 320, "height": 256},
}
PHONES = ("phone 320", "phone 390")

AT_THE_BOTTOM_JS = """() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    const exit = document.querySelector(".quick-exit__button").getBoundingClientRect();
    const hit = document.elementFromPoint(exit.x + exit.width / 2, exit.y + exit.height / 2);
    return {
        scrolled: window.scrollY,
        inView: exit.top >= 0 && exit.bottom <= window.innerHeight
            && exit.left >= 0 && exit.right <= window.innerWidth,
        onTop: Boolean(hit && hit.closest(".quick-exit__button")),
    };
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_exit_stays_in_reach_and_phones_show_the_heading_first(
    browser, live_site, outbound, viewport
):
    size = VIEWPORTS[viewport]
    page = new_page(browser, live_site, outbound, viewport=size)
    # Every page on phones (where the heading must start on the first screen); elsewhere the
    # bar is the same on every page, so the longest one stands for them all.
    paths = PUBLIC_PAGES if viewport in PHONES else {"statement": PUBLIC_PAGES["statement"]}
    problems = {}
    for name, path in paths.items():
        page.goto(path)
        found = []
        h1_top = page.locator("h1").bounding_box()["y"]
        if viewport in PHONES and h1_top >= size["height"]:
            found.append(f"<h1> starts at {h1_top:.0f}px")
        state = page.evaluate(AT_THE_BOTTOM_JS)
        if name == "statement":
            assert state["scrolled"] > size["height"]  # the page really did scroll
        if not (state["inView"] and state["onTop"]):
            found.append(f"exit out of reach after scrolling: {state}")
        if found:
            problems[name] = found
    page.context.close()
    assert problems == {}


def test_without_javascript_the_phone_menu_and_every_number_open(browser, live_site, outbound):
    page = new_page(
        browser,
        live_site,
        outbound,
        viewport={"width": 320, "height": 568},
        java_script_enabled=False,
    )
    page.goto("/vision/")
    section = page.get_by_role("link", name="Professionals", exact=True)
    mash = page.get_by_role("link", name="0121 788 4300")
    assert page.get_by_role("link", name="999").is_visible()
    assert not section.is_visible()
    assert not mash.is_visible()

    page.get_by_text("All numbers").click()
    assert mash.is_visible()

    page.get_by_role("link", name="Menu").click()
    assert section.is_visible()
    assert page.get_by_role("searchbox", name="Search this site").is_visible()
    page.get_by_role("link", name="Close menu").click()
    assert not section.is_visible()
    page.get_by_role("link", name="Menu").click()
    section.click()
    assert page.locator("h1").inner_text() == "For professionals"
    page.context.close()


def test_with_javascript_the_menu_is_a_button_that_says_whether_it_is_open(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    section = page.get_by_role("link", name="Professionals", exact=True)
    assert menu.get_attribute("aria-expanded") == "false"
    assert not section.is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert section.is_visible()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not section.is_visible()
    # On a wide screen everything shows and there is no menu button.
    page.set_viewport_size({"width": 1280, "height": 900})
    assert section.is_visible()
    assert not menu.is_visible()
    assert page.get_by_role("link", name="0121 788 4300").first.is_visible()
