# Two commands do all the set-up (see README): `make serve` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true .venv/bin/mkdocs
SITE := site
VENDOR := docs/assets/vendor

.PHONY: serve build test test-fast bench readability clean setup system-packages

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

build: setup
	$(MKDOCS) build --strict -q -d $(SITE)

test: setup system-packages
	$(PY) -m pytest tests

bench: setup system-packages
	$(PY) -m tools.bench

readability: build
	$(PY) -m tools.readability $(SITE)

clean:
	rm -rf $(SITE) site-* .pytest_cache
