"""
`make lighthouse`: Lighthouse performance (mobile), accessibility and best-practices scores for the
home page, a list and a detail page.

Serves the site as `make bench` does (gunicorn, production settings, a temporary folder) and runs
the npm package pinned in package.json against Debian's Chromium. Reports are left in
lighthouse-reports/ for reading; the script fails if any score is below 100 (the goal for each).
"""

import json
import os
import subprocess
import sys

from bench import BASE_DIR, STATEMENT, production_site

PAGES = {"home": "/", "list": "/statements/", "detail": STATEMENT}
REPORTS = BASE_DIR / "lighthouse-reports"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


def lighthouse(url, name):
    report = REPORTS / f"{name}.json"
    subprocess.run(  # noqa: S603 - fixed command
        [
            str(BASE_DIR / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--only-categories=performance,accessibility,best-practices",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
    )
    return json.loads(report.read_text())


def main():
    REPORTS.mkdir(exist_ok=True)
    scores = {}
    with production_site() as base_url:
        for name, path in PAGES.items():
            result = lighthouse(base_url + path, name)
            audits = result["audits"]
            categories = result["categories"]
            scores[name] = {key: round(c["score"] * 100) for key, c in categories.items()}
            print(  # noqa: T201
                f"{name:7} {path:52} performance {scores[name]['performance']:3}  "
                f"accessibility {scores[name]['accessibility']:3}  "
                f"best practices {scores[name]['best-practices']:3}  "
                f"FCP {audits['first-contentful-paint']['displayValue']:>6}  "
                f"LCP {audits['largest-contentful-paint']['displayValue']:>6}  "
                f"TBT {audits['total-blocking-time']['displayValue']:>6}  "
                f"CLS {audits['cumulative-layout-shift']['displayValue']}"
            )
    if min(score for page in scores.values() for score in page.values()) < 100:
        sys.exit("A Lighthouse score is below 100 on at least one page.")


if __name__ == "__main__":
    main()
