"""
`make bench`: requests/s and latency of the production configuration, side by side.

Starts gunicorn with gunicorn.conf.py and production settings (DEBUG off, hashed static files, a
shared file cache, SQLite with the initial content, all in a temporary folder) and drives it with
wrk on 127.0.0.1. Measures the home page and a statement page from the page cache and a small
static file served by WhiteNoise; then the ceiling: the cheapest possible Django response (no
middleware, the cached home page's bytes from memory: scripts/ceiling.py) through the same
gunicorn and configuration; then the home page with page caching off: as many requests at once,
for what the cache saves, and one at a time, for the cost of a render.
"""

import contextlib
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
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
STATEMENT = "/statements/2022/joint-targeted-area-inspection/"
# Clients ask for compressed responses, as browsers do.
WRK_HEADERS = ["-H", "Accept-Encoding: gzip, br"]


def run(*command, env):
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)  # noqa: S603 - fixed commands


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port, app=("lscp_site.wsgi",)):
    """gunicorn with gunicorn.conf.py, serving ``app`` (its arguments) on ``port``."""
    server = subprocess.Popen(  # noqa: S603 - fixed command
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *app, "--bind"]
        + [f"127.0.0.1:{port}", "--log-level", "warning", "--access-logfile", "/dev/null"],
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


def workers_cpu_seconds(server):
    """CPU time a gunicorn master's workers have used so far (user and system)."""
    total = 0
    for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split():
        # /proc/PID/stat: utime and stime are the 14th and 15th fields, 12th and 13th after the
        # name (which may hold spaces, hence the split at its closing bracket).
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wrk(server, url, *, connections, seconds):
    """Return (requests/s, p50 ms, p99 ms, non-2xx/3xx count, server CPU µs per request) for one
    wrk run against ``server``. The CPU per request holds however busy the machine is."""
    cpu = workers_cpu_seconds(server)
    output = subprocess.run(  # noqa: S603 - fixed command
        ["wrk", "--latency", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
        + WRK_HEADERS
        + [url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = workers_cpu_seconds(server) - cpu
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return (
        rate,
        latency_ms(output, "50"),
        latency_ms(output, "99"),
        int(errors.group(1)) if errors else 0,
        cpu / requests * 1e6,
    )


def latency_ms(output, percentile):
    value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    with tempfile.TemporaryDirectory(prefix="lscp-bench-") as folder:
        measure(Path(folder))


@contextlib.contextmanager
def production_site():
    """The site served as production serves it, from a temporary folder: yields its base URL."""
    with tempfile.TemporaryDirectory(prefix="lscp-site-") as folder:
        env = production_env(Path(folder))
        prepare(env)
        port = free_port()
        server = start_gunicorn(env, port)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait()


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


def cached_body(url):
    """The page cache's compressed copy of ``url``, as a browser gets it."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310
    urllib.request.urlopen(request, timeout=5).read()  # noqa: S310 - the first render stores it
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        assert response.headers["X-Page-Cache"] == "hit"
        return response.read()


def measure(folder):
    env = production_env(folder)
    static = prepare(env)
    port, ceiling_port = free_port(), free_port()
    base, ceiling_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{ceiling_port}"
    load = {"connections": CONNECTIONS, "seconds": SECONDS}
    server = start_gunicorn(env, port)
    try:
        (folder / "home.gz").write_bytes(cached_body(base + "/"))
        ceiling_env = {**env, "BENCH_CEILING_BODY": str(folder / "home.gz")}
        ceiling_server = start_gunicorn(
            ceiling_env, ceiling_port, app=("--pythonpath", "scripts", "ceiling")
        )
        try:
            # Rounds in turn, each row's median kept: what else the machine is doing then
            # weighs on the pages and their ceiling alike.
            compared = {
                "home page (cached)": (server, base + "/"),
                "statement (cached)": (server, base + STATEMENT),
                "cheapest Django response (ceiling)": (ceiling_server, ceiling_base + "/"),
            }
            samples = {name: [] for name in compared}
            for _ in range(ROUNDS):
                for name, (answering, url) in compared.items():
                    samples[name].append(wrk(answering, url, **load))
        finally:
            ceiling_server.terminate()
            ceiling_server.wait()
        rows = {name: sorted(runs)[len(runs) // 2] for name, runs in samples.items()}
        rows["static file (WhiteNoise)"] = wrk(server, base + static, **load)
    finally:
        server.terminate()
        server.wait()

    server = start_gunicorn({**env, "DJANGO_PAGE_CACHE_SECONDS": "0"}, port)
    try:
        rows["home page (uncached)"] = wrk(server, base + "/", **load)
        rows["home page (uncached, 1 at a time)"] = wrk(
            server, base + "/", connections=1, seconds=SECONDS
        )
    finally:
        server.terminate()
        server.wait()

    ceiling, ceiling_cpu = rows["cheapest Django response (ceiling)"][::4]
    print(  # noqa: T201
        f"\n{SECONDS}s per run, {CONNECTIONS} connections, gunicorn.conf.py, {static}; "
        f"cached pages and the ceiling: the median of {ROUNDS} rounds"
    )
    print(  # noqa: T201
        f"{'':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of ceiling':>10} "
        f"{'CPU µs/req':>11} {'of ceiling':>10}"
    )
    for name, (rate, p50, p99, errors, cpu) in rows.items():
        note = f"  ({errors} errors)" if errors else ""
        print(  # noqa: T201
            f"{name:36} {rate:8.0f} {p50:8.2f} {p99:8.2f} {rate / ceiling:10.0%} "
            f"{cpu:11.0f} {ceiling_cpu / cpu:10.0%}{note}"
        )
    pages = [rows["home page (cached)"], rows["statement (cached)"]]
    cached = min(page[0] for page in pages) / ceiling
    cached_cpu = ceiling_cpu / max(page[4] for page in pages)
    render = rows["home page (uncached, 1 at a time)"][1]
    print(  # noqa: T201
        f"\nGoals: cached pages >= 80% of the ceiling's throughput: {cached:.0%} "
        f"({'met' if cached >= 0.8 else 'NOT met'}; by the workers' CPU per request "
        f"{cached_cpu:.0%}); uncached home p50 <= 10 ms: {render:.2f} ms "
        f"({'met' if render <= 10 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
