"""How Debian's Chromium is launched, by the browser tests and by scripts/screenshots.py: quiet,
offline and without a sandbox (these machines run as root). Nothing else here, so a script can
import it without Django."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
