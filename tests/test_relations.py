"""Relation facts derived from roles, the byline, release verbs and numeric claims."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.relation_eval import read_relation_gold, relation_key, score_relations
from pipeline.run import run_pipeline

from conftest import DEFAULT_CONFIG, ROOT

SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
SEED_RELATIONS = ROOT / "seeds" / "relations.jsonl"


def run_texts(tmp_path: Path, documents: list[dict]) -> list[dict]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    run_pipeline(load_settings(DEFAULT_CONFIG, overrides={"graph.enabled": False}),
                 inputs=[str(source)], output_dir=tmp_path / "out")
    lines = (tmp_path / "out" / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def seed_records(tmp_path_factory):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    return run_texts(tmp_path_factory.mktemp("seed-relations"),
                     [{"id": gold["doc_id"], "text": gold["text"], "date": gold["doc_date"]}])


@pytest.mark.slow
def test_seed_relations_match_the_hand_written_gold(seed_records):
    report = score_relations(read_relation_gold(SEED_RELATIONS), seed_records)
    assert report["all"]["f1"] == 1.0, report
    assert report["cast_in"]["tp"] == 9 and report["creator_of"]["tp"] == 3 and report["author_of"]["tp"] == 1


@pytest.mark.slow
def test_every_relation_carries_evidence(seed_records):
    relations = [r for r in seed_records if r["kind"] == "relation"]
    assert relations
    for record in relations:
        assert record["sentence"]["start"] <= record["start"] < record["end"] <= record["sentence"]["end"]
        assert record["text"] and record["extractor"].startswith("rule:")


@pytest.mark.parametrize("text, expected", [
    ("Netflix has released the film Quiet Harbour on March 3. It was directed by Anna Lindgren.",
     ("title/quiet-harbour", "released_on", "2023-03-03")),
    ("The drama series Low Orbit premiered on Apple TV+ on June 9 to strong reviews.",
     ("title/low-orbit", "premiered_on", "2023-06-09")),
])
@pytest.mark.slow
def test_release_dates(tmp_path, text, expected):
    records = run_texts(tmp_path, [{"id": "d1", "text": text, "date": "2023-07-01"}])
    assert expected in {relation_key(r) for r in records if r["kind"] == "relation"}


@pytest.mark.slow
def test_no_release_edge_without_a_release_verb(tmp_path):
    records = run_texts(tmp_path, [{"id": "d1", "text": "The drama series Low Orbit was discussed by critics "
                                                         "on June 9.", "date": "2023-07-01"}])
    assert not [r for r in records if r["kind"] == "relation" and r["predicate"].endswith("_on")]


def test_scoring_counts_per_predicate():
    gold = {"d": {("person/a", "cast_in", "title/x"), ("person/b", "cast_in", "title/x")}}
    records = [{"kind": "relation", "doc_id": "d", "subject": "person/a", "predicate": "cast_in",
                "object": "title/x", "text": "A"},
               {"kind": "relation", "doc_id": "d", "subject": "person/c", "predicate": "cast_in",
                "object": "title/x", "text": "C"}]
    report = score_relations(gold, records)
    assert report["all"] == {"gold": 2, "pred": 2, "tp": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}


# One short article per rule family, run once: (doc id, text, relations it must give, relations it must not).
CASES = {
    "cast-list": ("The new thriller Harbour Nights stars Olivia Brandt, Tomas Weller and Ana Costa. "
                  "It was filmed in Lisbon.",
                  {("person/olivia-brandt", "cast_in", "title/harbour-nights"),
                   ("person/tomas-weller", "cast_in", "title/harbour-nights"),
                   ("person/ana-costa", "cast_in", "title/harbour-nights")}, set()),
    "starring": ("Critics praised the film Winter Orchard, starring Helen Marsh, at the festival on Sunday.",
                 {("person/helen-marsh", "cast_in", "title/winter-orchard")}, set()),
    "written-by": ("The novel The Glass Road, written by Peter Lund, won the fiction prize.",
                   {("person/peter-lund", "writer_of", "title/the-glass-road")}, set()),
    "artist": ("The singer Mara Quinn released her second album, Blue Static, in May. "
               "Quinn said it was made in a barn in Wales.",
               {("person/mara-quinn", "creator_of", "title/blue-static")}, set()),
    "ceremony-host": ("The film Dry Season won best picture. The ceremony, hosted by Colin Ferris, was "
                      "watched by two million viewers.",
                      set(), {("person/colin-ferris", "host_of", "title/dry-season")}),
    "quotes": ('"We are thrilled with the response," said Laura Benning, the studio\'s chief executive. '
               '"It has been a long road." Analysts at Corvel Research said demand would stay strong.',
               {("person/laura-benning", "said", "We are thrilled with the response"),
                ("person/laura-benning", "said", "It has been a long road.")}, set()),
    "works-for": ("Daniel Reyes, an analyst at Brightwater Capital, said the deal was fair. "
                  "Brightwater Capital shares rose.",
                  {("person/daniel-reyes", "works_for", "organization/brightwater-capital"),
                   ("person/daniel-reyes", "has_role", "analyst")}, set()),
    "released-by": ("The drama Low Orbit premiered on Netflix in June and drew large audiences.",
                    {("title/low-orbit", "released_by", "organization/netflix")}, set()),
}


@pytest.fixture(scope="module")
def case_relations(tmp_path_factory):
    records = run_texts(tmp_path_factory.mktemp("relation-cases"),
                        [{"id": name, "text": text, "date": "2025-07-01"} for name, (text, _, _) in CASES.items()])
    found: dict[str, set] = {name: set() for name in CASES}
    for record in records:
        if record["kind"] == "relation":
            found[record["doc_id"]].add(relation_key(record))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_relation_rules_on_short_articles(case_relations, name):
    _, wanted, unwanted = CASES[name]
    got = case_relations[name]
    said = {(s, o.rstrip(",")) for s, p, o in got if p == "said"}
    for subject, predicate, obj in wanted:
        if predicate == "said":
            assert (subject, obj.rstrip(",")) in said, (name, got)
        else:
            assert (subject, predicate, obj) in got, (name, got)
    assert not unwanted & got, (name, got)


def test_said_matches_the_gold_words_by_containment():
    gold = {"d": {("person/a", "said", "We are thrilled with the response,")}}
    records = [{"kind": "relation", "doc_id": "d", "subject": "person/a", "predicate": "said",
                "object": "We are thrilled with the response", "text": "..."},
               {"kind": "relation", "doc_id": "d", "subject": "person/b", "predicate": "said",
                "object": "We are thrilled with the response", "text": "..."}]
    report = score_relations(gold, records)
    assert report["said"]["tp"] == 1 and report["said"]["pred"] == 2


def _article_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for line in (ROOT / "tests" / "gold" / "genres.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and "text" in json.loads(line):
            texts.append(json.loads(line)["text"])
    return texts + ["According to Ann Lee, the show said it would return, as per a report. No stop here"]


def test_token_arrays_find_what_walking_the_tokens_finds(nlp):
    """The entity index's text of a few tokens is Span.text, and the speech words reported speech reads
    are the tokens a walk over every sentence acts on (a speech verb's lemma, 'according', 'per')."""
    from pipeline.extractors.relations.index import EntityIndex
    from pipeline.extractors.relations.quotes import _speech_words_by_sentence

    verbs = frozenset({"say", "tell", "add", "announce"})
    found = 0
    for doc in nlp.pipe(_article_texts()):
        index = EntityIndex(doc, {})
        for start in range(0, len(doc), 7):
            for end in range(start + 1, min(len(doc), start + 4) + 1):
                assert index.words(start, end) == doc[start:end].text
        walked = [(sentence.start, [t.i for t in sentence
                                    if t.lemma_.lower() in verbs or t.lower_ in ("according", "per")])
                  for sentence in doc.sents]
        expected = [(start, positions) for start, positions in walked if positions]
        assert [(s.start, positions) for s, positions in _speech_words_by_sentence(doc, index, verbs)] == expected
        found += sum(len(positions) for _, positions in expected)
    assert found > 10
