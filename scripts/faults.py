"""
`make faults`: the site under load while its database, its cache and a worker fail.

Starts a PostgreSQL cluster and a Redis server of its own (never the machine's shared ones), then
gunicorn with gunicorn.conf.py and production settings on them, all on 127.0.0.1. While reader
threads fetch the public pages, an editor saves press statements through the admin and a monitor
asks /health/ four times a second, it:

1. stops PostgreSQL (as for an upgrade: every connection cut), and starts it again;
2. stops Redis, and starts it again (empty: it keeps nothing on disk);
3. stalls Redis (SIGSTOP: connections accepted, nothing answered), and lets it go;
4. kills a gunicorn worker (SIGKILL) that has just answered.

Then it checks that no save was lost silently (every save the editor was told succeeded is in the
database), that visitors got pages while the cache was down or stalled, and that /health/ reported
the database and the cache failing, and prints requests, errors and recovery times. Exits non-zero
if any check fails. Every loop is bounded in time; every request goes to 127.0.0.1.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from bench import BASE_DIR, prepare, production_env
from loadtest import client

sys.path.insert(0, str(BASE_DIR))
from tests.servers import (  # noqa: E402 - after the project is on the path
    Browser,
    PostgreSQL,
    Redis,
    answering_workers,
    gunicorn_servers,
)

PAGES = [
    "/",
    "/partners/",
    "/vision/",
    "/priorities/",
    "/statements/",
    "/statements/2022/joint-targeted-area-inspection/",
    "/publications/",
]
EDITOR = ("fault-editor", "a-long-editor-password-for-faults")
SETTLE = 8  # seconds of normal service before each fault and after the last
OUTAGE = 5  # seconds each service stays down or stalled


class Timeline:
    """Everything that happened, with the seconds since the start."""

    def __init__(self):
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.pages, self.saves, self.health, self.faults = [], [], [], []

    def now(self):
        return time.monotonic() - self.started

    def add(self, kind, *entry):
        with self.lock:
            getattr(self, kind).append(entry)


def editor(port, timeline, running):
    """Save a new press statement every 0.2 s; note what the editor was told."""
    browser = Browser(port, timeout=35)
    browser.sign_in(*EDITOR)
    number = 0
    while running():
        number += 1
        started = timeline.now()
        try:
            status, headers, _ = browser.post(
                "/admin/partnership/pressstatement/add/",
                {
                    "title": f"Fault check {number}",
                    "slug": f"fault-check-{number}",
                    "summary": "Saved while a service failed.",
                    "body": "<p>Saved while a service failed.</p>",
                    "spokesperson_name": "",
                    "spokesperson_role": "",
                    "status": "published",
                    "publish_at_0": "01/01/2024",
                    "publish_at_1": "09:00:00",
                },
            )
            # The admin's only answer to a save that worked: on to the list.
            told = (
                "saved" if status == 302 and "/pressstatement/" in headers["Location"] else status
            )
        except OSError as error:
            told = type(error).__name__
        timeline.add("saves", started, timeline.now(), f"fault-check-{number}", told)
        time.sleep(0.2)


def monitor(port, timeline, running):
    """Ask /health/ four times a second, from the loopback (a monitor sees which part failed)."""
    browser = Browser(port, timeout=5)
    while running():
        started = timeline.now()
        try:
            status, _, body = browser.get("/health/")
            state = body.decode()
        except OSError as error:
            status, state = None, type(error).__name__
        timeline.add("health", started, status, state)
        time.sleep(0.25)


def inject(postgresql, redis, folder, port, timeline):
    """The faults, one after another, each between stretches of normal service. Each is noted
    with the part /health/ should name while it lasts (none for a worker: gunicorn replaces it)."""

    def fault(name, part, begin, end=None):
        time.sleep(SETTLE)
        start = timeline.now()
        begin()
        if end:
            time.sleep(OUTAGE)
            end()
        timeline.add("faults", name, part, start, timeline.now())

    def kill_a_worker():
        os.kill(answering_workers(folder, port)[-1], signal.SIGKILL)

    fault("PostgreSQL stopped and started", "database", postgresql.stop, postgresql.start)
    fault("Redis stopped and started", "cache", redis.stop, redis.start)
    fault("Redis stalled (SIGSTOP) and resumed", "cache", redis.pause, redis.resume)
    fault("a gunicorn worker killed (SIGKILL)", None, kill_a_worker)
    time.sleep(SETTLE)


def saved_slugs(env):
    code = (
        "from partnership.models import PressStatement\n"
        "print('\\n'.join(PressStatement.objects.values_list('slug', flat=True)))"
    )
    result = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def counted(outcomes):
    return ", ".join(f"{n} × {o}" for o, n in Counter(map(str, outcomes)).most_common()) or "none"


def report(timeline, saved):
    """Print the figures; return the problems found."""
    problems = []
    pages, saves, health = timeline.pages, timeline.saves, timeline.health
    errors = [p[1] for p in pages if p[1] != 200]
    lost = [s for s in saves if s[3] == "saved" and s[2] not in saved]
    failed = [s[3] for s in saves if s[3] != "saved"]
    kept_anyway = [s for s in saves if s[3] != "saved" and s[2] in saved]
    lines = [
        f"pages: {len(pages)} requests, {len(errors)} not 200 ({counted(errors)})",
        f"editor saves: {len(saves)}: {len(saves) - len(failed)} saved, {len(failed)} told it "
        f"failed ({counted(failed)}); lost silently: {len(lost)}; told it failed but saved "
        f"after all: {len(kept_anyway)}",
    ]
    if lost:
        problems.append(f"{len(lost)} saves the editor was told succeeded are not in the database")
    if 500 in errors:
        problems.append("visitors got a 500")

    # Each fault's window runs from its start to the next fault's.
    ends = [f[2] for f in timeline.faults[1:]] + [float("inf")]
    for (name, part, start, back), until in zip(timeline.faults, ends, strict=True):
        window = [p for p in pages if start <= p[2] < until]
        window_errors = [p for p in window if p[1] != 200]
        checks = [h for h in health if start <= h[0] < until]
        failing = [h for h in checks if h[1] != 200]
        named = sorted({part for h in failing for part in parts_failing(h[2])})
        # Recovered: the first 200 from /health/ after the service was back, with no failure after.
        recovered = next(
            (h[0] for h in checks if h[0] > back and not any(f[0] > h[0] for f in failing)), None
        )
        window_saves = [s[3] for s in saves if start <= s[0] < until]
        lines += [
            f"\n{name} at {start:.1f} s, back at {back:.1f} s:",
            f"  pages: {len(window)} requests, {len(window_errors)} not 200 "
            f"({counted(p[1] for p in window_errors)}), slowest "
            f"{max((p[3] for p in window), default=0):.2f} s",
            f"  editor saves: {len(window_saves)}, told it failed: "
            f"{counted(s for s in window_saves if s != 'saved')}",
            f"  /health/: {len(failing)} of {len(checks)} answers failing, naming "
            f"{', '.join(named) or 'nothing'}; "
            + (
                f"ok for good {recovered - back:.1f} s after the service was back"
                if recovered is not None
                else "never ok again"
            ),
        ]
        if recovered is None:
            problems.append(f"{name}: /health/ never recovered")
        if part and part not in named:
            problems.append(f"{name}: /health/ did not report the {part} failing")
        if part == "cache" and window_errors:
            problems.append(f"{name}: visitors got {len(window_errors)} errors")
    sys.stdout.write("\n".join(lines) + "\n")
    return problems


def parts_failing(body):
    return [part for part in ("database", "cache") if f'"{part}": "failing"' in body]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="reader threads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lscp-faults-") as name:
        folder = Path(name)
        with PostgreSQL(folder) as postgresql, Redis(folder) as redis:
            env = production_env(folder) | {
                "DATABASE_URL": postgresql.url,
                "CACHE_URL": redis.url,
                "DJANGO_HEALTH_DETAIL_FROM": "127.0.0.1",
                "DJANGO_LOG_LEVEL": "WARNING",
                "WEB_CONCURRENCY": "4",
            }
            prepare(env)
            subprocess.run(  # noqa: S603 - our own command
                [sys.executable, "manage.py", "shell", "-c",
                 "from django.contrib.auth.models import Group, User\n"
                 f"u = User.objects.create_user({EDITOR[0]!r}, password={EDITOR[1]!r}, "
                 "is_staff=True)\nu.groups.add(Group.objects.get(name='Approvers'))"],
                cwd=BASE_DIR, env=env, check=True,
            )  # fmt: skip
            with gunicorn_servers(env, folder, workers=[4], config=True) as (port,):
                timeline = run_load(port, postgresql, redis, folder, args.clients)
            saved = saved_slugs(env)
    problems = report(timeline, saved)
    for problem in problems:
        sys.stdout.write(f"PROBLEM: {problem}\n")
    return 1 if problems else 0


def run_load(port, postgresql, redis, folder, clients):
    timeline = Timeline()
    base = urlsplit(f"http://127.0.0.1:{port}")
    done = threading.Event()
    # Bounded even if a fault hangs: no load runs for more than five minutes.
    deadline = time.monotonic() + 300

    def running():
        return not done.is_set() and time.monotonic() < deadline

    def record(path, outcome, started, seconds):
        timeline.add("pages", path, outcome, started - timeline.started, seconds)

    threads = [
        threading.Thread(target=editor, args=(port, timeline, running)),
        threading.Thread(target=monitor, args=(port, timeline, running)),
        *(
            threading.Thread(target=client, args=(base, running, record, PAGES))
            for _ in range(clients)
        ),
    ]
    for thread in threads:
        thread.start()
    try:
        inject(postgresql, redis, folder, port, timeline)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    return timeline


if __name__ == "__main__":
    sys.exit(main())
