"""
gunicorn settings for production: `gunicorn -c gunicorn.conf.py lscp_site.wsgi`.

Every value can be changed from the environment; README.md, "Deployment", explains them.
"""

import multiprocessing
import os

# Behind a reverse proxy on the same machine; GUNICORN_BIND=0.0.0.0:8000 if it is elsewhere.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: every page is a short render or a cache read, so one process per request is
# simplest; a few per core (gunicorn's advice). Pages are shared between workers through
# CACHE_URL, never kept per process.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request slower than this is stuck; the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Kept a little longer than a typical proxy's idle timeout, so the proxy closes first.
keepalive = 5
# Replace each worker after about this many requests, staggered by the jitter so they do not
# all restart at once: a slow leak in any library never grows without limit. A new worker costs
# about a second of CPU importing Django, and a cached page about 0.4 ms, so replacing one every
# N requests adds 1 s / N to each: 40 % fewer requests/s at 1,000 (make bench), a quarter of a
# cached page's cost at 10,000, about 5 % at 50,000.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "5000"))
# gunicorn itself believes no forwarding header from anyone: not SCRIPT_NAME or PATH_INFO (which
# would re-root the site's addresses), not X-Forwarded-Proto or -Ssl (the scheme). Django decides
# which proxies to believe (DJANGO_TRUSTED_PROXIES, lscp_site.security), and headers whose names
# have underscores are dropped (header_map, gunicorn's default "drop").
forwarder_headers = ""
secure_scheme_headers = {}
header_map = "drop"
# Request line and header limits (gunicorn's defaults, written down): oversized requests get 400.
limit_request_line = 4094
limit_request_fields = 100
# Access and error logs to the console, where systemd's journal collects them.
accesslog = "-"
errorlog = "-"
# gunicorn's control socket defaults to one path in the user's home, shared by every instance on
# the machine; nothing here uses it.
control_socket_disable = True
