# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run    create .venv, install the pinned dependencies, run the main job on seeds/
#   make test   the same set-up, then the whole test suite (incl. the quality gate)
#   make model  train models/news_ner from ../shared/training (configs/train.toml)
#   make test-fast  the fast tier only (`pytest -m "not slow"`), for a change to a pure function
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast bench model clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pipeline run configs/default.toml

test: $(STAMP)
	$(BIN)/python -m pytest

# The fast tier: pure functions and extractors on sentences, no whole-pipeline runs (under 20 s).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

# The trained NER component (models/news_ner) from ../shared/training, by configs/train.toml.
model: $(STAMP)
	$(BIN)/pipeline train configs/train.toml

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out out-model-only
