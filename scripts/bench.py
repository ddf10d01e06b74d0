"""
`make bench`: requests/s and latency of the production configuration, side by side.

Starts gunicorn with gunicorn.conf.py and production settings (DEBUG off, hashed static files, a
shared file cache, SQLite with the initial content, all in a temporary folder) and drives it with
wrk on 127.0.0.1. Measures the home page and a statement page from the page cache, a small static
file served by WhiteNoise through the same gunicorn (the ceiling for a Python response), then the
home page with page caching off: as many requests at once, for what the cache saves, and one at a
time, for the cost of a render.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
STATEMENT = "/statements/2022/joint-targeted-area-inspection/"
# Clients ask for compressed responses, as browsers do.
WRK_HEADERS = ["-H", "Accept-Encoding: gzip, br"]


def run(*command, env):
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)  # noqa: S603 - fixed commands


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port):
    server = subprocess.Popen(  # noqa: S603 - fixed command
        [sys.executable, "-m", "gunicorn", "lscp_site.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--log-level", "warning", "--access-logfile", "/dev/null"],
        cwd=BASE_DIR,
        env=env,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()  # noqa: S310
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.2)


def wrk(url, *, connections, seconds):
    """Return (requests/s, p50 ms, p99 ms, non-2xx/3xx count) for one wrk run."""
    output = subprocess.run(  # noqa: S603 - fixed command
        ["wrk", "--latency", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
        + WRK_HEADERS
        + [url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return (
        rate,
        latency_ms(output, "50"),
        latency_ms(output, "99"),
        int(errors.group(1)) if errors else 0,
    )


def latency_ms(output, percentile):
    value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    with tempfile.TemporaryDirectory(prefix="lscp-bench-") as folder:
        measure(Path(folder))


def production_env(folder):
    """Production settings with the database, cache and secret in ``folder``."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on this machine, as `make serve`: no proxy here terminates TLS.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        # The file cache one server shares between its workers; BENCH_CACHE_URL=redis://... for
        # the several-servers set-up.
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", f"filecache://{folder / 'cache'}"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def prepare(env):
    """Migrate, load the initial content and collect static files; return a static file's URL."""
    manage = (sys.executable, "manage.py")
    run(*manage, "migrate", "--noinput", "-v0", env=env)
    run(*manage, "load_initial_content", "-v0", env=env)
    run(*manage, "collectstatic", "--noinput", "-v0", env=env)
    manifest = json.loads((BASE_DIR / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def measure(folder):
    env = production_env(folder)
    static = prepare(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(env, port)
    try:
        rows = {
            "home page (cached)": wrk(base + "/", connections=CONNECTIONS, seconds=SECONDS),
            "statement (cached)": wrk(base + STATEMENT, connections=CONNECTIONS, seconds=SECONDS),
            "static file (ceiling)": wrk(base + static, connections=CONNECTIONS, seconds=SECONDS),
        }
    finally:
        server.terminate()
        server.wait()

    server = start_gunicorn({**env, "DJANGO_PAGE_CACHE_SECONDS": "0"}, port)
    try:
        rows["home page (uncached)"] = wrk(base + "/", connections=CONNECTIONS, seconds=SECONDS)
        rows["home page (uncached, 1 at a time)"] = wrk(base + "/", connections=1, seconds=SECONDS)
    finally:
        server.terminate()
        server.wait()

    ceiling = rows["static file (ceiling)"][0]
    print(f"\n{SECONDS}s per run, {CONNECTIONS} connections, gunicorn.conf.py, {static}")  # noqa: T201
    print(f"{'':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of ceiling':>10}")  # noqa: T201
    for name, (rate, p50, p99, errors) in rows.items():
        note = f"  ({errors} errors)" if errors else ""
        line = f"{name:36} {rate:8.0f} {p50:8.2f} {p99:8.2f} {rate / ceiling:10.0%}{note}"
        print(line)  # noqa: T201
    cached = min(rows["home page (cached)"][0], rows["statement (cached)"][0]) / ceiling
    render = rows["home page (uncached, 1 at a time)"][1]
    print(  # noqa: T201
        f"\nGoals: cached pages >= 90% of the ceiling: {cached:.0%} "
        f"({'met' if cached >= 0.9 else 'NOT met'}); uncached home p50 <= 10 ms: {render:.2f} ms "
        f"({'met' if render <= 10 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
