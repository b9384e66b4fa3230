"""End to end on the seed article: the facts the spine promises (issue 2), through run_pipeline."""
from __future__ import annotations

import json

import pytest

from pipeline.config import load_settings
from pipeline.run import run_pipeline

from conftest import DEFAULT_CONFIG, SEED_ARTICLE

pytestmark = pytest.mark.slow  # the whole pipeline, end to end

PEOPLE = ["Joel Kurian", "Lee Jae-kyoo", "Chun Sung-il", "Kim Nam-su", "Park Ji-hu", "Yoon Chan-young",
          "Cho Yi-hyun", "Park Solomon", "Yoo In-soo", "Lee Yoo-mi", "Kim Byung-chul", "Lee Kyu-hyung",
          "Jeon Bae-soo"]


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    summary = run_pipeline(load_settings(DEFAULT_CONFIG), inputs=[str(SEED_ARTICLE)], output_dir=out)
    assert summary.rejects == 0
    records = [json.loads(line) for line in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in records if r["kind"] != "document"]


def of_kind(facts, kind):
    return [f for f in facts if f["kind"] == kind]


def test_all_thirteen_people_and_nothing_else(facts):
    names = [f["text"] for f in of_kind(facts, "person")]
    assert sorted(set(names)) == sorted(PEOPLE)


def test_titles_in_every_mention(facts, seed_text):
    titles = {(f["start"], f["end"]) for f in of_kind(facts, "title")}
    for title in ("all of us are dead", "squid game"):
        lowered = seed_text.lower()
        start = lowered.find(title)
        while start != -1:
            assert (start, start + len(title)) in titles, seed_text[start:start + len(title)]
            start = lowered.find(title, start + 1)
    assert not any("Netflix" in f["text"] for f in of_kind(facts, "title"))


@pytest.mark.parametrize("text, value", [
    ("2022-02-07", "2022-02-07"), ("January 28", "2022-01-28"), ("last year", "2021"), ("7 days", "P7D"),
])
def test_dates_with_values(facts, text, value):
    assert value in [f["value"]["value"] for f in of_kind(facts, "date") if f["text"] == text]


@pytest.mark.parametrize("text, value", [("12 episodes", 12), ("200 per cent", 200), ("No. 1", 1)])
def test_numeric_claims_with_values(facts, text, value):
    values = [f["value"]["value"] for f in of_kind(facts, "numeric_claim") if text in f["text"]]
    assert values and all(v == value for v in values)
