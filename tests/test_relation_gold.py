"""The hand-written relation gold (tests/gold/relations.jsonl) is well-formed and
consistent with the entity gold it sits next to (conventions: tests/gold/RELATIONS.md).

No pipeline run here: this checks the annotation file only.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.entities import entity_id, slugify
from pipeline.relation_eval import read_relation_gold

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
RELATIONS = GOLD_DIR / "relations.jsonl"
ENTITY_GOLD = [GOLD_DIR / "seed.jsonl", GOLD_DIR / "project.jsonl", GOLD_DIR / "genres.jsonl"]
SEED_RELATIONS = ROOT / "seeds" / "relations.jsonl"
SCHEMA = ROOT / "configs" / "schemas" / "relation.schema.json"

WORK_PREDICATES = {"cast_in", "creator_of", "director_of", "writer_of", "producer_of", "host_of"}
DATE_PREDICATES = {"released_on", "premiered_on"}
PREDICATES = WORK_PREDICATES | DATE_PREDICATES | {
    "author_of", "has_role", "quantity_of", "works_for", "said", "released_by"}
ID = re.compile(r"^(person|title|organization)/[a-z0-9]+(?:-[a-z0-9]+)*$")
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth", "eleventh", "twelfth"}
MIN_DOCUMENTS_WITH_SAID = 12
POSSESSIVE = re.compile(r"['’]s\b")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def canonical_ids(mentions: list[str], kind: str) -> set[str]:
    """Ids of the full names: a mention whose words are all inside a longer mention of the
    same document ("Whitlock" in "Ada Whitlock") resolves to it and gives no id of its own."""
    ids = set()
    for mention in mentions:
        words = set(mention.lower().split())
        longer = {other for other in mentions
                  if len(other) > len(mention) and words <= set(other.lower().split())}
        if not longer:
            ids.add(entity_id(kind, mention))
    return ids


def names_an_organization(org_id: str, text: str) -> bool:
    """Organisations have no entity gold: the id must be the slug of words written in the text,
    whole words in a row ("organization/harrow-and-finch" <- "Harrow & Finch"), possessive or not
    ("Velvet Harbour's live album")."""
    if not ID.match(org_id) or not org_id.startswith("organization/"):
        return False
    slug = org_id.removeprefix("organization/")
    without_possessives = POSSESSIVE.sub(" ", text)
    return any(f"-{slug}-" in f"-{slugify(version)}-" for version in (text, without_possessives))


def same_spacing(text: str) -> str:
    return " ".join(text.split())


def documents() -> dict[str, dict]:
    docs = {}
    for path in ENTITY_GOLD:
        for doc in read_jsonl(path):
            docs[str(doc["doc_id"])] = doc
    return docs


DOCS = documents()
LINES = read_jsonl(RELATIONS)
ALL_RELATIONS = [(str(line["doc_id"]), r) for line in LINES for r in line["relations"]]


def test_one_line_per_gold_document():
    ids = [str(line["doc_id"]) for line in LINES]
    assert len(ids) == len(set(ids)), "a document has two lines"
    assert set(ids) == set(DOCS), (f"missing: {sorted(set(DOCS) - set(ids))}, "
                                   f"unknown: {sorted(set(ids) - set(DOCS))}")
    assert read_relation_gold(RELATIONS).keys() == DOCS.keys()  # the scorer reads it


def test_seed_line_is_the_seed_gold():
    seed = read_jsonl(SEED_RELATIONS)[0]
    assert seed["doc_id"] in DOCS
    ours = next(line for line in LINES if line["doc_id"] == seed["doc_id"])
    assert ours == seed


def test_predicates_are_the_schemas():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert PREDICATES <= set(schema["properties"]["predicate"]["enum"])
    used = {r["predicate"] for _, r in ALL_RELATIONS}
    assert used <= PREDICATES, sorted(used - PREDICATES)


def test_gold_covers_every_predicate():
    counts = Counter(r["predicate"] for _, r in ALL_RELATIONS)
    assert not PREDICATES - set(counts), f"never annotated: {sorted(PREDICATES - set(counts))}"


def test_said_is_annotated_in_enough_documents():
    with_said = {doc_id for doc_id, r in ALL_RELATIONS if r["predicate"] == "said"}
    assert len(with_said) >= MIN_DOCUMENTS_WITH_SAID, sorted(with_said)


def test_every_gold_set_has_relations():
    for path in ENTITY_GOLD:
        ids = {str(doc["doc_id"]) for doc in read_jsonl(path)}
        assert any(doc_id in ids for doc_id, _ in ALL_RELATIONS), path.name


@pytest.mark.parametrize("line", LINES, ids=lambda line: str(line["doc_id"]))
def test_relations_are_well_formed_and_grounded(line):
    doc_id = str(line["doc_id"])
    doc = DOCS[doc_id]
    text = doc["text"]
    entities = doc["entities"]
    persons = canonical_ids([e["text"] for e in entities if e["type"] == "person"], "person")
    titles = canonical_ids([e["text"] for e in entities if e["type"] == "title"], "title")
    date_spans = {(e["start"], e["end"]) for e in entities if e["type"] == "date"}
    date_values = {e.get("value") for e in entities if e["type"] == "date" and e.get("value")}
    claims = [e for e in entities if e["type"] in ("numeric_claim", "number")]
    claim_texts = {e["text"] for e in claims}
    by_name = {entity_id("person", e["text"]): e["text"] for e in entities if e["type"] == "person"}

    def organization(value: str) -> bool:
        return names_an_organization(value, text)

    relations = line["relations"]
    keys = [(r["subject"], r["predicate"], r["object"]) for r in relations]
    assert len(keys) == len(set(keys)), f"{doc_id}: duplicate relations"
    for subject, predicate, obj in keys:
        where = f"{doc_id}: {subject} {predicate} {obj}"
        assert predicate in PREDICATES, where
        if predicate in WORK_PREDICATES:
            if predicate == "creator_of" and subject.startswith("organization/"):  # a band's record
                assert organization(subject), f"{where}: organisation not named in the text"
            else:
                assert ID.match(subject) and subject.startswith("person/"), where
                assert subject in persons, f"{where}: no such person (full name) in the entity gold"
            assert ID.match(obj) and obj.startswith("title/"), where
            assert obj in titles, f"{where}: no such title (full title) in the entity gold"
        elif predicate == "author_of":
            assert subject in persons and obj == f"article/{doc_id}", where
            name = by_name[subject]
            assert re.search(r"\bBy\s+" + re.escape(name), text), f"{where}: not the byline"
        elif predicate == "has_role":
            assert subject in persons, where
            assert obj == obj.lower().strip() and obj, f"{where}: role is lowercased text"
            assert not re.match(r"(the|a|an) ", obj), f"{where}: role keeps no article"
            assert obj.split()[-1] in text.lower(), f"{where}: role not written in the article"
        elif predicate == "works_for":
            assert subject in persons, f"{where}: no such person (full name) in the entity gold"
            assert organization(obj), f"{where}: organisation not named in the text"
        elif predicate == "released_by":
            assert subject in titles, f"{where}: no such title (full title) in the entity gold"
            assert organization(obj), f"{where}: organisation not named in the text"
        elif predicate == "said":
            assert subject in persons or organization(subject), f"{where}: speaker is no person or organisation"
            assert obj == obj.strip() and obj, f"{where}: the words, without surrounding space"
            assert obj[0] not in "\"“”" and obj[-1] not in "“", f"{where}: without the enclosing quotation marks"
            assert obj.count('"') % 2 == 0, f"{where}: a quotation inside the words is kept whole"
            assert same_spacing(obj) in same_spacing(text), f"{where}: not the words as written"
        elif predicate in DATE_PREDICATES:
            assert subject in titles, where
            assert obj in date_values, f"{where}: not a date value of this document"
            assert not obj.startswith("P"), f"{where}: a duration is not a release date"
        elif predicate == "quantity_of":
            assert subject.startswith("quantity:"), where
            claim = subject[len("quantity:"):]
            assert claim in claim_texts, f"{where}: no numeric claim with that text"
            assert obj in persons or obj in titles or organization(obj), where
            spans = {(e["start"], e["end"]) for e in claims if e["text"] == claim}
            assert not spans <= date_spans, f"{where}: a duration is not a quantity"
            lowered = claim.lower()
            assert not lowered.startswith(("no.", "top ")), f"{where}: a rank is not a quantity"
            assert lowered not in ORDINAL_WORDS and not re.fullmatch(r"\d+(st|nd|rd|th)", lowered), where
            assert "year-old" not in lowered, f"{where}: an age is not a quantity"


def test_articles_without_byline_have_no_author():
    for line in LINES:
        text = DOCS[str(line["doc_id"])]["text"]
        authors = [r for r in line["relations"] if r["predicate"] == "author_of"]
        has_byline = re.search(r"^(Written )?By\b", text, re.MULTILINE) is not None
        assert len(authors) == (1 if has_byline else 0), line["doc_id"]
