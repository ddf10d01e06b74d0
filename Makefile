# The words a newcomer would guess: make run, make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# make run is for a developer's machine: DEBUG on, SQLite in the project.
DEV_ENV := DJANGO_DEBUG=true

# Root on CI and these machines; elsewhere apt-get needs sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint format migrate content serve clean browser venv bench lighthouse

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
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Browser tests drive Debian's Chromium: `playwright install` cannot download browsers here.
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; }

test: lint browser
	$(BIN)/pytest

# Requests/s and latency of the production configuration (scripts/bench.py); wrk drives it.
bench: venv
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(BIN)/python scripts/bench.py

# Lighthouse performance (mobile) on a home, a list and a detail page (scripts/lighthouse.py).
lighthouse: venv browser
	@[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund
	$(BIN)/python scripts/lighthouse.py

clean:
	rm -rf $(VENV) staticfiles
