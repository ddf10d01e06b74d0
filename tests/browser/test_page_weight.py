"""The home page is light: everything it loads, compressed, fits in 30 KB, all from this site;
and no page moves about while it loads."""

import pytest

from ..pages import LANDING_PAGES
from .helpers import new_page

# HTML, CSS, JavaScript, images and fonts together, as sent over the wire (headers included).
MOST_BYTES = 30 * 1024


# Every layout shift Chromium recorded since the page started loading (what Lighthouse's CLS
# adds up), each with its score, when it happened and the elements that moved.
LAYOUT_SHIFT_JS = """() => new Promise((resolve) => {
    const name = (node) => node && node.nodeType === 1
        ? node.tagName.toLowerCase() + (node.className ? "." + node.className : "")
        : node && node.parentElement ? "text in " + node.parentElement.tagName.toLowerCase() : "?";
    new PerformanceObserver((list) => resolve(list.getEntries()
        .filter((e) => !e.hadRecentInput)
        .map((e) => ({score: e.value, at_ms: Math.round(e.startTime),
                      moved: e.sources.map((s) => name(s.node))}))
    )).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve([]), 500);
})"""


def load(page, path):
    """Open ``path`` and return [(url, bytes on the wire)] for everything it loaded."""
    finished = []

    def record(request):
        finished.append(request)

    page.on("requestfinished", record)
    page.goto(path, wait_until="networkidle")
    page.remove_listener("requestfinished", record)
    sizes = [(request.url, request.sizes()) for request in finished]
    return [(url, s["responseBodySize"] + s["responseHeadersSize"]) for url, s in sizes]


def test_the_home_page_costs_at_most_30_kb_on_the_wire(page):
    transferred = load(page, "/")
    total = sum(size for _, size in transferred)
    assert total <= MOST_BYTES, f"{total} bytes: {transferred}"


@pytest.mark.parametrize("path", LANDING_PAGES.values(), ids=LANDING_PAGES)
def test_pages_load_nothing_from_other_sites_and_no_script_blocks_rendering(page, outbound, path):
    load(page, path)
    assert outbound == []
    blocking = page.eval_on_selector_all(
        "script[src]", "scripts => scripts.filter(s => !s.defer && !s.async && s.type !== 'module')"
    )
    assert blocking == []
    assert page.eval_on_selector_all("head script:not([src])", "scripts => scripts.length") == 0


def layout_shifts(browser, live_site, outbound, path):
    """The layout shifts of one load of ``path`` in a fresh phone-sized browser context."""
    page = new_page(browser, live_site, outbound, viewport={"width": 412, "height": 823})
    page.goto(path, wait_until="networkidle")
    shifts = page.evaluate(LAYOUT_SHIFT_JS)
    page.context.close()
    return shifts


@pytest.mark.parametrize("path", LANDING_PAGES.values(), ids=LANDING_PAGES)
def test_nothing_moves_as_the_page_loads_on_a_phone(browser, live_site, outbound, path):
    # A reader who starts on the "Worried about a child?" banner should not have it jump away
    # when the quick exit's Shift hint or anything else appears late. A page at fault moves on
    # every load; once, in a CI run, Chromium recorded a small shift (0.019) that never came back
    # on request, so a second, clean load passes, and a failure shows both.
    first = layout_shifts(browser, live_site, outbound, path)
    if first:
        assert layout_shifts(browser, live_site, outbound, path) == [], f"first load: {first}"
