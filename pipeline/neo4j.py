"""Fact records -> nodes.csv and relationships.csv for `neo4j-admin database import full`.

Written straight from the records (no RDF store), streamed: nodes merge on disk in a
temporary SQLite table, relationships are written as each article's records are read.

The files follow the import tool's documented CSV rules, with its default options:
- the first line is the header, `name:type` per field: `id:ID` (one ID space; entity ids
  are prefixed by their kind, `person/...`, `title/...`, so they never collide),
  `:LABEL` (several labels split by the array delimiter `;`), `:START_ID`, `:END_ID`,
  `:TYPE`, typed properties (`confidence:float`, `value:double`);
- every text field is quoted with `"`, an inner `"` doubled (RFC 4180; no
  `--legacy-style-quoting`); numbers are bare, as in the tool's documented examples; an
  empty field is bare too, so the property is absent;
- no field holds a line break: text properties carry their line breaks as spaces (the exact
  text stays in facts.jsonl and the RDF), so the import needs no `--multiline-fields`;
- every :START_ID and :END_ID is the id of a node in nodes.csv: an entity a relation names
  without a fact of its own gets a node with the label of its kind.

The graph is connected: articles MENTION their people, works and organisations and REPORT
their quantities, every relation is a relationship between nodes (a date or a job title is a
property of a relationship to the article that states it, a quotation is a node).
"""
from __future__ import annotations

import json
import math
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from .graph import MENTIONED_KINDS, organization_entity, quotation_entity, read_records, records_by_article
from .ids import article_entity, quantity_entity

NODE_HEADER = ["id:ID", ":LABEL", "name", "work_type", "text", "value:double", "min_value:double",
               "max_value:double", "unit", "quantity", "headline", "date_published", "url"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "doc_id", "fact_id", "evidence", "sentence", "extractor",
               "confidence:float", "value"]
WORK_LABELS = {"tv_series": "TVSeries", "film": "Movie", "book": "Book", "song": "Song", "album": "Album",
               "game": "VideoGame", "play": "Play", "other": "CreativeWork"}
# The label of a node known only by its id (a relation's end without a fact of its own).
KIND_LABELS = {"person": "Person", "title": "Work", "organization": "Organization", "article": "Article",
               "quantity": "Quantity", "quotation": "Quotation"}
# Everything the import tool's reader (or a line-based tool) takes for the end of a line.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def export_neo4j(paths: Iterable[str | Path], folder: str | Path) -> dict:
    """Write nodes.csv and relationships.csv of the records in `paths` into `folder`.

    Node ids are the entity ids, so the same person from two articles is one node.
    Returns the number of nodes and relationships written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        nodes = sqlite3.connect(str(Path(work) / "nodes.db"))
        # `known` is 0 for a node made from an id alone: a fact's own row replaces it, never the reverse.
        nodes.execute("CREATE TABLE node (id TEXT PRIMARY KEY, row TEXT, known INTEGER)")
        edge_count = 0
        with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as edges_file:
            edges_file.write(csv_line(EDGE_HEADER))
            for _, records in records_by_article(read_records(paths)):
                for node_id, row in article_nodes(records):
                    _add_node(nodes, node_id, row, known=1)
                for edge in article_edges(records):
                    for end in edge[:2]:
                        _add_node(nodes, end, node_row(_kind_label(end)), known=0)
                    edges_file.write(csv_line(edge))
                    edge_count += 1
        node_count = 0
        with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as nodes_file:
            nodes_file.write(csv_line(NODE_HEADER))
            for node_id, row in nodes.execute("SELECT id, row FROM node ORDER BY id"):
                nodes_file.write(csv_line([node_id, *json.loads(row)]))
                node_count += 1
        nodes.close()
    return {"nodes": node_count, "relationships": edge_count}


def csv_field(value) -> str:
    """One field as the import tool reads it: empty and bare (no property), a bare number, or text quoted
    with inner quotes doubled and its line breaks turned into spaces."""
    if value is None or value == "":
        return ""
    if _is_number(value):
        return repr(value)
    text = _LINE_BREAKS.sub(" ", str(value))
    return '"' + text.replace('"', '""') + '"'


def csv_line(fields: Iterable) -> str:
    return ",".join(csv_field(field) for field in fields) + "\n"


def _add_node(nodes: sqlite3.Connection, node_id: str, row: list, known: int) -> None:
    # The first article's row of a node wins; a row from a fact replaces one made from an id alone.
    nodes.execute("INSERT INTO node VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET row = excluded.row, "
                  "known = excluded.known WHERE node.known < excluded.known", (node_id, json.dumps(row), known))


def _kind_label(node_id: str) -> str:
    return KIND_LABELS.get(node_id.split("/", 1)[0], "Entity")


def node_row(label: str, **fields) -> list[str]:
    """The cells after the id: the label, then each property of NODE_HEADER by its name."""
    names = [field.split(":")[0] for field in NODE_HEADER[2:]]
    cells = [label] + [""] * len(names)
    for key, content in fields.items():
        cells[1 + names.index(key)] = "" if content is None else content if _is_number(content) else str(content)
    return cells


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _number(value) -> int | float | None:
    """A value for a `:double` column, or None: the import stops on a cell that is not a number."""
    return value if _is_number(value) else None


def article_nodes(records: list[dict]) -> Iterator[tuple[str, list]]:
    """(id, row) of every node one article's records describe."""
    for record in records:
        kind, value = record["kind"], record.get("value") or {}
        if kind == "document":
            yield article_entity(record["doc_id"]), node_row("Article", headline=record.get("headline"),
                                                             date_published=record.get("date"),
                                                             url=record.get("url"))
        elif kind == "person" and value.get("entity"):
            yield value["entity"], node_row("Person", name=value.get("name"))
        elif kind == "organization" and value.get("entity"):
            yield value["entity"], node_row("Organization", name=value.get("name"))
        elif kind == "title" and value.get("entity"):
            label = f"Work;{WORK_LABELS.get(value.get('work_type'), 'CreativeWork')}"
            yield value["entity"], node_row(label, name=value.get("title"), work_type=value.get("work_type"))
        elif kind == "numeric_claim":
            number = value.get("value")
            low, high = number if isinstance(number, list) and len(number) == 2 else (None, None)
            yield quantity_entity(record["fact_id"]), node_row(
                "Quantity", name=record["text"], value=None if isinstance(number, list) else _number(number),
                min_value=_number(low), max_value=_number(high), unit=value.get("unit"),
                quantity=value.get("quantity"))
        elif kind == "relation" and record["predicate"] == "has_role" and record.get("org"):
            yield organization_entity(record["org"]), node_row("Organization", name=record["org"])
        elif kind == "relation" and record["predicate"] == "said":
            yield quotation_entity(record["fact_id"]), node_row("Quotation", text=record["object"])


def _edge(start: str, end: str, edge_type: str, record: dict, value=None) -> list:
    sentence = record.get("sentence") or {}
    return [start, end, edge_type, record["doc_id"], record.get("fact_id"), record.get("text"),
            sentence.get("text"), record.get("extractor"), record.get("confidence"), value]


def article_edges(records: list[dict]) -> Iterator[list]:
    """Every relationship of one article: MENTIONS and REPORTS from the article, QUANTITY_OF from a
    claim's `about`, and one per relation record (two for a role at a named organisation or a quote)."""
    article = article_entity(records[0]["doc_id"])
    stated = {(record["subject"], record["object"]) for record in records
              if record["kind"] == "relation" and record["predicate"] == "quantity_of"}
    mentioned = set()
    for record in records:
        kind, value = record["kind"], record.get("value") or {}
        if kind in MENTIONED_KINDS and value.get("entity") and value["entity"] not in mentioned:
            mentioned.add(value["entity"])
            yield _edge(article, value["entity"], "MENTIONS", record)
        elif kind == "numeric_claim":
            quantity = quantity_entity(record["fact_id"])
            yield _edge(article, quantity, "REPORTS", record)
            about = (value.get("about") or {}).get("entity")
            if about and (quantity, about) not in stated:  # a quantity_of relation already gives this edge
                yield _edge(quantity, about, "QUANTITY_OF", record)
        elif kind == "relation":
            yield from _relation_edges(record, article)


def _relation_edges(record: dict, article: str) -> Iterator[list]:
    predicate, subject, obj = record["predicate"], record["subject"], record["object"]
    edge_type = re.sub(r"[^A-Z0-9_]", "_", predicate.upper())  # a type Cypher names without backticks
    if predicate == "said":  # (speaker)-[:SAID]->(Quotation {text})-[:PART_OF]->(Article)
        quotation = quotation_entity(record["fact_id"])
        yield _edge(subject, quotation, edge_type, record)
        yield _edge(quotation, article, "PART_OF", record)
    elif record["object_type"] == "entity":
        yield _edge(subject, obj, edge_type, record)
    else:  # a date or a job title: a property of the edge to the article that states it
        yield _edge(subject, article, edge_type, record, value=obj)
        if predicate == "has_role" and record.get("org"):
            yield _edge(subject, organization_entity(record["org"]), "WORKS_FOR", record, value=obj)
