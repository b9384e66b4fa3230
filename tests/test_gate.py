"""THE REGRESSION GATE: the project's own gold sets must score no worse than the committed baseline.

Every figure of tests/gold/baseline.json (strict and relaxed P/R/F1, value and
type accuracy and F1, per gold set and kind) may fall at most the baseline's
'tolerance' (0.01 unless it says otherwise). After an intended change, rewrite
the baseline and commit it with the change:

  .venv/bin/pipeline eval tests/gold/genres.jsonl tests/gold/project.jsonl tests/gold/seed.jsonl \\
      --relations tests/gold/relations.jsonl --baseline tests/gold/baseline.json --update-baseline
"""
from __future__ import annotations

import json

import pytest

from pipeline import evaluate as ev

from conftest import DEFAULT_CONFIG, ROOT

GOLD_DIR = ROOT / "tests" / "gold"
BASELINE = GOLD_DIR / "baseline.json"


def fact_gold_files() -> list:
    """Every gold set of facts in tests/gold; other gold there (relations) has no entities to score."""
    files = []
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        first = json.loads(path.read_text(encoding="utf-8").split("\n", 1)[0])
        if "text" in first and "entities" in first:
            files.append(path)
    return files


RELATIONS = GOLD_DIR / "relations.jsonl"
UPDATE = ("pipeline eval " + " ".join(f"tests/gold/{path.name}" for path in fact_gold_files())
          + " --relations tests/gold/relations.jsonl --baseline tests/gold/baseline.json --update-baseline")


pytestmark = pytest.mark.slow  # the pipeline over every gold set of the project


def gate_figures() -> dict:
    """The figures the gate checks: the default config over the project's gold sets."""
    gold_files = fact_gold_files()
    assert gold_files, f"no gold sets in {GOLD_DIR}"
    return ev.evaluate(gold_files, DEFAULT_CONFIG, relation_paths=[RELATIONS]).as_metrics()


@pytest.fixture(scope="module")
def figures() -> dict:
    return gate_figures()


@pytest.fixture(scope="module")
def baseline() -> dict:
    return ev.read_metrics(BASELINE)


def test_no_figure_fell_below_the_baseline(figures, baseline):
    tolerance = baseline.get("tolerance", ev.DEFAULT_TOLERANCE)
    regressions = ev.compare_to_baseline(figures, baseline, tolerance)
    assert not regressions, (
        f"{len(regressions)} figure(s) fell more than {tolerance} below {BASELINE.name}:\n"
        + "\n".join(f"  {regression}" for regression in regressions)
        + f"\nIf the change is intended, run `{UPDATE}` and commit the baseline with it.")


def test_every_gold_set_has_a_baseline(figures, baseline):
    missing = ev.sets_not_in_baseline(figures, baseline)
    assert not missing, f"gold sets without baseline figures: {', '.join(missing)}; run `{UPDATE}`"
