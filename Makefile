# Two commands a newcomer needs:  make demo   and   make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
ACCORD := $(BIN)/accord

.PHONY: demo test venv messages serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
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

clean:
	rm -rf $(VENV) staticfiles accord.sqlite3 accord.sqlite3-wal accord.sqlite3-shm
