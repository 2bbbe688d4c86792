# Two commands on a fresh machine: `make run` (install + chat) and `make test` (install + tests + lint).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install axe run test lint fix bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned to the CPU build on disk: otherwise pip pulls a CUDA build of several GB.
install: $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'

# axe-core from the npm registry, for the browser tests' accessibility scan (tests/browser.py)
AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --no-save --no-audit --no-fund --silent --prefix $(VENV)/npm axe-core@4.10.3

axe: $(AXE)

run: install
	$(BIN)/python app.py

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fix:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install axe
	$(BIN)/python -m pytest -q
	$(MAKE) lint

bench: install
	$(BIN)/python -m eval.bench

clean:
	rm -rf $(VENV) build *.egg-info
