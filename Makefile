# The words a newcomer would guess: make run, make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# make run is for a developer's machine: DEBUG on, SQLite in the project.
DEV_ENV := DJANGO_DEBUG=true

# Root on CI and these machines; elsewhere apt-get needs sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# make serve and make loadtest: the production configuration (DEBUG off, hashed static files,
# gunicorn) on this machine, over plain HTTP because no proxy terminates TLS here.
SERVE_BIND ?= 127.0.0.1:8000
SERVE_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY="$$(cat .serve-secret)" \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=false

.PHONY: run test test-fast lint format migrate content serve clean browser venv serve-setup loadtest vnu lighthouse bench bench-content faults screenshots

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

venv: $(BIN)/activate

migrate: venv
	$(DEV_ENV) $(MANAGE) migrate --noinput

content: migrate
	$(DEV_ENV) $(MANAGE) load_initial_content

run: content
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports --no-cache
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Browser tests drive Debian's Chromium: `playwright install` cannot download browsers here.
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; }

# The Nu HTML checker for the suite's validity test: vnu-jar from npm, run by the system's Java.
# --ignore-scripts: its install script would download a Java we already have.
vnu: node_modules/vnu-jar/build/dist/vnu.jar

node_modules/vnu-jar/build/dist/vnu.jar: package.json package-lock.json
	@command -v java >/dev/null && command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless npm; }
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund
	touch $@

# pytest-xdist: one worker per core of this 2-core machine (the browser tests wait on Chromium and
# the servers they start, so two workers keep both cores busy).
PYTEST_WORKERS ?= 2

test: lint browser vnu
	$(BIN)/pytest -n $(PYTEST_WORKERS)

# Everything but the browser tests (tests/browser/, marked `browser`): no Chromium needed.
test-fast: lint vnu
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser"

# Requests/s and latency of the production configuration (scripts/bench.py); wrk drives it.
bench: venv
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(BIN)/python scripts/bench.py

# Every kind of public page, uncached, with 300 pages, 10,000 statements, 1,000 documents and 500
# images (scripts/bench_content.py): time and queries, before and after the content grows.
bench-content: venv
	$(BIN)/python scripts/bench_content.py

# Lighthouse performance (mobile) on a home, a list and a detail page (scripts/lighthouse.py).
lighthouse: venv browser
	@[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund
	$(BIN)/python scripts/lighthouse.py

# Every page of tests/pages.py at 320 to 1920 px, in each display mode, into screenshots/.
screenshots: venv browser
	$(BIN)/python scripts/screenshots.py

# A random secret for the local production-configuration server, made once, never committed.
.serve-secret:
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

serve-setup: venv .serve-secret
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) load_initial_content

serve: serve-setup
	$(SERVE_ENV) $(BIN)/gunicorn -c gunicorn.conf.py --bind $(SERVE_BIND) lscp_site.wsgi

# 50 clients for 60 s against gunicorn in the production configuration; fails on any error.
loadtest: serve-setup
	$(SERVE_ENV) $(BIN)/gunicorn -c gunicorn.conf.py --bind $(SERVE_BIND) \
		--access-logfile /dev/null lscp_site.wsgi & server=$$!; \
	trap 'kill $$server' EXIT; \
	$(BIN)/python scripts/loadtest.py --base-url http://$(SERVE_BIND) --clients 50 --seconds 60

# Load while PostgreSQL restarts, Redis stops and stalls and a worker is killed (scripts/faults.py):
# a PostgreSQL cluster and a Redis server of its own on free ports, never the machine's shared ones.
faults: venv
	$(BIN)/python scripts/faults.py

clean:
	rm -rf $(VENV) staticfiles
