# sitrep front door. Every target sets up .venv from the lock first (idempotent: a stamp file).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 180

.PHONY: setup run test test-fast bench lint clean report-check

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sitrep run

test: $(STAMP)
	$(BIN)/python -m pytest

# The fast loop: every test but the e2e ones on one pytest-xdist worker per core. Each worker starts with
# a contiguous half of the tests (a file's module fixtures are built once) and takes work from the other's
# tail when it runs out, so both finish together.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not e2e" -n auto --dist worksteal

# Renders the latest Data Docs in headless Chromium with no network; fails when the validation list is missing.
report-check: $(STAMP)
	$(BIN)/python -m sitrep.report_check warehouse/reports/index.html

bench: $(STAMP)
	$(BIN)/python -m bench.run

lint: $(STAMP)
	$(BIN)/ruff check sitrep flows tests bench
	$(BIN)/ruff format --check sitrep flows tests bench

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/snapshots warehouse/reports
