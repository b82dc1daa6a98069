# Boligbro: `make demo` runs the portal with demo data; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
export BOLIGBRO_ENV ?= development
# Test workers (pytest-xdist): one per core.
WORKERS ?= auto

.PHONY: demo serve install install-test translations i18n-update i18n-check lint test test-fast clean
.PHONY: fonts lighthouse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

translations: $(VENV)/.installed
	$(BIN)/python -m portal.i18n.catalogs compile

## The demo: install, compile the translations, migrate SQLite, load the demo data, serve.
## Run twice, it keeps the data; `make demo RESET=1` loads it anew.
demo: translations
	$(FLASK) db-upgrade
	$(FLASK) demo-data $(if $(RESET),--reset)
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

serve: translations
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

## Re-extract the strings and bring every catalog up to date (then translate what is new).
i18n-update: $(VENV)/.installed
	$(BIN)/python -m portal.i18n.catalogs update

i18n-check: $(VENV)/.installed
	$(BIN)/python -m portal.i18n.catalogs check

lint: $(VENV)/.installed-test
	$(BIN)/ruff check portal tests scripts wsgi.py
	$(BIN)/ruff format --check portal tests scripts wsgi.py
	$(BIN)/mypy

## Every test: lint, unit, functional, i18n, security, browser; on SQLite, and on
## PostgreSQL too when DATABASE_URL points at one.
test: $(VENV)/.installed-test
	$(BIN)/python -m portal.i18n.catalogs compile
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest -n $(WORKERS) --dist load

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m portal.i18n.catalogs compile
	$(BIN)/pytest -m "not browser" -x -q

## The Arabic and Ge'ez web fonts in static/fonts, subset to what the catalogs use
## (commit the result; re-run after new ar or ti translations: tests/unit/test_fonts.py says when).
fonts: $(VENV)/.installed-test
	$(BIN)/python scripts/subset_fonts.py

## Lighthouse (npm lighthouse@12, mobile, Debian's Chromium) on the citizen pages in da, ar
## and ti; fails below accessibility 100, performance 95 or best practices 95.
build/lighthouse/node_modules/.bin/lighthouse:
	npm install --prefix build/lighthouse --no-audit --no-fund lighthouse@12

lighthouse: translations build/lighthouse/node_modules/.bin/lighthouse
	$(BIN)/python scripts/lighthouse.py

clean:
	rm -rf $(VENV) instance build translations/*/LC_MESSAGES/*.mo
