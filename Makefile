# The single entry point for people and CI alike: `make help` lists the targets.
# Every target installs what it needs first (incrementally, through stamp files).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The uv that installs everything is itself pinned in requirements.lock.
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)
MANAGE := $(BIN)/python manage.py
PYTEST := $(BIN)/pytest
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
HOST ?= 127.0.0.1
PORT ?= 8000
# Every absolute link (mails, feeds, API) is built from the address `make run` serves,
# unless PORTAL_BASE_URL says otherwise (e.g. behind a proxy): see docs/deployment.md.
RUN_BASE_URL := $(or $(PORTAL_BASE_URL),http://$(HOST):$(PORT))
# Extra arguments for every pytest run, e.g. make test-sqlite PYTEST_ARGS="-x -k events".
PYTEST_ARGS ?=

DEV := DJANGO_SETTINGS_MODULE=portal.settings.dev
# Test runs pick their database themselves: SQLite unless a part sets DATABASE_URL.
TEST := env -u DATABASE_URL DJANGO_SETTINGS_MODULE=portal.settings.test
TEST_SHELL := unset DATABASE_URL; export DJANGO_SETTINGS_MODULE=portal.settings.test;

PO_FILES = $(shell find . \( -path ./.venv -o -path ./node_modules -o -path ./static \) -prune \
	-o -name '*.po' -print)
MESSAGES_STAMP := var/.messages-compiled

# Outside CI a missing optional tool skips its part with a loud notice; in CI (CI set to
# anything but empty/false/0) it fails. $(call missing,PART,WHAT,HOW-TO-INSTALL)
missing = case "$${CI:-}" in \
	""|false|0) printf '\n%s\n*** SKIPPED: %s (%s is missing)\n*** Install it: %s\n%s\n\n' \
		"$(BANNER)" "$(1)" "$(2)" "$(3)" "$(BANNER)" ;; \
	*) printf '\n*** FAILED: %s cannot run in CI: %s is missing (install: %s)\n' \
		"$(1)" "$(2)" "$(3)" >&2; exit 1 ;; \
	esac
BANNER := ****************************************************************************

# Starts a throw-away redis-server in $$services/redis and exports REDIS_URL for the tests that
# need a real shared cache; the caller's EXIT trap stops it. Missing: skipped loudly, or fails in CI.
redis_start = if bin/redis-test-server check 2>/dev/null; then \
		export REDIS_URL=$$(bin/redis-test-server start "$$services/redis"); \
	else $(call missing,the tests against a real Redis,redis-server,apt-get install redis-server); fi;

# pytest's exit code 5 means it collected nothing: for these suites that is a failure.
# $(call pytest,DESCRIPTION,ARGS)
pytest = printf '\n=== pytest: %s\n' "$(1)"; rc=0; $(PYTEST) $(2) $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "*** pytest collected no tests for: $(1)" >&2; fi; exit $$rc

.PHONY: help
help: ## list the targets
	@echo "Usage: make TARGET   (first time: make run; before pushing: make test)"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

# --- installing ----------------------------------------------------------------------

.PHONY: install
install: $(VENV)/.installed node_modules/.installed static/dist/.built $(MESSAGES_STAMP) ## install Python and npm packages, build front-end assets, compile translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: requirements.lock | $(BIN)/uv
	$(BIN)/uv pip sync --python $(BIN)/python requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20 and npm" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

static/dist/.built: node_modules/.installed bin/build-assets.mjs
	npm run --silent build
	@touch $@

$(MESSAGES_STAMP): $(PO_FILES) | $(VENV)/.installed
	@mkdir -p var
	@if [ -n "$(strip $(PO_FILES))" ]; then \
		if command -v msgfmt >/dev/null; then \
			echo "$(MANAGE) compilemessages"; \
			$(DEV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules \
				--ignore=static -v 0; \
		else \
			echo "msgfmt (gettext) not found: compiling translations with Babel instead"; \
			$(BIN)/pybabel compile --domain django --directory locale --statistics; \
		fi; \
	fi
	@touch $@

# --- running ---------------------------------------------------------------------------

.PHONY: run
run: install ## run the portal at http://127.0.0.1:8000 with demo content (SQLite) and its background worker; HOST=, PORT= serve elsewhere
	@mkdir -p var
	@# Loading the demo runs its thousands of index updates at once, not via the worker.
	TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend PORTAL_BASE_URL=$(RUN_BASE_URL) \
		$(DEV) $(MANAGE) prepare_demo_site --url $(RUN_BASE_URL)
	@# The worker delivers mail from the outbox (printed here) and runs Wagtail's tasks.
	@# Both stop together: when either ends, or on Ctrl-C, the other is stopped too.
	@echo "$(MANAGE) db_worker & $(MANAGE) runserver $(HOST):$(PORT)"
	@export PORTAL_BASE_URL=$(RUN_BASE_URL); \
	$(DEV) $(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	$(DEV) $(MANAGE) runserver $(HOST):$(PORT) & server=$$!; \
	trap 'kill $$worker $$server 2>/dev/null || true; wait' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	wait -n $$worker $$server

# --- checking and testing --------------------------------------------------------------

.PHONY: lint
lint: install ## ruff lint, ruff format check, djhtml template indentation check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

.PHONY: format
format: install ## format Python (ruff, incl. import order) and templates (djhtml) in place
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

.PHONY: check
check: install ## Django system checks, missing migrations, deployment checks
	@mkdir -p var
	$(TEST) $(MANAGE) check
	$(TEST) $(MANAGE) makemigrations --check --dry-run
	@echo "manage.py check --deploy (production settings, dummy secrets)"
	@env DJANGO_SETTINGS_MODULE=portal.settings.production \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))')" \
		ALLOWED_HOSTS=portal.example PORTAL_BASE_URL=https://portal.example \
		DATABASE_URL=postgres://u:p@localhost/db \
		$(MANAGE) check --deploy --fail-level WARNING

.PHONY: test-sqlite
test-sqlite: install ## pytest without browser tests, on SQLite (and a throw-away Redis)
	@mkdir -p var
	@services=$$(mktemp -d); trap 'bin/redis-test-server stop "$$services/redis"; rmdir "$$services"' EXIT; \
	trap 'exit 130' INT TERM HUP; \
	$(redis_start) \
	$(TEST_SHELL) $(call pytest,SQLite,-m "not browser")

.PHONY: test-postgres
test-postgres: install ## pytest without browser tests, on a throw-away PostgreSQL cluster
	@if ! bin/pg-test-cluster check 2>/dev/null; then \
		$(call missing,PostgreSQL tests,PostgreSQL server,apt-get install postgresql-15); \
	else \
		cluster=$$(mktemp -d); services=$$(mktemp -d); \
		trap 'bin/pg-test-cluster stop "$$cluster"; bin/redis-test-server stop "$$services/redis"; rmdir "$$services"' EXIT; \
		trap 'exit 130' INT TERM HUP; \
		url=$$(bin/pg-test-cluster start "$$cluster"); \
		$(redis_start) \
		$(TEST_SHELL) export DATABASE_URL="$$url"; \
		$(call pytest,PostgreSQL,-m "not browser"); \
	fi

.PHONY: test-browser
test-browser: install ## browser tests (headless Chromium, axe-core) on SQLite
	@mkdir -p var
	@if [ ! -x "$(CHROMIUM)" ]; then \
		$(call missing,browser tests,Chromium at $(CHROMIUM),apt-get install chromium); \
	else \
		$(TEST_SHELL) $(call pytest,browser tests (Chromium and SQLite),-m browser); \
	fi

.PHONY: test
test: install ## everything CI runs: lint, checks, pytest on SQLite and PostgreSQL, browser tests
	@# Parts whose tool is missing go first, so their notices are not the last thing
	@# printed: the last lines of `make test` are always a pytest summary.
	@missing=""; available="test-sqlite"; \
	if bin/pg-test-cluster check 2>/dev/null; then available="$$available test-postgres"; \
	else missing="$$missing test-postgres"; fi; \
	if [ -x "$(CHROMIUM)" ]; then available="$$available test-browser"; \
	else missing="$$missing test-browser"; fi; \
	failed=""; \
	for part in lint check $$missing $$available; do \
		$(MAKE) $$part || failed="$$failed $$part"; \
	done; \
	if [ -n "$$failed" ]; then echo "*** make test failed in:$$failed" >&2; exit 1; fi

# --- maintenance -----------------------------------------------------------------------

.PHONY: messages
messages: install ## collect interface text into locale/en/LC_MESSAGES/django.po (no line numbers: merges stay small)
	$(DEV) $(MANAGE) makemessages --locale en --no-location --no-wrap \
		--ignore=.venv --ignore=node_modules --ignore=static --ignore=var

.PHONY: lock
lock: | $(BIN)/uv ## regenerate requirements.lock (pyproject.toml) and package-lock.json (package.json)
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock
	npm install --package-lock-only --ignore-scripts --no-audit --no-fund

.PHONY: clean
clean: ## remove build output, caches, compiled translations and install stamps (keeps .venv, node_modules, var/db.sqlite3)
	rm -rf static/dist staticfiles test-results .pytest_cache .ruff_cache
	rm -f $(VENV)/.installed node_modules/.installed $(MESSAGES_STAMP) var/test*.sqlite3*
	find . \( -path ./.venv -o -path ./node_modules \) -prune -o \
		\( -name '*.mo' -o -name __pycache__ \) -print0 | xargs -0 rm -rf

.PHONY: distclean
distclean: clean ## clean, and also remove .venv, node_modules and var/ (the local database)
	rm -rf $(VENV) node_modules var
