"""The Neo4j CSV export against the documented rules of `neo4j-admin database import full`
(CSV header format, quoting, ID spaces; default options: `,` delimiter, `"` quote, `;` array
delimiter, no --multiline-fields, no --legacy-style-quoting), and its connectedness.

Before issue 18: relationship rows held line breaks (the documented command failed without
--multiline-fields), only relation records became relationships (50 for 370 nodes on the project
gold, 298 nodes without an edge), and nothing checked the files against the header rules."""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.ids import fact_id
from pipeline.neo4j import EDGE_HEADER, NODE_HEADER, csv_field, export_neo4j
from pipeline.run import run_pipeline

from conftest import DEFAULT_CONFIG, ROOT, SEED_ARTICLE

PROJECT_GOLD = ROOT / "tests" / "gold" / "project.jsonl"
# The value types of the import tool's header (a trailing [] makes an array of the type).
TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
         "localtime", "time", "localdatetime", "datetime", "duration"}
NUMBER_TYPES = {"int", "long", "float", "double", "byte", "short"}
# A field: `name`, `name:type`, `name:ID(space)`, `:START_ID(space)`, ...; the ID space in brackets.
HEADER_FIELD = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+(?:\[\])?)(?:\((?P<space>[^()]+)\))?)?$")
# A data line: each field empty, a bare number, or wholly quoted with an inner quote doubled (RFC 4180).
_FIELD = r'(?:"(?:[^"]|"")*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)?'
QUOTED_LINE = re.compile(rf"^{_FIELD}(?:,{_FIELD})*$")


def parse_header(fields: list[str], special: set[str]) -> list[tuple[str, str, str | None]]:
    """(name, type, ID space) per header field; raises AssertionError on a field the tool would refuse."""
    parsed = []
    for field in fields:
        found = HEADER_FIELD.match(field)
        assert found, f"header field {field!r} is not name:type"
        kind = found["type"] or "string"
        assert kind in special or kind.removesuffix("[]") in TYPES, f"header field {field!r}: unknown type {kind}"
        assert found["space"] is None or kind in {"ID", "START_ID", "END_ID"}, f"{field!r}: ID space on a property"
        parsed.append((found["name"], kind, found["space"]))
    names = [name for name, kind, _ in parsed if name and kind not in special - {"ID"}]
    assert len(names) == len(set(names)), f"property names repeat: {names}"
    return parsed


def read_import_file(path: Path, special: set[str]) -> tuple[list, list[list[str]]]:
    """Header and rows of one CSV file, read the way the import tool reads it by default."""
    lines = [line.removesuffix("\r") for line in path.read_bytes().decode("utf-8").split("\n")]
    assert lines[-1] == "", f"{path.name}: no line break after the last row"
    for number, line in enumerate(lines[1:-1], start=2):
        assert "\r" not in line, f"{path.name}:{number}: a carriage return in a field (a line break to the tool)"
        assert QUOTED_LINE.match(line), f"{path.name}:{number}: a field is neither empty, a number nor quoted: {line[:120]}"
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle, delimiter=",", quotechar='"', doublequote=True, strict=True))
    # One record a physical line: no field spans lines, so no --multiline-fields is needed.
    assert len(table) == len(lines) - 1, f"{path.name}: a field spans lines"
    header = parse_header(table[0], special)
    for number, row in enumerate(table[1:], start=2):
        assert len(row) == len(header), f"{path.name}:{number}: {len(row)} fields for {len(header)} in the header"
        for (name, kind, _), cell in zip(header, row):
            if cell and kind in NUMBER_TYPES:
                float(cell)  # the import stops on a cell its type cannot read
            if cell and kind == "boolean":
                assert cell in ("true", "false")
    return header, table[1:]


def check_import_rules(folder: Path) -> dict:
    """Every rule the import tool holds nodes.csv and relationships.csv to; returns the graph's figures."""
    node_header, nodes = read_import_file(folder / "nodes.csv", {"ID", "LABEL"})
    edge_header, edges = read_import_file(folder / "relationships.csv", {"START_ID", "END_ID", "TYPE"})
    assert [kind for _, kind, _ in node_header].count("ID") == 1
    for special in ("START_ID", "END_ID", "TYPE"):
        assert [kind for _, kind, _ in edge_header].count(special) == 1, f"relationships.csv: one :{special}"
    column = {kind: index for index, (_, kind, _) in enumerate(node_header) if kind in ("ID", "LABEL")}
    id_space = node_header[column["ID"]][2]
    ids = Counter((id_space, row[column["ID"]]) for row in nodes)
    repeated = [node for node, count in ids.items() if count > 1]
    assert not repeated, f"node ids repeat in their ID space: {repeated[:5]}"
    assert all(row[column["ID"]] for row in nodes), "a node without an id"
    for row in nodes:
        labels = row[column["LABEL"]].split(";")
        assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", label) for label in labels), f"labels {labels}"
    ends = {kind: (index, space) for index, (_, kind, space) in enumerate(edge_header)}
    touched = set()
    for row in edges:
        assert re.fullmatch(r"[A-Z0-9_]+", row[ends["TYPE"][0]]), f"relationship type {row[ends['TYPE'][0]]!r}"
        for end in ("START_ID", "END_ID"):
            index, space = ends[end]
            assert (space, row[index]) in ids, f":{end} {row[index]!r} is no node of ID space {space}"
            touched.add(row[index])
    isolated = [row[column["ID"]] for row in nodes if row[column["ID"]] not in touched]
    return {"nodes": len(nodes), "relationships": len(edges), "isolated": len(isolated)}


# -- records made by hand: hostile text, every record kind -------------------------------------

SENTENCE = {"start": 0, "end": 60, "text": 'She said: "Yes,\nwe will"; then\r\nleft.\u2028Done'}


def fact(doc_id, kind, start, end, text, value):
    return {"fact_id": fact_id(doc_id, kind, start, end, value), "doc_id": doc_id, "kind": kind, "text": text,
            "start": start, "end": end, "sentence": SENTENCE, "value": value, "confidence": 0.9,
            "extractor": "test"}


def relation(doc_id, subject, predicate, obj, object_type="entity", text='Ann "AL" Lee', **extra):
    record = {"fact_id": fact_id(doc_id, "relation", 0, 5, [subject, predicate, obj]), "doc_id": doc_id,
              "kind": "relation", "subject": subject, "predicate": predicate, "object": obj,
              "object_type": object_type, "text": text, "start": 0, "end": 5, "sentence": SENTENCE,
              "confidence": 0.8, "extractor": "test"}
    return {**record, **extra}


def article(doc_id: str) -> list[dict]:
    claim = fact(doc_id, "numeric_claim", 40, 51, "12 episodes",
                 {"value": 12, "unit": "episode", "quantity": "count",
                  "about": {"text": "it", "start": 0, "end": 2, "entity": "title/the-show"}})
    span = fact(doc_id, "numeric_claim", 60, 70, "3-4 hours", {"value": [3, 4.5], "unit": "hour"})
    quantity = f"quantity/{claim['fact_id']}"
    return [
        {"fact_id": fact_id(doc_id, "document", 0, 0, None), "doc_id": doc_id, "kind": "document",
         "headline": 'A "quoted",\nheadline', "date": "2022-02-07", "url": None},
        fact(doc_id, "person", 0, 7, "Ann Lee", {"name": 'Ann "AL" Lee', "entity": "person/ann-lee"}),
        fact(doc_id, "title", 20, 28, "The Show", {"title": "The Show", "work_type": "tv_series",
                                                   "entity": "title/the-show"}),
        fact(doc_id, "organization", 30, 40, "Streamline", {"name": "Streamline, Inc.",
                                                            "entity": "organization/streamline"}),
        fact(doc_id, "date", 50, 55, "today", {"value": "2022-02-07"}),
        claim, span,
        relation(doc_id, "person/ann-lee", "cast_in", "title/the-show"),
        relation(doc_id, "person/ann-lee", "works_for", "organization/streamline"),
        relation(doc_id, "title/the-show", "released_by", "organization/streamline"),
        relation(doc_id, "title/the-show", "premiered_on", "2022-01-28", object_type="date"),
        relation(doc_id, "person/ann-lee", "has_role", "chief\nexecutive", object_type="text", org="Acme, Ltd"),
        relation(doc_id, "organization/streamline", "said", 'We are "thrilled",\nreally', object_type="text"),
        relation(doc_id, quantity, "quantity_of", "title/the-show"),
        relation(doc_id, "person/bo-kim", "creator_of", "title/the-show"),  # a person with no fact of their own
    ]


def write_facts(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def rows_of(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_fields_are_quoted_and_hold_no_line_break():
    assert csv_field('say "hi",\nthen\r\ngo\u2028now') == '"say ""hi"", then go now"'
    assert csv_field("") == "" and csv_field(None) == "" and csv_field(0.5) == "0.5" and csv_field(12) == "12"
    assert csv_field(True) == '"True"' and csv_field(float("nan")) == '"nan"'


def test_hand_made_records_follow_the_import_rules(tmp_path):
    facts = write_facts(tmp_path / "facts.jsonl", article("a1") + article("a2"))
    counts = export_neo4j([facts], tmp_path / "neo4j")
    figures = check_import_rules(tmp_path / "neo4j")
    assert counts == {"nodes": figures["nodes"], "relationships": figures["relationships"]}
    assert figures["isolated"] == 0


def test_every_relation_and_mention_is_a_relationship(tmp_path):
    facts = write_facts(tmp_path / "facts.jsonl", article("a1") + article("a2"))
    export_neo4j([facts], tmp_path / "neo4j")
    nodes = {row["id:ID"]: row for row in rows_of(tmp_path / "neo4j" / "nodes.csv")}
    edges = rows_of(tmp_path / "neo4j" / "relationships.csv")
    found = {(row[":START_ID"], row[":TYPE"], row[":END_ID"]) for row in edges}
    for doc_id in ("a1", "a2"):
        for entity in ("person/ann-lee", "title/the-show", "organization/streamline"):
            assert (f"article/{doc_id}", "MENTIONS", entity) in found
    assert ("person/ann-lee", "CAST_IN", "title/the-show") in found
    assert ("person/ann-lee", "WORKS_FOR", "organization/streamline") in found
    assert ("person/ann-lee", "WORKS_FOR", "organization/acme-ltd") in found
    assert ("title/the-show", "RELEASED_BY", "organization/streamline") in found
    assert ("title/the-show", "PREMIERED_ON", "article/a1") in found
    said = [row for row in edges if row[":TYPE"] == "SAID" and row["doc_id"] == "a1"]
    [quote] = said
    assert quote[":START_ID"] == "organization/streamline"
    assert nodes[quote[":END_ID"]][":LABEL"] == "Quotation"
    assert nodes[quote[":END_ID"]]["text"] == 'We are "thrilled", really'
    assert (quote[":END_ID"], "PART_OF", "article/a1") in found
    assert nodes["person/ann-lee"]["name"] == 'Ann "AL" Lee'
    assert nodes["organization/streamline"]["name"] == "Streamline, Inc."
    assert nodes["person/bo-kim"][":LABEL"] == "Person"  # a relation's end without a fact still has its node
    assert nodes["title/the-show"][":LABEL"] == "Work;TVSeries"
    # The claim's about.entity and its quantity_of relation are one relationship, not two.
    quantity_of = [row for row in edges if row[":TYPE"] == "QUANTITY_OF" and row["doc_id"] == "a1"]
    assert len(quantity_of) == 1
    spans = [row for row in nodes.values() if row["name"] == "3-4 hours"]
    assert {(row["min_value:double"], row["max_value:double"]) for row in spans} == {("3", "4.5")}


def test_a_fact_row_replaces_a_node_made_from_an_id_alone(tmp_path):
    """A relation naming an entity before the article that describes it: the description still wins."""
    early = [relation("a0", "person/ann-lee", "cast_in", "title/the-show")]
    facts = write_facts(tmp_path / "facts.jsonl", early + article("a1"))
    export_neo4j([facts], tmp_path / "neo4j")
    nodes = {row["id:ID"]: row for row in rows_of(tmp_path / "neo4j" / "nodes.csv")}
    assert nodes["person/ann-lee"]["name"] == 'Ann "AL" Lee'


# -- the seed and the project gold, through the whole pipeline ----------------------------------

@pytest.fixture(scope="module")
def gold_run(tmp_path_factory):
    """One run over the seed article and the project gold's articles, exporting Neo4j CSV."""
    work = tmp_path_factory.mktemp("neo4j-gold")
    source = work / "project.jsonl"
    with source.open("w", encoding="utf-8") as out, PROJECT_GOLD.open(encoding="utf-8") as gold:
        for line in gold:
            document = json.loads(line)
            out.write(json.dumps({"id": document["doc_id"], "text": document["text"],
                                  "date": document.get("doc_date")}) + "\n")
    settings = load_settings(DEFAULT_CONFIG, overrides={"graph.formats": ["nt", "neo4j-csv"]})
    run_pipeline(settings, inputs=[str(SEED_ARTICLE), str(source)], output_dir=work / "out")
    return work / "out"


@pytest.mark.slow
@pytest.mark.parametrize("which", ["seed", "project"])
def test_seed_and_project_gold_csv_follow_the_import_rules_and_connect(gold_run, tmp_path, which):
    seed_doc = SEED_ARTICLE.name
    records = [json.loads(line) for line in (gold_run / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    chosen = [record for record in records if (record["doc_id"] == seed_doc) == (which == "seed")]
    assert chosen
    counts = export_neo4j([write_facts(tmp_path / "facts.jsonl", chosen)], tmp_path / "neo4j")
    figures = check_import_rules(tmp_path / "neo4j")
    assert counts == {"nodes": figures["nodes"], "relationships": figures["relationships"]}
    assert figures["relationships"] >= figures["nodes"]  # before: 50 relationships for 370 nodes
    assert figures["isolated"] <= 0.02 * figures["nodes"], figures


@pytest.mark.slow
def test_the_run_writes_the_same_checked_files(gold_run):
    figures = check_import_rules(gold_run / "neo4j")
    manifest = json.loads((gold_run / "run.json").read_text())
    assert manifest["graph"]["exports"]["neo4j-csv"] == {"nodes": figures["nodes"],
                                                         "relationships": figures["relationships"]}


def test_headers_are_the_documented_ones():
    assert NODE_HEADER[:2] == ["id:ID", ":LABEL"] and EDGE_HEADER[:3] == [":START_ID", ":END_ID", ":TYPE"]
    parse_header(NODE_HEADER, {"ID", "LABEL"})
    parse_header(EDGE_HEADER, {"START_ID", "END_ID", "TYPE"})
