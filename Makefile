# realpolitik: two commands on a fresh machine.
#   make demo   set up .venv, ingest the example corpus into ./realpolitik.duckdb, print a brief
#   make test   set up .venv, run the whole test suite
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint bench eval clean browser

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/realpolitik ingest --examples
	$(BIN)/realpolitik brief --all

test: $(STAMP) browser
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium (never a downloaded browser). Installed when missing and
# we are root; without it those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "note: Chromium not installed; browser tests will be skipped"; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

eval: $(STAMP)
	$(BIN)/python benchmarks/evaluate.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_coder.py
	$(BIN)/python benchmarks/bench_analytics.py

clean:
	rm -rf $(VENV) realpolitik.duckdb realpolitik.duckdb.wal realpolitik.duckdb.lock realpolitik.duckdb.lock.turn
