"""
The cheapest possible Django response, for `make bench`'s ceiling row.

No middleware, no template, no database, no cache: one address whose view returns the same bytes
every time from memory (the cached home page's compressed body, read from BENCH_CEILING_BODY at
start). gunicorn runs it with gunicorn.conf.py, as it runs the site:

    BENCH_CEILING_BODY=home.gz gunicorn -c gunicorn.conf.py --pythonpath scripts ceiling
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["BENCH_CEILING_BODY"]).read_bytes()


def page(request):
    return HttpResponse(
        BODY, content_type="text/html; charset=utf-8", headers={"Content-Encoding": "gzip"}
    )


urlpatterns = [path("", page)]

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
application = get_wsgi_application()
