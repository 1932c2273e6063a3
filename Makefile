# Every target works from a fresh clone: it creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench build validate data docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sanctuary build
	$(BIN)/sanctuary serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/sanctuary validate
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_grid.py
	$(BIN)/python benchmarks/bench_cold_ask.py
	$(BIN)/python benchmarks/bench_data.py $(RAW)

build: $(STAMP)
	$(BIN)/sanctuary build

validate: $(STAMP)
	$(BIN)/sanctuary validate

# Rebuild the committed normalized tables from the raw public files (see docs/data.md).
RAW ?= ../shared/data
data: $(STAMP)
	$(BIN)/python -m sanctuary_atlas.importers $(RAW)

# Regenerate the report pages in docs/ from the law and the record.
docs: $(STAMP)
	$(BIN)/sanctuary reconcile --report docs/reconciliation.md > /dev/null

clean:
	rm -rf $(VENV) build .pytest_cache
