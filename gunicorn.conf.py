"""gunicorn's production configuration, read automatically by `gunicorn lscp_site.wsgi`.

Sync workers: every page is a short CPU-bound render or a cache read, so one process per request
is simplest and fastest. WEB_CONCURRENCY sets the number of workers; the default suits a small
server. Pages are shared between workers through CACHE_URL, never kept per process.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 10000
max_requests_jitter = 1000
