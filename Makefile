# Two commands do all the set-up: `make demo` and `make test`. Everything else is optional.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8080
PYTEST_ARGS ?=

export VRAAGWIJZER_DATA_DIR ?= var

# The emergency languages, read from bot/platform/languages.py when `make messages` runs.
EMERGENCY_LOCALES = $(shell $(BIN)/python -c "from bot.platform.languages import EMERGENCY_LOCALES as e; print(*e)")
# Rasa 3.6 needs Python 3.10: RASA_PY=/path/to/python3.10, else pyenv's newest 3.10 (from
# `pyenv root`, $PYENV_ROOT or ~/.pyenv), else python3.10 on PATH (tools/rasa_python.sh).
# RASA_PY= (set, empty) means none. Without one, `make test` skips the Rasa tests and says
# so in one line at the end; REQUIRE_RASA=1 (.ci/run) makes that a failure instead.
ifeq ($(origin RASA_PY),undefined)
RASA_PY := $(shell bash tools/rasa_python.sh)
endif
REQUIRE_RASA ?=
RASA_NOTICE := *** NOT TESTED: the Rasa NLU backend (export, DIET training, a real Rasa server): no Python 3.10 found. To test it: install Python 3.10 (pyenv install 3.10) or set RASA_PY=/path/to/python3.10; it adds 2.7 GB (.venv-rasa) and a few minutes to make test. ***
RASA_VENV := .venv-rasa
RASA_DIR := var/rasa
FREE_PORT = $(BIN)/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'

.PHONY: screenshots install demo test test-ready test-model lint typecheck audit pytest bench bench-chat bench-nlu bench-kb bench-handoff bench-load bench-masking bench-insights clean messages rasa rasa-env

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-compile -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	VRAAGWIJZER_DEMO=true $(BIN)/vraagwijzer db upgrade
	VRAAGWIJZER_DEMO=true $(BIN)/vraagwijzer nlu train --if-changed
	VRAAGWIJZER_DEMO=true $(BIN)/vraagwijzer demo seed
	@echo
	@echo "  Demo page with the chat widget: http://127.0.0.1:$(PORT)/"
	@echo "  Staff console: http://127.0.0.1:$(PORT)/console (logins above: volunteers anna, bram; editor eline; admin)"
	@echo "  Open http://127.0.0.1:$(PORT)/api/docs (chat API) -- try:"
	@echo "  curl -s -X POST http://127.0.0.1:$(PORT)/api/v1/conversations"
	@echo
	VRAAGWIJZER_DEMO=true VRAAGWIJZER_PUBLIC_URL=http://127.0.0.1:$(PORT) \
		$(BIN)/vraagwijzer serve --port $(PORT)

# ruff, then the architecture: the import contracts in pyproject.toml ([tool.importlinter])
# and the size of bot's modules (tools/module_size.py).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m tools.module_size bot

typecheck: install
	$(BIN)/mypy nlu knowledge_base handoff bot

# Known vulnerabilities in the installed dependencies (pip-audit, bounded in time) fail
# the run. Packages the service could not be asked about are a loud warning; with
# VRAAGWIJZER_AUDIT_STRICT=1 (CI with internet) they fail it too (tools/audit_dependencies.py).
audit: install
	$(BIN)/python -m tools.audit_dependencies

# The suite runs against SQLite and against a throw-away PostgreSQL server (Debian's
# postgresql package, installed when missing) on a loopback port; stopped afterwards.
# Browser tests drive Debian's Chromium (installed when missing) through Playwright.
# Every log of the run goes to var/test-logs, then must hold none of the residents' data
# the tests send (tools/check_logs.py). Two workers that steal work from each other: a few
# tests take a minute (training the Rasa model on a fresh clone, `make demo`), and the
# other worker takes over what is left instead of idling at the end.
pytest: install
	@if [ -f $(RASA_VENV)/.installed ] || [ -n "$(RASA_PY)" ]; then \
		$(MAKE) --no-print-directory rasa-env; \
	elif [ -n "$(REQUIRE_RASA)" ]; then \
		echo "REQUIRE_RASA is set, but the Rasa tests cannot run: no Python 3.10 found" \
			"(install it, e.g. pyenv install 3.10, or set RASA_PY=/path/to/python3.10)" >&2; \
		exit 1; \
	fi
	@set -e; chromium=$$(bash tools/chromium.sh); url=$$(bash tools/postgres.sh start); \
	trap 'bash tools/postgres.sh stop; [ -f $(RASA_VENV)/.installed ] || echo "$(RASA_NOTICE)"' EXIT; \
	rm -rf var/test-logs; mkdir -p var/test-logs; \
	VRAAGWIJZER_TEST_POSTGRES_URL="$$url" VRAAGWIJZER_TEST_CHROMIUM="$$chromium" \
	VRAAGWIJZER_TEST_LOG_DIR="$$(pwd)/var/test-logs" \
		$(BIN)/pytest -n 2 --dist worksteal $(PYTEST_ARGS); \
	$(BIN)/python -m tools.check_logs var/test-logs

# What comes before pytest runs side by side, as far as make can (-j 3, each target's
# output kept together): .venv-rasa (when a Python 3.10 is there) is built from the start,
# beside .venv; then lint, the type check and the audit run while the NLU model the tests
# load (var/test-cache) is trained, so that pytest finds it cached instead of both workers
# waiting for it. Installs skip byte-compiling: Python compiles what it imports, on first
# import, which is a small part of the 2.7 GB of .venv-rasa.
test:
	@$(MAKE) --no-print-directory -j 3 --output-sync=target test-ready
	@$(MAKE) --no-print-directory pytest

test-ready: $(if $(RASA_PY),rasa-env) test-model typecheck lint audit

test-model: install
	@mkdir -p var/test-cache
	@VRAAGWIJZER_DEMO=true VRAAGWIJZER_DATA_DIR=var/test-cache $(BIN)/vraagwijzer nlu train \
		--if-changed > var/test-cache/train.log 2>&1 || { cat var/test-cache/train.log; exit 1; }

# Renew the README's screenshots (docs/screenshots/) from the browser tests; `make test`
# takes them too but leaves the tracked files alone.
screenshots: install
	@chromium=$$(bash tools/chromium.sh); \
	VRAAGWIJZER_SCREENSHOTS=1 VRAAGWIJZER_TEST_CHROMIUM="$$chromium" \
		$(BIN)/pytest -q -p no:randomly -p no:cacheprovider tests/browser

bench: bench-chat bench-nlu bench-kb bench-handoff bench-load bench-masking bench-insights

bench-chat: install
	$(BIN)/python -m tools.bench.chat_api

# Embedded backend variants and Rasa DIET on the shared dev set (trains Rasa once, cached);
# BENCH_ARGS="--gold eval/nlu_messages.jsonl" for the set in this repository.
bench-nlu: install rasa-env
	$(BIN)/python -m tools.bench.nlu $(BENCH_ARGS)

# Catalogue search latency (demo and a generated 20,000-provision catalogue) on SQLite and a
# throw-away PostgreSQL server in a directory and on a free port of its own, so that it can
# run beside `make test` and beside another `make bench-kb`.
bench-kb: install
	@set -e; export VRAAGWIJZER_PG_DIR=$$(mktemp -d /tmp/vraagwijzer-bench-pg.XXXXXX); \
	export VRAAGWIJZER_PG_PORT=$$($(FREE_PORT)); \
	trap 'bash tools/postgres.sh stop' EXIT; \
	url=$$(bash tools/postgres.sh start); \
	VRAAGWIJZER_BENCH_POSTGRES_URL="$$url" $(BIN)/python -m tools.bench.kb

# 300 residents for 5 minutes against `serve --workers 2` on PostgreSQL (a throw-away server
# with fsync on, as in production) and against one process on SQLite.
bench-load: install
	@set -e; export VRAAGWIJZER_PG_DIR=$$(mktemp -d /tmp/vraagwijzer-bench-pg.XXXXXX); \
	export VRAAGWIJZER_PG_PORT=$$($(FREE_PORT)) VRAAGWIJZER_PG_DURABLE=1; \
	trap 'bash tools/postgres.sh stop' EXIT; \
	url=$$(bash tools/postgres.sh start); \
	VRAAGWIJZER_BENCH_POSTGRES_URL="$$url" $(BIN)/python -m tools.bench.load $(BENCH_ARGS)

# Creating a referral ticket (server time), on SQLite and a throw-away PostgreSQL server.
bench-handoff: install
	@set -e; export VRAAGWIJZER_PG_DIR=/tmp/vraagwijzer-bench-pg-handoff VRAAGWIJZER_PG_PORT=55436; \
	url=$$(bash tools/postgres.sh start); \
	trap 'bash tools/postgres.sh stop' EXIT; \
	VRAAGWIJZER_BENCH_POSTGRES_URL="$$url" $(BIN)/python -m tools.bench.handoff

# Masking personal data in the longest message on inputs chosen to make it slow, and the
# volunteer's transcript of 28 such messages (issue 17).
bench-masking: install
	$(BIN)/python -m tools.bench.masking

bench-insights: install
	$(BIN)/python -m tools.bench.insights

# Rasa 3.6 needs Python 3.10 and old pins: it lives in its own environment and runs as a
# separate service, as it is deployed in practice.
$(RASA_VENV)/.installed:
	@test -n "$(RASA_PY)" || { echo "Rasa needs Python 3.10: none found (pyenv install 3.10, or set RASA_PY=/path/to/python3.10)" >&2; exit 1; }
	$(RASA_PY) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install --quiet --upgrade pip
	$(RASA_VENV)/bin/pip install --quiet --no-compile rasa==3.6.21
	touch $@

rasa-env: $(RASA_VENV)/.installed

# Export the training data as a Rasa project, train DIET, and serve it on loopback:5005.
rasa: install rasa-env
	$(BIN)/vraagwijzer nlu rasa export $(RASA_DIR)
	cd $(RASA_DIR) && ../../$(RASA_VENV)/bin/rasa train nlu --config config.yml --nlu data \
		--domain domain.yml --out models --fixed-model-name nlu
	cd $(RASA_DIR) && ../../$(RASA_VENV)/bin/rasa run --enable-api -i 127.0.0.1 -p 5005 \
		-m models/nlu.tar.gz

clean:
	rm -rf $(VENV) $(RASA_VENV) var .pytest_cache .mypy_cache .ruff_cache

# After changing resident-facing text: extract it and update the catalogs (then translate).
messages: install
	$(BIN)/pybabel extract --no-location --omit-header -k gettext -k ngettext:1,2 -k pgettext:1c,2 \
		--ignore-dirs "console insights referrals staff" -o bot/locale/messages.pot bot/
	for locale in nl en; do $(BIN)/pybabel update --ignore-obsolete --width 100 \
		-i bot/locale/messages.pot -d bot/locale -D messages -l $$locale; done
	@# The emergency languages hold only the crisis and first-reply texts.
	@mkdir -p var
	$(BIN)/pybabel extract --no-location --omit-header -k gettext -k pgettext:1c,2 \
		-o var/crisis.pot bot/conversation/crisis_replies.py
	for locale in $(EMERGENCY_LOCALES); do $(BIN)/pybabel update --ignore-obsolete \
		--width 100 -i var/crisis.pot -d bot/locale -D messages -l $$locale; done
	$(BIN)/pybabel extract --no-location --omit-header -k gettext -k ngettext:1,2 \
		-F bot/locale/console-babel.cfg -o bot/locale/console.pot .
	$(BIN)/pybabel update --ignore-obsolete --width 100 \
		-i bot/locale/console.pot -d bot/locale -D console
	$(BIN)/pybabel extract --no-location --omit-header --no-default-keywords -k widget_text \
		-F bot/locale/widget-babel.cfg -o bot/locale/widget.pot .
	$(BIN)/pybabel update --ignore-obsolete --width 100 \
		-i bot/locale/widget.pot -d bot/locale -D widget
