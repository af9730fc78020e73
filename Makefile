# Two commands do all the set-up (see README): `make serve` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
# The build engine: `make html ENGINE=properdocs` (html, build, pdf, offline, serve, bench). Empty means the
# default in tools/engine.py (MkDocs 1.6.1). Exported as ITB_ENGINE, so every tool that builds uses it too.
ENGINE ?= $(ITB_ENGINE)
export ITB_ENGINE := $(ENGINE)
MKDOCS := $(PY) -m tools.engine
SITE := site
VENDOR := docs/assets/vendor

.PHONY: serve build html pdf offline test test-fast mutations bench readability clean setup system-packages

# Paper for the PDFs: Letter (default) or A4, e.g. `make pdf PAPER=A4`.
PAPER ?= Letter
# A build meant for publishing: `make build PUBLISH=1` stops, with one line, unless ITB_SITE_URL is the
# site's real public address. ITB_PUBLISH=1 in the environment means the same (the Dockerfile sets it).
# The check is macros/site_url.py, the same one the build runs (macros/env_print.py); it needs only the
# standard library, so it runs while make reads this file, before any set-up.
PUBLISH ?= $(ITB_PUBLISH)
export ITB_PUBLISH := $(PUBLISH)
ifneq ($(PUBLISH),)
  PUBLISH_PROBLEM := $(shell $(firstword $(wildcard $(PY)) python3) macros/site_url.py '$(subst ','\'',$(ITB_SITE_URL))' 2>&1)
  ifneq ($(PUBLISH_PROBLEM),)
    $(error make build PUBLISH=1: $(PUBLISH_PROBLEM))
  endif
endif

# Python environment, pinned exactly (requirements*.txt + the full lock in constraints.txt).
.venv/.installed: requirements.txt requirements-test.txt constraints.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q -r requirements-test.txt -c constraints.txt
	touch $@

# Front-end assets from npm (axe-core for tests, iframe-worker for the offline copy), exact versions from the lock.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR)/iframe-worker-shim.js: node_modules/.installed
	mkdir -p $(VENDOR)
	cp node_modules/iframe-worker/shim/index.js $@

setup: .venv/.installed node_modules/.installed $(VENDOR)/iframe-worker-shim.js

system-packages:
	./tools/ensure_system_packages.sh

serve: setup
	$(MKDOCS) serve --strict -a 127.0.0.1:8000

# Every build step writes into a new folder beside $(SITE)/ ($(SITE).tmp-XXXXXX); tools/swap_site.py swaps it in
# only when every step has passed. A failed or killed build (a passed review date, a PDF error) leaves the last
# good $(SITE)/ whole, and a reader never sees a half-written one. `make clean` removes leftover temp folders.
NEW_SITE = tmp=$$(mktemp -d "$(SITE).tmp-XXXXXX") && trap 'rm -rf "$$tmp"' EXIT && chmod 755 "$$tmp"
BUILD_HTML = $(MKDOCS) build --strict -d "$$tmp"
BUILD_PDF = PAPER=$(PAPER) $(PY) -m tools.make_pdf "$$tmp"
BUILD_OFFLINE = $(PY) -m tools.make_offline "$$tmp"
SWAP_SITE = $(PY) -m tools.swap_site "$$tmp" $(SITE)

# The full build: the HTML site, then the PDFs and the offline zip inside it (site/itb-handbook.pdf, ...).
build: offline

# The HTML site alone (what `make serve` shows).
html: setup
	$(NEW_SITE) && $(BUILD_HTML) && $(SWAP_SITE)

# The whole handbook as one PDF, plus the handout PDFs (emergency card, pump record), into $(SITE)/.
pdf: setup system-packages
	$(NEW_SITE) && $(BUILD_HTML) && $(BUILD_PDF) && $(SWAP_SITE)

# The offline copy (mkdocs-offline.yml) zipped into $(SITE)/itb-handbook-offline.zip, with the PDFs.
offline: setup system-packages
	$(NEW_SITE) && $(BUILD_HTML) && $(BUILD_PDF) && $(BUILD_OFFLINE) && $(SWAP_SITE)

# Two workers (this machine has 2 cores); tests of the published build share one worker, and each page state
# is one group (see tests/conftest.py, tests/site/test_accessibility.py). The slowest 15 tests are listed.
test: setup system-packages
	$(PY) -m pytest -n 2 --dist loadgroup --durations=15 tests

# The realistic mistakes of issue 12, each on a throwaway copy: every one must make its tests fail.
mutations: setup
	$(PY) tests/mutations/run.py

bench: setup system-packages
	$(PY) -m tools.bench

readability: html
	$(PY) -m tools.readability $(SITE)

# The built-site link check on its own, over whatever built $(SITE)/ (every build also runs it: on_post_build).
.PHONY: check-links
check-links:
	$(PY) -m macros check-links $(SITE)

clean:
	rm -rf $(SITE) $(SITE).tmp-* $(SITE).old-* site-* .pytest_cache
