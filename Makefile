# Two commands on a fresh machine: `make run` (install + chat) and `make test` (install + tests + lint).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install system axe run test lint fix bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned to the CPU build on disk: otherwise pip pulls a CUDA build of several GB.
install: $(BIN)/python system
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'

# axe-core from the npm registry, for the browser tests' accessibility scan (tests/browser.py)
AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --no-save --no-audit --no-fund --silent --prefix $(VENV)/npm axe-core@4.10.3

axe: $(AXE)

# From Debian: tesseract with its Vietnamese model reads scanned PDFs (OCR). Without root the
# install is skipped with a warning, and scanned PDFs are reported as "no text layer".
system:
	@if ! (command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie); then \
		echo "installing tesseract-ocr and tesseract-ocr-vie (OCR of scanned PDFs) ..."; \
		(export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
		 apt-get install -y -qq tesseract-ocr tesseract-ocr-vie >/dev/null) || \
		echo "warning: could not install tesseract-ocr-vie; scanned PDFs will not be read"; \
	fi

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
