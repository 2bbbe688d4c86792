# Two commands on a fresh machine: `make run` (install + chat) and `make test` (install + tests + lint).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test lint fix bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned to the CPU build on disk: otherwise pip pulls a CUDA build of several GB.
install: $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'

run: install
	$(BIN)/python app.py

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fix:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install
	$(BIN)/python -m pytest -q
	$(MAKE) lint

bench: install
	$(BIN)/python -m eval.bench

clean:
	rm -rf $(VENV) build *.egg-info
