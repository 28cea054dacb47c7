# Smart Advisor: `make demo` sets up and starts the demo; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEB_PACKAGES := fonts-noto-color-emoji openclipart-png chromium postgresql
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup sysdeps demo test lint bench bench-quick clean-home

setup: $(VENV)/.installed

# The pinned CPU torch goes in first: an unpinned one would pull a multi-GB CUDA build.
# constraints.txt pins the exact set the tests run with; pyproject.toml keeps compatible ranges for library users.
$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e ".[all,dev]"
	touch $@

# Debian packages: demo images (emoji font, openclipart), the browser for UI tests, PostgreSQL for the store tests.
sysdeps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

demo: sysdeps setup
	$(BIN)/advisor demo

# Lint and the layer contract first: a broken layer fails the build before the tests run.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: sysdeps setup lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

# `make bench` is the full run (minutes to an hour); `make bench-quick` the CI smoke sizes (under 2 minutes).
# Extra flags: make bench BENCH_ARGS="--section index --index-sizes 100000"
BENCH_ARGS ?=
bench: setup
	$(BIN)/advisor bench $(BENCH_ARGS)

bench-quick: setup
	$(BIN)/advisor bench --quick --out $(or $(BENCH_OUT),/tmp/smart-advisor-bench/BENCHMARKS.md) $(BENCH_ARGS)
