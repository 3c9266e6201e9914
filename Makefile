# TryggSam – quick start: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cat pyproject.toml | sha1sum | cut -c1-12)
# Two stamps: `make run` needs only what the app imports; the test and lint tools (playwright, duckdb,
# mypy, schemathesis …) come with `make test`/`make lint`, which install the dev extras on top.
STAMP := $(VENV)/.installed-base-$(HASH)
DEV_STAMP := $(VENV)/.installed-dev-$(HASH)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev run test lint demo clean messages

install: $(STAMP)

install-dev: $(DEV_STAMP)

# `--no-compile`: pip would compile every module of every package (scipy, pandas, statsmodels …: about
# 60 % of the install's CPU); Python compiles what the app really imports when it first imports it.
# A new virtualenv has the pip of the Python that made it (23.x on Python 3.11), which spends most of its
# CPU evaluating every file listed on the index pages of the pinned packages; with pip 26 installed first
# (under a second; nothing when the virtualenv has it) the install costs about a third less CPU.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile 'pip>=26'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -e .
	@rm -f $(VENV)/.installed-base-*
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# The suite starts many processes: compile the base packages too, on every core. A file written for
	@# another Python version (some packages ship such test data) fails to compile, which is no error here.
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib > /dev/null 2>&1 || true
	@rm -f $(VENV)/.installed-dev-*
	@touch $(DEV_STAMP)

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# The job cluster is stopped with SIGTERM when the server ends and waited for (it exits within a second,
# see `tryggsam/core/management/commands/qcluster.py`), so no cluster outlives `make run`.
run: demo
	@echo "TryggSam körs på http://$(HOST):$(PORT)/  (avsluta med Ctrl+C)"
	@$(BIN)/python manage.py qcluster > qcluster.log 2>&1 & QPID=$$!; \
	  trap "kill $$QPID 2>/dev/null; wait $$QPID 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

messages: install
	cd tryggsam && ../$(BIN)/python ../manage.py makemessages -l en --no-location --no-obsolete
	msgfmt --check -o tryggsam/locale/en/LC_MESSAGES/django.mo tryggsam/locale/en/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .mypy_cache .ruff_cache
