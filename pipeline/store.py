"""The embedded graph store (Oxigraph, SPARQL 1.1, on disk) and the file exports.

Loading is streamed in batches of articles: each batch's named graphs are
dropped and re-added, so re-running an article replaces its triples and the
store never holds a duplicate of what it already has.

`export_graph` is the one export path: `pipeline run` (through `build_run_graph`)
and `pipeline graph` both call it.
"""
from __future__ import annotations

import re

import csv
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from pyoxigraph import Literal, NamedNode, QuerySolutions, QueryTriples, RdfFormat, Store

from .config import GraphSettings
from .errors import InputNotFoundError, PipelineError
from .graph import PREFIXES, Vocabulary, article_quads, read_records, records_by_article
from .ids import article_entity, quantity_entity

FORMATS = {"nt": RdfFormat.N_TRIPLES, "ttl": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD,
           "nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG}
NEO4J_CSV = "neo4j-csv"  # the one export written from the records, not from the store
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class LoadSummary:
    articles: int = 0
    quads: int = 0
    seconds: float = 0.0


class GraphStore:
    """An Oxigraph store on disk (or in memory when `path` is None)."""

    def __init__(self, path: str | Path | None = None, base_iri: str | None = None):
        self.path = Path(path) if path else None
        if self.path:
            self.path.mkdir(parents=True, exist_ok=True)
        self.store = Store(str(self.path)) if self.path else Store()
        self.vocab = Vocabulary(base_iri) if base_iri else Vocabulary()

    def load_records(self, records: Iterable[dict], batch_articles: int = 200) -> LoadSummary:
        """Add articles' records, replacing each article's named graph whole."""
        import time

        started = time.perf_counter()
        summary = LoadSummary()
        articles = records_by_article(records)
        while True:
            batch = list(islice(articles, batch_articles))
            if not batch:
                break
            for doc_id, _ in batch:
                graph = self.vocab.graph(doc_id)
                if self.store.contains_named_graph(graph):
                    self.store.remove_graph(graph)
            counted = _Counter(quad for _, group in batch for quad in article_quads(group, self.vocab))
            self.store.bulk_extend(counted)
            summary.articles += len(batch)
            summary.quads += counted.count
        self.store.flush()
        summary.seconds = time.perf_counter() - started
        return summary

    def load_files(self, paths: Iterable[str | Path]) -> LoadSummary:
        return self.load_records(read_records(paths))

    def query(self, sparql: str):
        """Run SPARQL over the union of all article graphs, with the schema: prefix predeclared."""
        prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in self.prefixes().items()
                           if f"PREFIX {name}:" not in sparql)
        return self.store.query(prefixes + sparql, use_default_graph_as_union=True)

    def update(self, sparql: str) -> None:
        """Run a SPARQL UPDATE (INSERT, DELETE, ...) against the store, with the same prefixes predeclared."""
        prefixes = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in self.prefixes().items()
                           if f"PREFIX {name}:" not in sparql)
        self.store.update(prefixes + sparql)

    def prefixes(self) -> dict[str, str]:
        return {**PREFIXES, "kg": self.vocab.term("").value}

    def triple_count(self) -> int:
        [row] = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"))
        return int(row["n"].value)

    def export(self, output: str | Path, fmt: str) -> int:
        """Write the union graph (distinct triples) as `fmt`; returns the number of triples."""
        from pyoxigraph import serialize

        triples = list(self.query(ALL_TRIPLES)) if fmt != "nq" and fmt != "trig" else None
        if triples is None:
            quads = list(self.store)
            serialize(quads, str(output), FORMATS[fmt], **_prefix_arg(fmt, self.prefixes()))
            return len(quads)
        unique = list(dict.fromkeys(triples))
        serialize(unique, str(output), FORMATS[fmt], **_prefix_arg(fmt, self.prefixes()))
        return len(unique)


@dataclass
class GraphExport:
    loaded: LoadSummary | None  # None when no store was needed
    written: dict  # per format: triples (quads for nq, trig), or neo4j-csv's node and relationship counts


def export_graph(facts: Sequence[str | Path], exports: Mapping[str, str | Path],
                 store: str | Path | None = None, base_iri: str | None = None) -> GraphExport:
    """Write each export (format -> file, a folder for neo4j-csv) of the records in `facts`.

    The records load into a store when a store folder is given or an RDF format is asked for
    (every RDF export is serialized from a store; without a folder it lives in memory);
    Neo4j CSV is written straight from the records. Raises InputNotFoundError for a missing
    file and ValueError for a line that is not a fact record."""
    missing = [str(path) for path in facts if not Path(path).is_file()]
    if missing:
        raise InputNotFoundError(f"{missing[0]}: file not found")
    graph_store = loaded = None
    if store is not None or any(fmt != NEO4J_CSV for fmt in exports):
        graph_store = GraphStore(store, base_iri)
        loaded = graph_store.load_files(facts)
    written = {fmt: export_neo4j(facts, path) if fmt == NEO4J_CSV else graph_store.export(path, fmt)
               for fmt, path in exports.items()}
    return GraphExport(loaded, written)


def build_run_graph(settings: GraphSettings, folder: Path, final: Path) -> tuple[dict, float]:
    """A run's graph step: the facts.jsonl in `folder` (the staging folder that becomes `final`)
    into the store and exports, which describe exactly this run's articles.

    A relative store path is a store of this run, in the output folder. An absolute one is a
    long-lived store shared by runs: this run's articles are added to it, each replacing its own
    named graph (idempotent per article), and the exports still hold this run's articles only.
    Returns the figures for run.json and the seconds spent loading."""
    store = Path(settings.store)
    shared = store.is_absolute()
    facts = [folder / "facts.jsonl"]
    exports = {fmt: folder / ("neo4j" if fmt == NEO4J_CSV else f"graph.{fmt}") for fmt in settings.formats}
    done = export_graph(facts, exports, None if shared else folder / store, settings.base_iri)
    loaded = GraphStore(store, settings.base_iri).load_files(facts) if shared else done.loaded
    figures = {"store": str(store if shared else final / store), "shared_store": shared,
               "articles": loaded.articles, "quads": loaded.quads, "exports": done.written}
    return figures, loaded.seconds


def reuse_run_graph(settings: GraphSettings, previous: Path, folder: Path) -> None:
    """Link the previous run's store and exports into `folder`, for a run whose facts.jsonl is the
    previous run's byte for byte (an incremental run where nothing changed): they are what this run
    would build. Links, not copies: the previous folder is removed once the new one is in place."""
    names = ["neo4j" if fmt == NEO4J_CSV else f"graph.{fmt}" for fmt in settings.formats]
    if not Path(settings.store).is_absolute():
        names.append(settings.store)
    for name in names:
        source, target = previous / name, folder / name
        if source.is_dir():
            shutil.copytree(source, target, copy_function=os.link)
        else:
            os.link(source, target)


def _prefix_arg(fmt: str, prefixes: dict) -> dict:
    return {"prefixes": prefixes} if fmt in ("ttl", "trig") else {}


class _Counter:
    """Passes items through while counting them (the bulk loader consumes a generator once)."""

    def __init__(self, items: Iterable):
        self.items, self.count = iter(items), 0

    def __iter__(self) -> Iterator:
        for item in self.items:
            self.count += 1
            yield item


# The first keyword of a SPARQL 1.1 Update operation, after any PREFIX / BASE lines.
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def is_update(sparql: str) -> bool:
    """The text is a SPARQL UPDATE (it changes the store), not a query."""
    return _UPDATE.match(sparql) is not None


def query_store(folder: str | Path, sparql: str, base_iri: str | None = None,
                allow_update: bool = False) -> tuple[list[str], list[list[str]]]:
    """(header, rows of plain strings) of a SPARQL query over the store in `folder`. An UPDATE is refused
    unless `allow_update`; then it is applied and the rows say how many triples the store held before and after."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputNotFoundError(f"{folder}: no graph store here (run `pipeline run` or `pipeline graph --store`)")
    updating = is_update(sparql)
    if updating and not allow_update:
        raise PipelineError("SPARQL: this is an UPDATE, which changes the store; `pipeline query` only reads "
                            "unless given --update")
    try:
        store = GraphStore(folder, base_iri)
        if not updating:
            return rows(store.query(sparql))
        before = store.triple_count()
        store.update(sparql)
        return ["triples_before", "triples_after"], [[str(before), str(store.triple_count())]]
    except (SyntaxError, ValueError, OSError) as error:
        raise PipelineError(f"SPARQL: {error}") from None


def rows(results) -> tuple[list[str], list[list[str]]]:
    """SPARQL results -> (header, rows of plain strings) for printing."""
    if isinstance(results, bool):
        return ["ask"], [[str(results).lower()]]
    if isinstance(results, QueryTriples):
        return ["subject", "predicate", "object"], [[_plain(t.subject), _plain(t.predicate), _plain(t.object)]
                                                    for t in results]
    assert isinstance(results, QuerySolutions)
    header = [variable.value for variable in results.variables]
    return header, [[_plain(solution[name]) for name in header] for solution in results]


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (Literal, NamedNode)):
        return term.value
    return str(term)


# -- Neo4j --------------------------------------------------------------------------------------

NODE_HEADER = ["id:ID", ":LABEL", "name", "work_type", "value", "min_value", "max_value", "unit",
               "quantity", "headline", "date_published", "url"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "doc_id", "fact_id", "evidence", "sentence", "extractor",
               "confidence:float", "value"]
NEO4J_WORK_LABELS = {"tv_series": "TVSeries", "film": "Movie", "book": "Book", "song": "Song", "album": "Album",
                     "game": "VideoGame", "play": "Play", "other": "CreativeWork"}


def export_neo4j(paths: Iterable[str | Path], folder: str | Path) -> dict:
    """nodes.csv and relationships.csv in the format `neo4j-admin database import full` reads.

    Node ids are the entity ids, so the same person from two articles is one node.
    Nodes are merged on disk through a temporary SQLite table, not in memory.
    """
    import sqlite3

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        nodes = sqlite3.connect(str(Path(work) / "nodes.db"))
        nodes.execute("CREATE TABLE node (id TEXT PRIMARY KEY, row TEXT)")
        edge_count = 0
        with (folder / "relationships.csv").open("w", newline="", encoding="utf-8") as edges_file:
            edges = csv.writer(edges_file)
            edges.writerow(EDGE_HEADER)
            for record in read_records(paths):
                for node_id, row in _neo4j_nodes(record):
                    nodes.execute("INSERT OR IGNORE INTO node VALUES (?, ?)", (node_id, json.dumps(row)))
                edge = _neo4j_edge(record)
                if edge:
                    edges.writerow(edge)
                    edge_count += 1
        node_count = 0
        with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as nodes_file:
            writer = csv.writer(nodes_file)
            writer.writerow(NODE_HEADER)
            for node_id, row in nodes.execute("SELECT id, row FROM node ORDER BY id"):
                writer.writerow([node_id, *json.loads(row)])
                node_count += 1
        nodes.close()
    return {"nodes": node_count, "relationships": edge_count}


def _neo4j_nodes(record: dict) -> Iterator[tuple[str, list]]:
    kind, value = record["kind"], record.get("value") or {}
    empty = [""] * (len(NODE_HEADER) - 1)

    def row(label, **fields):
        cells = list(empty)
        cells[0] = label
        for key, content in fields.items():
            cells[NODE_HEADER.index(key) - 1] = "" if content is None else str(content)
        return cells

    if kind == "document":
        yield article_entity(record["doc_id"]), row("Article", headline=record.get("headline"),
                                                 date_published=record.get("date"), url=record.get("url"))
    elif kind == "person" and value.get("entity"):
        yield value["entity"], row("Person", name=value["name"])
    elif kind == "title" and value.get("entity"):
        label = f"Work;{NEO4J_WORK_LABELS.get(value.get('work_type'), 'CreativeWork')}"
        yield value["entity"], row(label, name=value["title"], work_type=value.get("work_type"))
    elif kind == "numeric_claim":
        number = value.get("value")
        low, high = (number if isinstance(number, list) else (None, None))
        yield quantity_entity(record["fact_id"]), row("Quantity", name=record["text"],
                                                   value=None if isinstance(number, list) else number,
                                                   min_value=low, max_value=high, unit=value.get("unit"),
                                                   quantity=value.get("quantity"))


def _neo4j_edge(record: dict) -> list | None:
    if record["kind"] != "relation" or record["object_type"] != "entity":
        if record["kind"] == "relation":  # a date or a job title: an edge to the article, the value on it
            return [record["subject"], article_entity(record["doc_id"]), record["predicate"].upper(),
                    record["doc_id"], record["fact_id"], record["text"], record["sentence"].get("text", ""),
                    record["extractor"], record["confidence"], record["object"]]
        return None
    return [record["subject"], record["object"], record["predicate"].upper(), record["doc_id"], record["fact_id"],
            record["text"], record["sentence"].get("text", ""), record["extractor"], record["confidence"], ""]
