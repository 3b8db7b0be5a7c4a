# Two commands a newcomer needs:  make demo   and   make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ACCORD := $(BIN)/accord

.PHONY: demo test fuzz venv messages serve clean lock sbom audit-deps screens

# The exact versions CI tests, each checked against its hash (requirements.lock, made by
# `make lock` from pyproject.toml's ranges); then Accord itself.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# The Russian catalogue is compiled as part of every build.
messages: venv
	cd accord && ../$(ACCORD) compilemessages --verbosity 0

demo: messages
	$(ACCORD) migrate --noinput --verbosity 0
	$(ACCORD) demo
	@echo "Serving Accord at http://127.0.0.1:8000 — sign in with an account above (Ctrl+C stops)."
	@# The worker (background tasks, daily jobs) runs beside the server and stops with it.
	@# The demo accounts sign in with passwords only: the second factor that administrators,
	@# auditors and legal advisers need in production is relaxed (ACCORD_RELAX_SECOND_FACTOR).
	ACCORD_DEBUG=1 ACCORD_RELAX_SECOND_FACTOR=1 $(ACCORD) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	ACCORD_DEBUG=1 ACCORD_RELAX_SECOND_FACTOR=1 $(ACCORD) runserver 127.0.0.1:8000

test: messages
	VENV=$(VENV) scripts/test

# A longer schemathesis run over the whole API than the one in `make test` (which takes 5
# examples per operation): 50 examples and the coverage phase (every boundary value).
FUZZ_EXAMPLES ?= 50
fuzz: messages
	DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=. ACCORD_TESTING=1 \
	ACCORD_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ACCORD_FUZZ_PHASES=examples,coverage,fuzzing \
	$(BIN)/pytest -q -p no:cacheprovider -n auto tests/test_api_fuzz.py
# Screenshots of the main pages (1366 px and 390 px, English and Russian) from the demo
# data into docs/screens/, on a throw-away database; not part of `make test`.
screens: messages
	$(BIN)/python scripts/screens.py

clean:
	rm -rf $(VENV) $(TOOLS) staticfiles accord.sqlite3 accord.sqlite3-wal accord.sqlite3-shm

# Supply chain. `make lock` re-resolves pyproject.toml's ranges into requirements.lock with
# hashes (pip-tools, in a tools venv of its own); `make sbom` writes the CycloneDX SBOM of
# what is installed; `make audit-deps` checks the lock against the advisory databases
# (needs the network: run it on a schedule, not in the test command).
TOOLS := .tools
$(TOOLS)/bin/pip-compile:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "pip-tools>=7.4,<8"

lock: $(TOOLS)/bin/pip-compile
	$(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra test --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock pyproject.toml

sbom: venv
	$(BIN)/cyclonedx-py environment $(BIN)/python --output-format JSON --output-file sbom.cdx.json
	@echo "SBOM written to sbom.cdx.json"

audit-deps: venv
	$(BIN)/pip-audit --requirement requirements.lock --require-hashes --disable-pip
