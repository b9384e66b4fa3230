"""Text that lands in IRIs and literals is escaped (issue 17, item 6): record text of any kind,
a name holding `> <http://x> .` among them, gives the same triple count after a round trip
through N-Triples, Turtle and N-Quads (and TriG, JSON-LD) as the store holds."""
from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pyoxigraph import parse

from pipeline.graph import KG, Vocabulary, article_quads
from pipeline.neo4j import export_neo4j
from pipeline.store import FORMATS, GraphStore

from fuzzing import cases
from test_neo4j import check_import_rules

INJECTION = 'Ann> <http://x> . <http://x> <http://y> "z" .'
# Everything a serializer must escape: IRI delimiters, quotes, backslashes, line ends, controls,
# Turtle's prefix and comment characters, and text beyond the BMP.
NASTY = st.text(alphabet=st.one_of(st.sampled_from('<>"\'\\{}|^`#@:.;,_ \n\r\t\x00\x0b\x7f\u2028%\U0001f600'),
                                   st.characters(exclude_categories=("Cs",))), min_size=1, max_size=40)


def records(text: str, doc_id: str = "doc-1") -> list[dict]:
    """One article's records of every kind, with `text` in every field that reaches the graph."""
    base = {"doc_id": doc_id, "start": 0, "end": 3, "extractor": text, "confidence": 0.9,
            "sentence": {"start": 0, "end": 3, "text": text}, "text": text}
    return [
        {"doc_id": doc_id, "kind": "document", "headline": text, "url": text, "date": text},
        {**base, "kind": "person", "fact_id": "p" + text, "value": {"entity": "person/" + text, "name": text}},
        {**base, "kind": "title", "fact_id": "t" + text,
         "value": {"entity": "work/" + text, "title": text, "work_type": text}},
        {**base, "kind": "date", "fact_id": "d" + text, "value": {"value": text, "timex_type": text}},
        {**base, "kind": "numeric_claim", "fact_id": "n" + text,
         "value": {"value": 3, "unit": text, "quantity": text, "about": {"text": text}}},
        {**base, "kind": "relation", "fact_id": "r1" + text, "predicate": "has_role", "subject": "person/" + text,
         "object": text, "object_type": "role", "org": text},
        {**base, "kind": "relation", "fact_id": "r2" + text, "predicate": "cast_in", "subject": "person/" + text,
         "object": "work/" + text, "object_type": "work"},
        {**base, "kind": "relation", "fact_id": "r3" + text, "predicate": "released_on", "subject": "work/" + text,
         "object": text, "object_type": "date"},
        {**base, "kind": "relation", "fact_id": "r4" + text, "predicate": text, "subject": "person/" + text,
         "object": "person/" + text, "object_type": "person"},
        {**base, "kind": "organization", "fact_id": "o" + text, "value": {"entity": "organization/" + text,
                                                                           "name": text}},
        {**base, "kind": "relation", "fact_id": "r5" + text, "predicate": "said", "subject": "organization/" + text,
         "object": text, "object_type": "text"},
    ]


def round_trip_counts(tmp_path, store: GraphStore) -> dict[str, tuple[int, int]]:
    """Per format: (triples or quads written, triples or quads parsed back)."""
    counts = {}
    for fmt in ("nt", "ttl", "nq", "trig", "jsonld"):
        path = tmp_path / f"graph.{fmt}"
        written = store.export(path, fmt)
        counts[fmt] = (written, len(list(parse(path=str(path), format=FORMATS[fmt]))))
    return counts


def check_round_trip(tmp_path, text: str, doc_id: str) -> None:
    store = GraphStore(None)
    loaded = store.load_records(records(text, doc_id))
    assert loaded.quads == len(list(article_quads(records(text, doc_id), Vocabulary())))
    triples = store.triple_count()
    for fmt, (written, parsed) in round_trip_counts(tmp_path, store).items():
        assert written == parsed, f"{fmt}: wrote {written}, read back {parsed}"
        if fmt in ("nt", "ttl", "jsonld"):
            assert parsed == triples, f"{fmt}: {parsed} triples read back, the store holds {triples}"


def test_a_name_holding_an_iri_and_a_full_stop_round_trips(tmp_path):
    """Before the fix a predicate or other term name holding '>' raised ValueError ('Invalid IRI
    code point') and nothing was loaded."""
    check_round_trip(tmp_path, INJECTION, INJECTION)


@pytest.mark.parametrize("name", ["a> <http://x> .", 'quote " and \\ backslash', "line\nbreak\r",
                                  "nul\x00", "@prefix x: <http://x> .", "# comment", "٢٠٢٢", "%3E", "../../x"])
def test_hostile_names_round_trip(tmp_path, name):
    check_round_trip(tmp_path, name, f"doc {name}")


def test_term_names_are_percent_encoded_and_plain_ones_unchanged():
    vocab = Vocabulary()
    assert vocab.term("Mention").value == KG + "Mention"
    assert ">" not in vocab.term("a> <http://x>").value and " " not in vocab.term("a b").value


@cases(400)
@given(text=NASTY, doc_id=NASTY)
@example(text=INJECTION, doc_id="a/b#c?d")
def test_any_text_round_trips(tmp_path_factory, text, doc_id):
    check_round_trip(tmp_path_factory.mktemp("graph"), text, doc_id)


def check_neo4j(tmp_path, text: str, doc_id: str) -> None:
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(json.dumps(record) + "\n" for record in records(text, doc_id)), encoding="utf-8")
    counts = export_neo4j([facts], tmp_path / "neo4j")
    figures = check_import_rules(tmp_path / "neo4j")
    assert counts == {"nodes": figures["nodes"], "relationships": figures["relationships"]}


@pytest.mark.parametrize("name", [INJECTION, 'quote " and \\ backslash', "line\nbreak\r", "a,b;c", "\u2028x"])
def test_hostile_text_keeps_the_neo4j_import_rules(tmp_path, name):
    check_neo4j(tmp_path, name, f"doc {name}")


@cases(100)
@given(text=NASTY, doc_id=NASTY)
def test_any_text_keeps_the_neo4j_import_rules(tmp_path_factory, text, doc_id):
    check_neo4j(tmp_path_factory.mktemp("neo4j"), text, doc_id)
