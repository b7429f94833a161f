# The two commands of the README: `make run` opens the app, `make test` runs every check.
# Both create .venv on first use and reinstall only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-tools test-corpus lint bench screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint test-tools
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# Tools the tests use when the machine has them: PostgreSQL (the database tests also run on a
# throw-away server the tests start themselves, tests/pg_server.py) and LibreOffice (a workbook
# saved by it must round-trip). Installed from Debian's packages when missing and we may;
# elsewhere those tests are skipped, saying why (the PostgreSQL runs fail on CI instead).
test-tools:
	@missing=""; \
	command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| missing="$$missing postgresql"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-calc-nogui"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing for the tests:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
				$$missing >/dev/null; \
		else \
			echo "Not installed:$$missing; the tests that need them will be skipped"; \
		fi; \
	fi

# Opt-in: import every workbook of a hostile corpus (CORPUS=folder), each in its own process.
test-corpus: $(STAMP)
	MINING_TRACKER_HOSTILE_CORPUS="$(CORPUS)" QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q \
		tests/test_corpus_hostile.py

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(ARGS)

screenshots: $(STAMP)
	$(BIN)/python -m ui.screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.charts.screenshots

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache .grimp_cache build *.egg-info
