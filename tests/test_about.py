"""What numeric claims are about: the gold (tests/gold/about.jsonl), its scorer, and the pipeline held to it."""
from __future__ import annotations

import json
import re
import sys

import pytest

from pipeline.about_eval import head_word, is_right, read_about_gold, score_about
from pipeline.gold import GoldFormatError

from conftest import DEFAULT_CONFIG, ROOT

GOLD = ROOT / "tests" / "gold"
ABOUT = GOLD / "about.jsonl"
CLAIM_GOLD = (GOLD / "seed.jsonl", GOLD / "project.jsonl")
ENTITY = re.compile(r"^(person|title|organization)/[a-z0-9]+(-[a-z0-9]+)*$")


def gold_claims() -> dict[str, list[dict]]:
    """doc id -> its numeric claims in the fact gold, in text order."""
    claims = {}
    for path in CLAIM_GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            document = json.loads(line)
            claims[document["doc_id"]] = sorted(
                (e for e in document["entities"] if e["type"] in ("numeric_claim", "number")), key=lambda e: e["start"])
    return claims


def test_gold_covers_every_claim_of_the_project_and_seed_gold():
    about = read_about_gold(ABOUT)
    claims = gold_claims()
    assert set(about) == set(claims)
    for doc_id, expected in claims.items():
        assert [(c["start"], c["end"], c["text"]) for c in about[doc_id]] == \
            [(e["start"], e["end"], e["text"]) for e in expected], doc_id
    entities = [c["about"]["entity"] for claims in about.values() for c in claims]
    assert all(entity is None or ENTITY.match(entity) for entity in entities)
    assert all(head_word(c["about"]["text"]) for claims in about.values() for c in claims)


@pytest.mark.parametrize("text, head", [
    ("The viewership", "viewership"), ("the two non-English shows", "shows"), ("Kiprop's winning time", "time"),
    ("12", None), ("", None)])
def test_head_word_is_the_last_alphabetic_word(text, head):
    assert head_word(text) == head


@pytest.mark.parametrize("gold, about, right", [
    ({"text": "Revenue", "entity": "organization/streamline"}, {"text": "Revenue", "entity": "organization/streamline"},
     True),
    ({"text": "Revenue", "entity": "organization/streamline"}, {"text": "Revenue", "entity": None}, False),
    ({"text": "Turnout", "entity": None}, {"text": "turnout", "entity": None}, True),
    ({"text": "The jury", "entity": None}, {"text": "the jury", "entity": "person/ruth-calloway"}, False),
    ({"text": "The jury", "entity": None}, {"text": "22 films", "entity": None}, False),
    ({"text": "The jury", "entity": None}, None, False),
])
def test_right_means_same_entity_or_same_head_without_one(gold, about, right):
    assert is_right(gold, about) is right


def claim(doc_id, start, end, about):
    return {"kind": "numeric_claim", "doc_id": doc_id, "start": start, "end": end,
            "value": {"value": 1, "about": about}}


def test_score_matches_by_overlap_and_counts_each_share():
    gold = {"d": [{"start": 0, "end": 5, "text": "12 ep", "about": {"text": "series", "entity": "title/w"}},
                  {"start": 10, "end": 13, "text": "44", "about": {"text": "Ada", "entity": "person/ada-w"}},
                  {"start": 20, "end": 23, "text": "9 %", "about": {"text": "Ticket sales", "entity": None}},
                  {"start": 30, "end": 32, "text": "two", "about": {"text": "the men", "entity": None}}]}
    records = [claim("d", 0, 2, {"text": "The series", "start": 0, "end": 1, "entity": "title/w"}),
               claim("d", 10, 13, {"text": "Ada", "start": 0, "end": 1, "entity": "person/other"}),
               claim("d", 19, 22, {"text": "sales", "start": 0, "end": 1, "entity": None}),
               claim("d", 30, 32, None), claim("other", 0, 5, None)]
    report = score_about(gold, records)
    assert report == {"gold": 4, "found": 4, "about_set": 0.75, "right": 2, "set_and_right": 0.5,
                      "entities": 2, "entity_precision": 0.5}
    assert score_about(gold, records, doc_ids=["nothing"])["gold"] == 0


def test_a_bad_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "about.jsonl"
    path.write_text('{"doc_id": "d", "claims": [{"text": "1", "start": 0, "end": 1}]}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="about.jsonl:1"):
        read_about_gold(path)


# The floor each half of the about gold must keep (tests/gold/README.md; issue 18 asks 0.70 of the whole):
# the tuning half is what the rules were written against, the check half what they were not.
FLOORS = {"tuning": 0.80, "check": 0.45}


@pytest.fixture(scope="module")
def about_scores():
    """The default config over the seed and project gold; about scored on each fixed half
    (benchmarks/dev_halves.py: by SHA-256 of the doc id, per gold file) and on the whole."""
    from pipeline import evaluate as ev

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from dev_halves import half_of

    evaluation = ev.evaluate(list(CLAIM_GOLD), DEFAULT_CONFIG)
    records = [record for set_evaluation in evaluation.sets for record in set_evaluation.records]
    halves: dict[str, list[str]] = {"tuning": [], "check": [], "whole": []}
    for set_evaluation in evaluation.sets:
        doc_ids = [document.doc_id for document in set_evaluation.gold_set.documents]
        for doc_id, half in half_of(doc_ids).items():
            halves[half].append(doc_id)
            halves["whole"].append(doc_id)
    gold = read_about_gold(ABOUT)
    return {half: score_about(gold, records, doc_ids) for half, doc_ids in halves.items()}


@pytest.mark.slow
@pytest.mark.parametrize("half", sorted(FLOORS))
def test_claims_are_linked_to_what_they_measure(about_scores, half):
    score = about_scores[half]
    assert score["set_and_right"] >= FLOORS[half], (half, score)
    assert score["entity_precision"] >= 0.6, (half, score)
