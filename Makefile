# vbkg: the two commands of the README are `make demo` and `make test`.
# Everything a fresh Debian machine lacks is installed here (apt-get for Java,
# Maven, Chromium, Tesseract and antiword; pip into .venv; Maven Central for the Neo4j jars), so CI
# (.ci/run) and a new developer need nothing else.

PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
VBKG      := $(BIN)/vbkg
SEEDS     := examples/seeds
WEB_PORT  ?= 8000
# root installs with apt-get directly; anyone else through sudo
SUDO      := $(if $(filter 0,$(shell id -u)),,sudo)
APT_GET   := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -y -q --no-install-recommends

.PHONY: lock venv apt-install java-maven chromium readers neo4j-install neo4j neo4j-stop demo demo-web web stop test lint

venv: $(VENV)/.installed

# Reinstalled only when pyproject.toml or constraints.txt changes; versions pinned by
# constraints.txt, so a fresh machine builds what CI built.
$(VENV)/.installed: pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11+" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) \
	  || { $(MAKE) --no-print-directory apt-install PKGS=python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	@touch $@

# After changing pyproject.toml's dependencies: the newest versions that install together,
# from a fresh venv, become the pins.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q '.[test]'
	{ sed -n '1,2p' constraints.txt; .lock-venv/bin/pip freeze --exclude-editable | grep -v '^vbkg'; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .lock-venv

# Installs Debian packages, refreshing the package lists only when the first try fails.
apt-install:
	@command -v apt-get >/dev/null || { echo "error: apt-get not found; install $(PKGS) yourself" >&2; exit 1; }
	$(APT_GET) install $(PKGS) || { $(SUDO) apt-get -q update && $(APT_GET) install $(PKGS); }

# Java and Maven fetch and run the managed Neo4j (Neo4j 5.26 runs on Java 17 or 21).
java-maven:
	@missing=""; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	if [ -n "$$missing" ]; then $(MAKE) --no-print-directory apt-install PKGS="$$missing"; fi

# What reads scans and Word 97-2003 files: Tesseract 5 with its Vietnamese model, antiword.
readers:
	@missing=""; \
	command -v tesseract >/dev/null || missing="$$missing tesseract-ocr"; \
	test -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata || missing="$$missing tesseract-ocr-vie"; \
	command -v antiword >/dev/null || missing="$$missing antiword"; \
	if [ -n "$$missing" ]; then $(MAKE) --no-print-directory apt-install PKGS="$$missing"; fi

# The headless browser the UI tests drive, and the font the format tests typeset PDFs with.
chromium:
	@test -x /usr/bin/chromium || $(MAKE) --no-print-directory apt-install PKGS=chromium
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
	  || $(MAKE) --no-print-directory apt-install PKGS=fonts-dejavu-core

# The Neo4j 5.26 jars from Maven Central (a no-op once they are in ~/.cache/vbkg).
neo4j-install: venv java-maven
	$(VBKG) neo4j install

# The managed instance of this checkout (.vbkg/neo4j), started and answering Bolt.
neo4j: neo4j-install
	$(VBKG) neo4j start

neo4j-stop: venv
	$(VBKG) neo4j stop

demo: venv readers neo4j
	$(VBKG) load $(SEEDS)
	$(VBKG) query who-implements 05-NQ/TU
	@echo
	@echo "Neo4j Browser: $$($(VBKG) neo4j status | sed -n 's/^ *browser: *//p')  (user neo4j, password in .vbkg/neo4j/password)"
	@$(MAKE) --no-print-directory demo-web

# The last step of the demo: the web app, started in the background (pid and log
# under .vbkg/) so that the demo ends; running the demo again reuses it.
WEB_PID := .vbkg/web.pid
WEB_URL := http://127.0.0.1:$(WEB_PORT)/
WEB_UP  := $(BIN)/python -c "import urllib.request; urllib.request.urlopen('$(WEB_URL)', timeout=5)"
demo-web: venv
	@if [ -f $(WEB_PID) ] && kill -0 $$(cat $(WEB_PID)) 2>/dev/null; then \
	  echo "Web app already running (pid $$(cat $(WEB_PID)))"; \
	else \
	  mkdir -p .vbkg; \
	  nohup $(VBKG) serve --port $(WEB_PORT) > .vbkg/web.log 2>&1 & echo $$! > $(WEB_PID); \
	  for i in $$(seq 60); do $(WEB_UP) 2>/dev/null && break; sleep 0.5; done; \
	  $(WEB_UP) || { echo "error: the web app did not answer; see .vbkg/web.log" >&2; exit 1; }; \
	fi
	@echo "Web app: $(WEB_URL)  (API docs: $(WEB_URL)docs; stop with: make stop)"

# The web app in the foreground.
web: venv neo4j
	$(VBKG) serve --port $(WEB_PORT)

# Stops what the demo started: the web app and the managed Neo4j.
stop: venv
	@if [ -f $(WEB_PID) ]; then kill $$(cat $(WEB_PID)) 2>/dev/null || true; rm -f $(WEB_PID); fi
	$(VBKG) neo4j stop

test: venv chromium readers neo4j-install
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check .
