# CAX Desk — `make run` starts the station app, `make test` runs every test; both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

TS_FILES := $(wildcard resources/translations/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

.PHONY: venv upgrade-deps run test check lint typecheck format bench system-deps clean package deb package-test nsis-check translations update-translations

# system-deps.sh too: a system library added there (libpulse0 for the camera) reaches every
# existing .venv at its next make, not only fresh clones.
$(STAMP): pyproject.toml constraints.txt scripts/system-deps.sh
	scripts/system-deps.sh $(if $(DISPLAY)$(WAYLAND_DISPLAY),gui,)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[server,test]"
	touch $(STAMP)

venv: $(STAMP)

system-deps:
	scripts/system-deps.sh gui browser

# Compiled translations are built, never committed: the .ts files are the source.
resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM_FILES)

update-translations: venv
	$(BIN)/pyside6-lupdate $$(find desktop/ui desktop/app.py -name '*.py' | sort) -locations none -no-obsolete -source-language en -target-language vi_VN -ts resources/translations/cax_vi.ts
	$(BIN)/pyside6-lupdate $$(find desktop/ui desktop/app.py -name '*.py' | sort) -locations none -no-obsolete -source-language en -target-language en_GB -ts resources/translations/cax_en.ts

run: venv translations
	$(BIN)/cax-desk

# The console's browser tests need Chromium (idempotent: only dpkg queries once installed).
test: venv translations
	scripts/system-deps.sh browser
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The fast lane (≤ 3 min on 2 cores): lint, types, and every test not marked slow, spread over
# the cores. `make test` still runs everything.
check: venv translations
	$(MAKE) lint
	$(MAKE) typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" -n auto --dist worksteal -q --durations=15

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy, configured in pyproject.toml ([tool.mypy]): desktop, domain, protocol, server.
typecheck: venv
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Packaging (installer/): PyInstaller comes from installer/requirements.txt into the same .venv.
PACKAGE_STAMP := $(VENV)/.package-stamp

$(PACKAGE_STAMP): $(STAMP) installer/requirements.txt
	$(BIN)/python -m pip install -q -c constraints.txt -r installer/requirements.txt
	touch $(PACKAGE_STAMP)

# Newest versions within pyproject.toml's ranges, pinned anew in constraints.txt. Then run
# `make test` and `make package-test` before committing the new pins.
upgrade-deps:
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[server,test]" -r installer/requirements.txt
	{ sed -n '/^#/p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	touch $(STAMP) $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	installer/build.sh

deb: package
	installer/build-deb.sh dist/cax-desk dist

package-test: $(PACKAGE_STAMP)
	installer/package_test.sh

nsis-check: venv
	installer/nsis_check.sh

bench: venv
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/server_ingest_bench.py
	$(BIN)/python bench/gui_startup_bench.py
	$(BIN)/python bench/form_open_bench.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache resources/translations/*.qm
