# Two commands on a fresh machine: `make site` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: site test serve check lint bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## site: set up .venv and build output/ from content/ (search index included)
site: $(STAMP)
	$(PY) build.py build

## test: set up .venv with test tools and run the whole suite (browser tests need /usr/bin/chromium)
test: $(DEV_STAMP)
	npm ci --no-audit --no-fund --silent
	$(PY) -m ruff check digest tests bench build.py
	$(PY) -m pytest -q

## check: validate content/ and site.yaml without writing anything
check: $(STAMP)
	$(PY) build.py check

## serve: build, serve on http://127.0.0.1:8000, rebuild on change
serve: $(STAMP)
	$(PY) build.py serve

## bench: time builds of 1,000 and 10,000 generated articles, beside Hugo + Pagefind when
## bench/work/hugo-venv holds Hugo (see bench/README.md; ~15 minutes)
bench: $(DEV_STAMP)
	$(PY) bench/run.py --sizes 1000 10000 --rebuild-rounds 3 --full-rounds 3

clean:
	rm -rf output .output.staging .output.previous .cache
