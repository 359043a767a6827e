# Parley's one-command entry points. Each creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := sqlite:///demo.db
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: demo test test-fast check bench lint format system-deps clean

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test]'
	touch $@

## demo: ingest the bundled sample articles into demo.db and show what Parley found
demo: $(VENV)/.installed
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/parley ingest samples/ --db $(DEMO_DB)
	$(BIN)/parley stats --db $(DEMO_DB)
	$(BIN)/parley articles --db $(DEMO_DB) --limit 20
	$(BIN)/parley quotes --db $(DEMO_DB) --limit 10
	$(BIN)/parley events --db $(DEMO_DB) --limit 10
	$(BIN)/parley dyad RUS UKR --db $(DEMO_DB)
	$(BIN)/parley process RUS UKR --db $(DEMO_DB)
	$(BIN)/parley shifts --db $(DEMO_DB)
	@echo
	@echo "Browse the demo in your web browser: $(BIN)/parley serve --db $(DEMO_DB)"
	@echo "then open http://127.0.0.1:8000/"

## test: run the whole test suite (system packages are installed when running as root)
test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest

## test-fast: the inner loop: every test but the browser and PostgreSQL ones
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not browser and not postgres"

## system-deps: Debian's chromium and postgresql for the browser and PostgreSQL tests (root only)
system-deps:
	@scripts/system-deps

## check: format, lint, types and tests, the one command before a commit (and what CI runs)
check: $(VENV)/.installed-test system-deps
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

## bench: throughput and latency benchmarks, printed as ratios to a baseline run in the same process
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/api_latency.py
	$(BIN)/python benchmarks/scaling.py
	$(BIN)/python benchmarks/store_ingest.py
	$(BIN)/python benchmarks/store_growth.py

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
