# CAX Desk — `make run` starts the station app, `make test` runs every test; both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: venv run test lint format bench system-deps clean

$(STAMP): pyproject.toml
	scripts/system-deps.sh $(if $(DISPLAY)$(WAYLAND_DISPLAY),gui,)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[server,test]"
	touch $(STAMP)

venv: $(STAMP)

system-deps:
	scripts/system-deps.sh gui

run: venv
	$(BIN)/cax-desk

test: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: venv
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/server_ingest_bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
