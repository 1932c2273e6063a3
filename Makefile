# Every target works from a fresh clone: it creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GEOMETRY := build/us-atlas/package/counties-albers-10m.json
US_ATLAS := us-atlas@3.0.1

.PHONY: run test lint bench build validate data docs geometry clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Map geometry: the us-atlas package (Census cartographic boundaries) from the npm registry.
$(GEOMETRY):
	mkdir -p build/us-atlas
	cd build/us-atlas && npm pack --silent $(US_ATLAS) > /dev/null && tar xzf us-atlas-*.tgz

geometry: $(GEOMETRY)

run: $(STAMP) $(GEOMETRY)
	$(BIN)/sanctuary build
	$(BIN)/sanctuary serve --host 127.0.0.1 --port 8000 --workers 2

test: $(STAMP)
	@$(MAKE) --no-print-directory geometry || echo "map geometry not installed: map tests will be skipped"
	$(BIN)/sanctuary validate
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_grid.py
	$(BIN)/python benchmarks/bench_cold_ask.py
	$(BIN)/python benchmarks/bench_data.py $(RAW)
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_detainers.py

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
	$(BIN)/sanctuary coverage --report docs/coverage.md > /dev/null

clean:
	rm -rf $(VENV) build .pytest_cache
