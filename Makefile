# realpolitik: two commands on a fresh machine.
#   make demo   set up .venv, ingest the example corpus into ./realpolitik.duckdb, print a brief
#   make test   set up .venv, run the whole test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench eval clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/realpolitik ingest --examples
	$(BIN)/realpolitik brief --all

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

eval: $(STAMP)
	$(BIN)/python benchmarks/evaluate.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_coder.py
	$(BIN)/python benchmarks/bench_analytics.py

clean:
	rm -rf $(VENV) realpolitik.duckdb realpolitik.duckdb.wal
