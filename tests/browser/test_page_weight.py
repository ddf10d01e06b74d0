"""The home page is light: everything it loads, compressed, fits in 30 KB, all from this site."""

import pytest

# HTML, CSS, JavaScript, images and fonts together, as sent over the wire (headers included).
MOST_BYTES = 30 * 1024
PAGES = ["/", "/statements/", "/statements/2022/joint-targeted-area-inspection/"]


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


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_nothing_from_other_sites_and_no_script_blocks_rendering(page, outbound, path):
    load(page, path)
    assert outbound == []
    blocking = page.eval_on_selector_all(
        "script[src]", "scripts => scripts.filter(s => !s.defer && !s.async && s.type !== 'module')"
    )
    assert blocking == []
    assert page.eval_on_selector_all("head script:not([src])", "scripts => scripts.length") == 0
