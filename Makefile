# warta: `make demo` runs the site with demo content, `make test` runs the tests.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings

.PHONY: demo serve test test-machines fuzz lint audit format bench bench-scale bench-live bench-wire install install-test clean

$(VENV)/bin/python:
	@PYTHON="$$(bin/find-python)" && echo "Creating $(VENV) with $$PYTHON" && "$$PYTHON" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The demo's absolute URLs (gift and share links, canonical, feeds, sitemaps, mail) name the
# address it serves on; `make demo PORT=8101` moves them too. Production sets WARTA_BASE_URL.
DEMO_ENV = WARTA_DEBUG=true WARTA_BASE_URL=$${WARTA_BASE_URL:-http://$(HOST):$(PORT)}

demo: install
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py newsroom_setup
	$(DEMO_ENV) $(PY) manage.py demo_load
	@echo ""
	@echo "warta is running at http://$(HOST):$(PORT)/ (the back office at http://$(HOST):$(PORT)/admin/),"
	@echo "with its background worker (scheduled publishing, mail). Stop both with Ctrl+C."
	$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) bin/demo-serve

# The production profile: bin/serve (check --deploy, collectstatic, then granian with one worker
# process per core, WEB_CONCURRENCY to change); settings from the environment (WARTA_PRODUCTION=true,
# SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL...: docs/operations.md). The background
# worker is bin/worker; deploy/systemd/ runs both as services.
serve: install
	bin/serve

test: install-test
	$(PY) -m pytest

# Two app servers, two workers and Varnish on one PostgreSQL and Redis
# (tests/test_several_machines.py, about 3 minutes; `make test` runs it too on PostgreSQL):
#   DATABASE_URL=postgres://... REDIS_URL=redis://.../N make test-machines  (uses Redis db N+1)
test-machines: install-test
	$(PY) -m pytest tests/test_several_machines.py

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy warta config
	$(VENV)/bin/lint-imports
	$(VENV)/bin/bandit -c pyproject.toml -q -r warta config
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) bin/lint-migrations.py

# Known vulnerabilities in the installed packages (pip-audit, PyPI's JSON API; AUDIT_ARGS="-s osv"
# asks OSV). Needs the service: when it cannot be reached, or skips a package, it prints "audit
# not done" and fails; it never reports a clean result for packages it did not check.
audit: install-test
	$(PY) bin/audit.py $(AUDIT_ARGS)

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# bench/README.md. BENCH_SECONDS=N: seconds of load per setup (default 10); BENCH_POSTGRES=0 leaves
# out the PostgreSQL setups; BENCH_SCALE=0 leaves out the scale part (page time with 1k, 100k and
# 1M articles, long: `make bench-scale` runs it alone; BENCH_SCALE_TOTALS="1000 100000" stops
# sooner). Between them, readers under a live newsroom (bench/live_newsroom.sh, about 3 minutes;
# `make bench-live` runs it alone).
bench: install-test
	bench/article_page.sh
	bench/live_newsroom.sh
	@if [ "$${BENCH_SCALE:-1}" = 0 ]; then \
		echo "BENCH_SCALE=0: the scale part (make bench-scale) left out"; \
	else \
		bench/scale.sh; \
	fi

bench-scale: install-test
	bench/scale.sh

# Readers of 1,000 pages while one story a second is republished, against the same pages quiet;
# how soon a change shows in every worker; the pages one publication re-renders (bench/README.md).
# BENCH_SECONDS=N: seconds of load per run; BENCH_LIVE_PAGES=N: the size of the reading set.
bench-live: install-test
	bench/live_newsroom.sh

# The wire desk's ingest of 10,000 ninjs items on SQLite and PostgreSQL, then the unchanged
# re-run (bench/README.md). BENCH_WIRE_ITEMS=N: how many items; BENCH_POSTGRES=0: SQLite only.
bench-wire: install-test
	bench/wire.sh

# The fuzzing of tests/test_fuzzing.py (which `make test` runs with 2,000 fixed inputs), longer
# and at random: WARTA_FUZZ_EXAMPLES=N times the inputs (20 unless given).
fuzz: install-test
	WARTA_FUZZ_RANDOM=1 WARTA_FUZZ_EXAMPLES=$${WARTA_FUZZ_EXAMPLES:-20} $(PY) -m pytest tests/test_fuzzing.py -p no:randomly

clean:
	rm -rf $(VENV) var/static
