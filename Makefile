# The two commands a newcomer needs:  `make demo`  and  `make test`.
# Both create the virtual environment and install the locked dependencies first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test install lint check browsers messages lock bench clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.9

$(VENV)/.installed: requirements.lock | $(BIN)/uv
	$(BIN)/uv pip sync --quiet --python $(PY) requirements.lock
	@touch $@

install: $(VENV)/.installed

## make demo: set up, migrate, seed the demo course and run web + Celery worker + beat.
## PORT=8001 / HOST=0.0.0.0 move it; PRELAUNCH_MINUTES=5 moves the launch 5 minutes ahead.
## It runs as production does (DEBUG off, whitenoise serving the collected static files), so a
## mistyped address shows the site's own 404 page; only the secret key is the demo's own
## (made once in var/demo-secret-key) and plain http on this machine is allowed.
DEMO_ENV = DEBUG=0 SECRET_KEY="$$(cat var/demo-secret-key)" \
	SECURE_SSL_REDIRECT=False SECURE_COOKIES=False SECURE_HSTS_SECONDS=0 \
	SITE_URL=http://$(HOST):$(PORT)
demo: install
	@mkdir -p var
	@test -s var/demo-secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" >var/demo-secret-key
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(DEMO_ENV) $(PY) manage.py seed_demo --demo-accounts $(if $(PRELAUNCH_MINUTES),--prelaunch-minutes $(PRELAUNCH_MINUTES))
	@$(DEMO_ENV) $(PY) manage.py demo_banner --host $(HOST) --port $(PORT)
	PATH="$(abspath $(BIN)):$$PATH" $(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) \
		$(BIN)/honcho -f Procfile.demo start

## make test: set up and run every check and the whole test suite.
test: install browsers lint check
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint --quiet
	$(BIN)/lint-imports --no-cache
	@if [ -f ../shared/tools/seed_overlap.py ]; then $(PYTHON) ../shared/tools/seed_overlap.py .; fi

check: install
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py compilemessages --ignore=.venv -v0
	@git diff --quiet -- locale 2>/dev/null || { echo "locale/*.mo out of date: commit the compiled catalogues"; exit 1; }

## Chromium for the browser tests (Debian's package; installed when missing and we may).
browsers:
	@bash scripts/ensure-chromium

## Refresh the translation catalogues after changing user-facing strings.
messages: install
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemessages -l nl -l en --ignore=.venv --ignore=var --no-obsolete --no-location
	@# No file:line comments and no creation date: parallel branches then merge without conflicts.
	sed -i '/^"POT-Creation-Date: /d' locale/*/LC_MESSAGES/django.po
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py compilemessages --ignore=.venv

## Re-pin every dependency (after editing pyproject.toml).
lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf var staticfiles
