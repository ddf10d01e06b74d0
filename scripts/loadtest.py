"""
Load test: many concurrent clients fetching the public pages from a running server.

    python scripts/loadtest.py --base-url http://127.0.0.1:8000 --clients 50 --seconds 60

Each client is a thread with its own keep-alive connection, requesting the site's pages in turn
as if through a TLS-terminating proxy (X-Forwarded-Proto: https). Prints the figures and exits
non-zero if any request failed (a connection error or any status other than 200).
Only for servers you run yourself (127.0.0.1).
"""

import argparse
import http.client
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

PATHS = [
    "/",
    "/partners/",
    "/vision/",
    "/priorities/",
    "/statements/",
    "/publications/",
    "/health/",
]


def client(base, running, record, paths=PATHS):
    """Request ``paths`` in turn over one keep-alive connection while ``running()``, calling
    ``record(path, outcome, started, seconds)`` for each: the status, or the error's name."""
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    headers = {"Host": base.hostname, "X-Forwarded-Proto": "https"}
    index = 0
    while running():
        path = paths[index % len(paths)]
        index += 1
        started = time.monotonic()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            outcome = response.status
        except (OSError, http.client.HTTPException) as error:
            outcome = type(error).__name__
            connection.close()
            connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
        record(path, outcome, started, time.monotonic() - started)
    connection.close()


def wait_until_up(base, seconds=30):
    """Wait for the server's health check to answer, so start-up is not counted as errors."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            connection = http.client.HTTPConnection(base.hostname, base.port, timeout=5)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()

    base = urlsplit(args.base_url)
    wait_until_up(base)
    latencies, errors, lock = [], [], threading.Lock()

    def record(path, outcome, started, seconds):
        with lock:
            latencies.append(seconds)
            if outcome != 200:
                errors.append(f"{outcome} {path}")

    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=client, args=(base, lambda: time.monotonic() < deadline, record))
        for _ in range(args.clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.monotonic() - started

    ms = sorted(latency * 1000 for latency in latencies)
    centiles = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
    report = [
        f"clients:     {args.clients}",
        f"duration:    {duration:.1f} s",
        f"requests:    {len(ms)}",
        f"throughput:  {len(ms) / duration:.1f} requests/s",
        f"latency ms:  p50 {centiles[49]:.0f}, p95 {centiles[94]:.0f}, "
        f"p99 {centiles[98]:.0f}, max {ms[-1]:.0f}",
        f"errors:      {len(errors)}",
        *(f"  {problem}" for problem in sorted(set(errors))[:10]),
    ]
    sys.stdout.write("\n".join(report) + "\n")
    return 1 if errors or not ms else 0


if __name__ == "__main__":
    sys.exit(main())
