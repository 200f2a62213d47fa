# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= newsevents.duckdb
HOST ?= 127.0.0.1
PORT ?= 8000
SHARED ?= ../shared

.PHONY: run test eval bench install clean serve

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,web]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsevents run examples/ --db $(DB)
	$(VENV)/bin/newsevents stats --db $(DB)
	@if $(PY) -c "import newsevents.api" 2>/dev/null; then \
	  echo "Serving the explorer at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"; \
	  $(VENV)/bin/newsevents serve --db $(DB) --host $(HOST) --port $(PORT); \
	fi

test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadgroup -q

eval: $(STAMP)
	$(PY) -m eval --shared $(SHARED)

bench: $(STAMP)
	$(PY) -m bench --shared $(SHARED)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
