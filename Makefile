# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run    create .venv, install the pinned dependencies, run the main job on seeds/
#   make test   the same set-up, then the whole test suite (incl. the quality gate)
#   make model  train models/news_ner from the corpora configs/train.toml names (README, Training)
#   make bench  speed, memory, Dask and the graph's queries (CORPUS=articles.jsonl for real news; README, Speed)
#   make test-fast  the fast tier only (`pytest -m "not slow"`), for a change to a pure function
#   make wheel  dist/*.whl, the package a user installs without the repository (README, Install as a package)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast bench model wheel clean

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

# The trained NER component (models/news_ner) from the corpora configs/train.toml names (corpora_dir).
model: $(STAMP)
	$(BIN)/pipeline train configs/train.toml

# Issue 19's figures in one run (README, Speed): pipeline vs bare nlp.pipe at n_process 1 and 2, Dask on 1 and 2
# local workers, peak RSS at 400 and 4,000 articles, a 10,000-article store and the README's queries on it.
# CORPUS=articles.jsonl measures real news; without it the project's own texts are repeated.
bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py $(CORPUS)

# The wheel (configs/ and models/ inside as package data); tests/test_wheel.py installs one into a fresh
# venv and checks it writes the repository's facts.jsonl from another folder.
wheel: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) out out-model-only build dist
