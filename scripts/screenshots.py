"""
`make screenshots`: a picture of every page at every width and in every display mode, for the
next designer to compare before and after a change.

Serves the site as `make lighthouse` does (gunicorn, production settings, the initial content, a
temporary folder), or uses a running site given with --base-url. Drives Debian's Chromium with
Playwright and writes full-page PNGs to screenshots/<mode>/<width>/<page>.png (git-ignored).
The pages are those of tests/pages.py, the list every page-wide test checks, and the admin's
sign-in page.
"""

import argparse
import sys

from bench import BASE_DIR, production_site
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(BASE_DIR))
from tests.browser.chromium import CHROMIUM_ARGS  # noqa: E402
from tests.pages import ADMIN_LOGIN, PUBLIC_PAGES  # noqa: E402

OUTPUT = BASE_DIR / "screenshots"
# A common phone of each size, a tablet, a laptop and a desktop: (width, height) in CSS pixels.
WIDTHS = {320: 568, 390: 844, 768: 1024, 1280: 900, 1920: 1080}
MODES = {
    "standard": {},
    "high-contrast": {"cookie": "high"},
    "forced-colours": {"forced_colors": "active"},
}


def slug(name):
    return name.replace(" ", "-").replace(",", "")


def photograph(base_url, pages, widths, modes, full_page=True):
    count = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for mode in modes:
            options = dict(MODES[mode])
            cookie = options.pop("cookie", None)
            for width in widths:
                context = browser.new_context(
                    base_url=base_url, viewport={"width": width, "height": WIDTHS[width]}, **options
                )
                if cookie:
                    context.add_cookies([{"name": "contrast", "value": cookie, "url": base_url}])
                page = context.new_page()
                folder = OUTPUT / mode / str(width)
                folder.mkdir(parents=True, exist_ok=True)
                for name, path in pages.items():
                    page.goto(path)
                    page.screenshot(path=folder / f"{slug(name)}.png", full_page=full_page)
                    count += 1
                context.close()
        browser.close()
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running site (default: serve one here)")
    parser.add_argument("--pages", help="comma-separated page names from tests/pages.py")
    parser.add_argument("--widths", help="comma-separated widths, e.g. 320,1280")
    parser.add_argument("--modes", help="comma-separated: " + ", ".join(MODES))
    parser.add_argument(
        "--first-screen", action="store_true", help="only what shows before scrolling"
    )
    args = parser.parse_args()
    pages = {**PUBLIC_PAGES, "admin login": ADMIN_LOGIN}
    if args.pages:
        pages = {name: pages[name] for name in args.pages.split(",")}
    widths = [int(w) for w in args.widths.split(",")] if args.widths else list(WIDTHS)
    modes = args.modes.split(",") if args.modes else list(MODES)

    full_page = not args.first_screen
    if args.base_url:
        count = photograph(args.base_url, pages, widths, modes, full_page)
    else:
        with production_site() as base_url:
            count = photograph(base_url, pages, widths, modes, full_page)
    print(f"{count} screenshots in {OUTPUT.relative_to(BASE_DIR)}/")  # noqa: T201


if __name__ == "__main__":
    main()
