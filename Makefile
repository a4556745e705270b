# nq57: `make run` starts the product with demo data; `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint bench model clean

$(BIN)/nq57: pyproject.toml package.json package-lock.json
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@if [ -f package.json ]; then npm ci --silent --no-audit --no-fund && $(BIN)/python -m nq57.web.assets; fi
	@touch $@

install: $(BIN)/nq57

# Install, load the administrative units and the demo (seed documents + generated values), serve.
run: install
	$(BIN)/nq57 demo --host $(HOST) --port $(PORT)
	$(BIN)/nq57 serve --host $(HOST) --port $(PORT)

# The whole suite: SQLite and PostgreSQL (127.0.0.1:5432; skipped with a notice if it is down).
test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench

# The quick benchmarks; the national ones need a PostgreSQL database (see bench/RESULTS.md).
bench: install
	@for b in extract text_read text_repair track web report; do echo "== bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; done
	@echo "National scale: $(BIN)/python bench/national.py --small --database-url postgresql+psycopg://postgres@127.0.0.1:5432/DB"

clean:
	rm -rf $(VENV) node_modules artifacts .pytest_cache
