"""The embedded graph store (Oxigraph, SPARQL 1.1, on disk) and the file exports.

Loading is streamed in batches of articles: each batch's named graphs are
dropped and re-added, so re-running an article replaces its triples and the
store never holds a duplicate of what it already has.

`export_graph` is the one export path: `pipeline run` (through `build_run_graph`)
and `pipeline graph` both call it; the Neo4j CSV is written by `neo4j.export_neo4j`.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QueryTriples, RdfFormat, Store, Triple

from .config import GraphSettings
from .errors import InputNotFoundError, PipelineError
from .graph import PREFIXES, XSD, Vocabulary, article_quads, number_literal, read_records, records_by_article
from .neo4j import export_neo4j

FORMATS = {"nt": RdfFormat.N_TRIPLES, "ttl": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD,
           "nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG}
NEO4J_CSV = "neo4j-csv"  # the one export written from the records, not from the store
XSD_STRING = XSD + "string"
ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class LoadSummary:
    articles: int = 0
    quads: int = 0
    seconds: float = 0.0


class GraphStore:
    """An Oxigraph store on disk (or in memory when `path` is None)."""

    def __init__(self, path: str | Path | None = None, base_iri: str | None = None, read_only: bool = False):
        """`read_only` opens an existing store beside any writer (a run loading it, another query)."""
        self.path = Path(path) if path else None
        if self.path and read_only:
            self.store = Store.read_only(str(self.path))
        else:
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
        """Run SPARQL over the union of all article graphs. The prefixes schema:, kg:, xsd:, rdf: are
        predeclared and relative IRIs (`<person/joe-biden>`) resolve against the base IRI; both are given
        to the parser, not written before the query, so a syntax error's line and column are the query's own
        (a PREFIX in the query overrides a predeclared one)."""
        return self.store.query(sparql, prefixes=self.prefixes(), base_iri=self.vocab.base,
                                use_default_graph_as_union=True)

    def update(self, sparql: str) -> None:
        """Run a SPARQL UPDATE (INSERT, DELETE, ...) against the store, with the same prefixes and base."""
        self.store.update(sparql, prefixes=self.prefixes(), base_iri=self.vocab.base)

    def prefixes(self) -> dict[str, str]:
        return dict(PREFIXES)

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
                allow_update: bool = False) -> QueryResult:
    """The answer to a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the store in `folder`, read whole.

    An UPDATE is refused unless `allow_update`; then it is applied and the answer says how many triples
    the store held before and after. A syntax error raises PipelineError naming the line and column."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputNotFoundError(f"{folder}: no graph store here (run `pipeline run` or `pipeline graph --store`)")
    updating = is_update(sparql)
    if updating and not allow_update:
        raise PipelineError("SPARQL: this is an UPDATE, which changes the store; `pipeline query` only reads "
                            "unless given --update")
    try:
        store = GraphStore(folder, base_iri, read_only=not updating)
    except OSError as error:
        raise InputNotFoundError(f"{folder}: not a graph store ({error}); run `pipeline run` or "
                                 "`pipeline graph --store` to make one") from None
    try:
        if not updating:
            return QueryResult.read(store.query(sparql), store.prefixes())
        before = store.triple_count()
        store.update(sparql)
        counts = [number_literal(before), number_literal(store.triple_count())]
        return QueryResult(variables=["triples_before", "triples_after"], solutions=[counts])
    except SyntaxError as error:
        raise PipelineError(syntax_error_line(str(error))) from None
    except (ValueError, OSError) as error:
        raise PipelineError(f"SPARQL: {error}") from None
    finally:
        del store  # the handle holds the store's lock: never keep it alive in a traceback


_POSITION = re.compile(r"^error at (\d+):(\d+): ")


def syntax_error_line(message: str) -> str:
    """The parser's "error at 2:12: expected ..." as one line a user reads: where, then what was expected."""
    found = _POSITION.match(message)
    where = f" at line {found[1]}, column {found[2]}" if found else ""
    detail = " ".join((message[found.end():] if found else message).split())
    if "Prefix not found" in detail:
        detail = ("a prefix is not declared (schema:, kg:, xsd: and rdf: are predeclared; declare others "
                  "with PREFIX name: <iri>)")
    if len(detail) > 200:  # the parser lists every character class it would have taken
        detail = detail[:200].rsplit(" ", 1)[0] + " ..."
    return f"SPARQL syntax error{where}: {detail}"


@dataclass
class QueryResult:
    """A query's answer, read whole from the store: solutions (SELECT, and an UPDATE's counts),
    a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    variables: list[str] | None = None
    solutions: list[list] | None = None  # per row, each variable's term (None when unbound)
    boolean: bool | None = None
    triples: list | None = None
    prefixes: dict | None = None  # for Turtle output of triples

    @classmethod
    def read(cls, results, prefixes: dict | None = None) -> "QueryResult":
        if isinstance(results, QueryBoolean):
            return cls(boolean=bool(results))
        if isinstance(results, QueryTriples):
            return cls(triples=list(results), prefixes=prefixes)
        variables = [variable.value for variable in results.variables]
        return cls(variables=variables, solutions=[[solution[name] for name in variables] for solution in results])

    @property
    def form(self) -> str:
        """"select", "ask" or "graph" (CONSTRUCT and DESCRIBE)."""
        return "ask" if self.boolean is not None else "graph" if self.triples is not None else "select"

    def table(self) -> tuple[list[str], list[list[str]]]:
        """(header, rows of plain strings) for printing."""
        if self.boolean is not None:
            return ["ask"], [[str(self.boolean).lower()]]
        if self.triples is not None:
            return ["subject", "predicate", "object"], [[_plain(t.subject), _plain(t.predicate), _plain(t.object)]
                                                        for t in self.triples]
        return list(self.variables), [[_plain(term) for term in row] for row in self.solutions]

    def json(self) -> dict:
        """SPARQL 1.1 Query Results JSON: {"head": {"vars"}, "results": {"bindings"}}, or {"head": {},
        "boolean"} for ASK; literals keep their datatype or language. Triples: use `rdf`."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        if self.triples is not None:
            raise ValueError("a CONSTRUCT or DESCRIBE query answers with triples: write them with rdf()")
        bindings = [{name: term_json(term) for name, term in zip(self.variables, row) if term is not None}
                    for row in self.solutions]
        return {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}

    def rdf(self, fmt: str = "ttl") -> str:
        """The triples of a CONSTRUCT or DESCRIBE as Turtle (with the predeclared prefixes), N-Triples or JSON-LD."""
        from pyoxigraph import serialize

        data = serialize(self.triples or [], format=FORMATS[fmt], **_prefix_arg(fmt, self.prefixes or {}))
        return data.decode("utf-8")


def term_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        found = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:  # a plain string carries no datatype
            found["datatype"] = term.datatype.value
        return found
    if isinstance(term, Triple):  # RDF-star
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def rows(results) -> tuple[list[str], list[list[str]]]:
    """pyoxigraph results of any query form -> (header, rows of plain strings) for printing."""
    return QueryResult.read(results).table()


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (Literal, NamedNode, BlankNode)):
        return term.value
    return str(term)
