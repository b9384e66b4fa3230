"""Fact records -> RDF with schema.org terms, one named graph per article.

The mapping is a pure function of one article's records (`article_quads`), so
a store can replace an article's graph whole when the article is re-run, and
two articles naming the same person meet at one node: IRIs come from the
stable entity ids (`person/joe-biden`) under a configurable base IRI.

Every fact also becomes a provenance node (`kg:Mention`) holding the article,
offsets, sentence, extractor, confidence and fact id, and every edge derived
from a relation record points back to its mention, so any edge can be traced
to the sentence that supports it. The article itself `schema:mentions` every
person, work and organisation of its facts, so "which articles mention X" is
one triple pattern.

The project's own terms (`kg:`) live in one fixed namespace, `KG`, whatever the
base IRI of the entities: a query written against `kg:quantityOf` works on
every store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from .config import DEFAULT_BASE_IRI
from .entities import entity_id
from .ids import article_entity, quantity_entity
from .jsonl import read_json_objects

SCHEMA = "https://schema.org/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
# The vocabulary of the project's own terms (kg:Mention, kg:quantityOf, ...): fixed, so queries
# and tools written against it do not depend on the --base-iri a store was built with.
KG = "https://w3id.org/news-facts/vocab#"

# work_type -> schema.org class
WORK_CLASSES = {
    "tv_series": "TVSeries", "film": "Movie", "book": "Book", "song": "MusicRecording",
    "album": "MusicAlbum", "game": "VideoGame", "play": "CreativeWork", "other": "CreativeWork",
}
# relation predicate -> (schema.org property, True when the edge runs from the object to the subject)
PREDICATE_PROPERTIES = {
    "cast_in": ("actor", True),
    "creator_of": ("creator", True),
    "director_of": ("director", True),
    "writer_of": ("author", True),
    "producer_of": ("producer", True),
    "author_of": ("author", True),
    "released_on": ("datePublished", False),
    "premiered_on": ("datePublished", False),
    "works_for": ("worksFor", False),
    "released_by": ("publisher", False),
}
# Works whose creator is their recording artist: `creator_of` is also `schema:byArtist`.
RECORDINGS = {"song", "album"}
# Fact kinds whose node the article `schema:mentions`.
MENTIONED_KINDS = {"person", "title", "organization"}
PREFIXES = {"schema": SCHEMA, "xsd": XSD, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "kg": KG}


def schema(term: str) -> NamedNode:
    return NamedNode(SCHEMA + term)


@dataclass(frozen=True)
class Vocabulary:
    """IRIs under one base: entities, articles, graphs and the project's own terms."""

    base: str = DEFAULT_BASE_IRI

    def entity(self, entity_id: str) -> NamedNode:
        # Percent-encoded: record text ("a> <http://x> .") can never end the IRI or start another.
        return NamedNode(self.base + quote(entity_id, safe="/-._~"))

    def article(self, doc_id: str) -> NamedNode:
        return self.entity(article_entity(doc_id))

    def graph(self, doc_id: str) -> NamedNode:
        return self.entity(f"graph/{doc_id}")

    def mention(self, fact_id: str) -> NamedNode:
        return self.entity(f"mention/{fact_id}")

    def term(self, name: str) -> NamedNode:
        return NamedNode(KG + quote(name, safe="-._~"))


def quotation_entity(said_fact_id: str) -> str:
    """The entity id of the words of a `said` relation: one schema:Quotation per record."""
    return f"quotation/{said_fact_id}"


def organization_entity(name: str) -> str:
    """The id an organisation named in a record field (has_role's `org`) shares with organization facts."""
    return entity_id("organization", name)


def date_literal(value: str) -> Literal:
    """A TIMEX3 value as the most precise XSD type it fits."""
    # [0-9], not \d: a value in other digits ("٢٠٢٢") would be an ill-typed xsd literal.
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return Literal(value, datatype=NamedNode(XSD + "date"))
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        return Literal(value, datatype=NamedNode(XSD + "gYearMonth"))
    if re.fullmatch(r"[0-9]{4}", value):
        return Literal(value, datatype=NamedNode(XSD + "gYear"))
    return Literal(value)


def number_literal(value) -> Literal:
    if isinstance(value, bool) or value is None:
        return Literal(str(value))
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
    return Literal(repr(float(value)), datatype=NamedNode(XSD + "double"))


@dataclass(frozen=True)
class _Article:
    """What every record of one article maps against: its node, its graph, the vocabulary, and the
    work type of each work it names (a relation record names its work by id only)."""

    node: NamedNode
    graph: NamedNode
    vocab: Vocabulary
    work_types: dict

    def quad(self, subject, predicate, obj) -> Quad:
        return Quad(subject, predicate, obj, self.graph)


def article_quads(records: list[dict], vocab: Vocabulary) -> Iterator[Quad]:
    """Every quad of one article's records, in its own named graph."""
    if not records:
        return
    doc_id = records[0]["doc_id"]
    work_types = {(record.get("value") or {}).get("entity"): (record.get("value") or {}).get("work_type")
                  for record in records if record["kind"] == "title"}
    context = _Article(vocab.article(doc_id), vocab.graph(doc_id), vocab, work_types)
    yield context.quad(context.node, RDF_TYPE, schema("NewsArticle"))
    for record in records:
        if record["kind"] == "document":
            yield from _document(record, context)
        else:
            yield from _provenance(record, context)
            yield from _fact(record, vocab.mention(record["fact_id"]), context)


def _provenance(record: dict, context: _Article) -> Iterator[Quad]:
    """The fact's mention node: where in which article it was found, by what, how sure."""
    quad, term = context.quad, context.vocab.term
    mention = context.vocab.mention(record["fact_id"])
    yield quad(mention, RDF_TYPE, term("Mention"))
    yield quad(mention, term("inArticle"), context.node)
    yield quad(mention, term("factId"), Literal(record["fact_id"]))
    yield quad(mention, term("kind"), Literal(record["kind"]))
    yield quad(mention, term("text"), Literal(record["text"]))
    yield quad(mention, term("start"), number_literal(record["start"]))
    yield quad(mention, term("end"), number_literal(record["end"]))
    sentence = record.get("sentence") or {}
    if "text" in sentence:
        yield quad(mention, term("sentence"), Literal(sentence["text"]))
    yield quad(mention, term("sentenceStart"), number_literal(sentence.get("start", record["start"])))
    yield quad(mention, term("sentenceEnd"), number_literal(sentence.get("end", record["end"])))
    yield quad(mention, term("extractor"), Literal(record["extractor"]))
    yield quad(mention, term("confidence"), Literal(str(record["confidence"]), datatype=NamedNode(XSD + "decimal")))


def _document(record: dict, context: _Article) -> Iterator[Quad]:
    article, quad = context.node, context.quad
    if record.get("headline"):
        yield quad(article, schema("headline"), Literal(record["headline"]))
    if record.get("date"):
        yield quad(article, schema("datePublished"), date_literal(record["date"]))
    if record.get("url"):
        yield quad(article, schema("url"), Literal(record["url"]))
    yield quad(article, schema("identifier"), Literal(record["doc_id"]))


def _entity_node(kind: str, value: dict) -> tuple[str, str] | None:
    """(schema.org class, name) of the node a person, title or organization fact names."""
    if kind == "person":
        return "Person", value.get("name")
    if kind == "title":
        return WORK_CLASSES.get(value.get("work_type"), "CreativeWork"), value.get("title")
    if kind == "organization":
        return "Organization", value.get("name")
    return None


def _fact(record: dict, mention: NamedNode, context: _Article) -> Iterator[Quad]:
    kind, value = record["kind"], record.get("value") or {}
    quad, vocab, term = context.quad, context.vocab, context.vocab.term
    if kind in MENTIONED_KINDS and value.get("entity"):
        node = vocab.entity(value["entity"])
        schema_class, name = _entity_node(kind, value)
        yield quad(node, RDF_TYPE, schema(schema_class))
        if name is not None:
            yield quad(node, schema("name"), Literal(name))
        yield quad(mention, term("mentionOf"), node)
        yield quad(context.node, schema("mentions"), node)
    elif kind == "date":
        if value.get("value"):
            yield quad(mention, term("timexValue"), Literal(value["value"]))
        yield quad(mention, term("timexType"), Literal(value.get("timex_type", "DATE")))
    elif kind == "numeric_claim":
        yield from _quantity(record, value, mention, context)
    elif kind == "relation":
        yield from _relation(record, mention, context)


def _quantity(record: dict, value: dict, mention: NamedNode, context: _Article) -> Iterator[Quad]:
    quad, vocab, term = context.quad, context.vocab, context.vocab.term
    node = vocab.entity(quantity_entity(record["fact_id"]))
    yield quad(node, RDF_TYPE, schema("QuantitativeValue"))
    yield quad(node, schema("name"), Literal(record["text"]))
    number = value.get("value")
    if isinstance(number, list) and len(number) == 2:
        yield quad(node, schema("minValue"), number_literal(number[0]))
        yield quad(node, schema("maxValue"), number_literal(number[1]))
    elif number is not None:
        yield quad(node, schema("value"), number_literal(number))
    if value.get("unit"):
        yield quad(node, schema("unitText"), Literal(str(value["unit"])))
    if value.get("quantity"):
        yield quad(node, term("quantityKind"), Literal(value["quantity"]))
    about = value.get("about") or {}
    if about.get("text"):
        yield quad(node, term("aboutText"), Literal(about["text"]))
    if about.get("entity"):
        # The same triple as a `quantity_of` relation on this claim gives: the store keeps one.
        yield quad(node, term("quantityOf"), vocab.entity(about["entity"]))
    yield quad(mention, term("mentionOf"), node)


def _relation(record: dict, mention: NamedNode, context: _Article) -> Iterator[Quad]:
    predicate, quad, vocab, term = record["predicate"], context.quad, context.vocab, context.vocab.term
    subject = vocab.entity(record["subject"])
    yield quad(mention, RDF_TYPE, term("RelationMention"))
    yield quad(mention, term("predicateName"), Literal(predicate))
    edges = []
    if predicate in PREDICATE_PROPERTIES:
        name, reverse = PREDICATE_PROPERTIES[predicate]
        if record["object_type"] == "date":
            edges.append((subject, schema(name), date_literal(record["object"])))
        else:
            obj = vocab.entity(record["object"])
            edges.append((obj, schema(name), subject) if reverse else (subject, schema(name), obj))
        if predicate == "creator_of" and context.work_types.get(record["object"]) in RECORDINGS:
            edges.append((vocab.entity(record["object"]), schema("byArtist"), subject))
    elif predicate == "has_role":
        edges.append((subject, schema("jobTitle"), Literal(record["object"])))
        if record.get("org"):
            org = vocab.entity(organization_entity(record["org"]))
            yield quad(org, RDF_TYPE, schema("Organization"))
            yield quad(org, schema("name"), Literal(record["org"]))
            edges.append((subject, schema("worksFor"), org))
    elif predicate == "said":
        quotation = vocab.entity(quotation_entity(record["fact_id"]))
        yield quad(quotation, RDF_TYPE, schema("Quotation"))
        yield quad(quotation, schema("text"), Literal(record["object"]))
        yield quad(quotation, schema("isPartOf"), context.node)
        yield quad(mention, term("mentionOf"), quotation)
        edges.append((quotation, schema("creator"), subject))
    elif predicate == "quantity_of":
        edges.append((subject, term("quantityOf"), vocab.entity(record["object"])))
    else:  # host_of and any later predicate without a schema.org property
        edges.append((subject, term(_camel(predicate)), vocab.entity(record["object"])))
    for edge in edges:
        yield quad(*edge)
        # The edge's provenance: the mention names the triple it supports.
        yield quad(mention, term("edgeSubject"), edge[0])
        yield quad(mention, term("edgeProperty"), edge[1])
        yield quad(mention, term("edgeObject"), edge[2])


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def read_records(paths: Iterable[str | Path]) -> Iterator[dict]:
    """The records of facts files, in order; a line that is not a fact record raises ValueError."""
    for path in paths:
        for number, record in read_json_objects(path, ValueError):
            missing = [key for key in ("doc_id", "kind") if key not in record]
            if missing:
                raise ValueError(f"{path}:{number}: not a fact record (no '{missing[0]}'); "
                                 "check the file with `pipeline validate`")
            yield record


def records_by_article(records: Iterable[dict]) -> Iterator[tuple[str, list[dict]]]:
    """Consecutive records of one article (facts.jsonl keeps each article's records together)."""
    for doc_id, group in groupby(records, key=lambda record: record["doc_id"]):
        yield doc_id, list(group)
