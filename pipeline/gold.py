"""Gold documents: the JSONL format of ANNOTATION.md, read and checked.

One document per line: doc_id, text, doc_date, annotated_types and entities
(type, start, end, text, and for dates and numeric claims a value and a
timex_type). Reading checks what scoring relies on: every doc id once, every
entity's offsets inside the text and giving the entity's text. The first
problem raises `GoldFormatError` naming the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError
from .jsonl import read_json_objects

# Gold corpora name some kinds differently; tools/score.py maps these the same way.
KIND_ALIASES = {"number": "numeric_claim", "quantity": "numeric_claim"}


class GoldFormatError(PipelineError):
    """A gold file is not in the format of ANNOTATION.md; the message names file and line."""


def canonical_kind(name: str) -> str:
    return KIND_ALIASES.get(name, name)


@dataclass(frozen=True)
class GoldEntity:
    kind: str
    start: int
    end: int
    text: str
    value: object = None  # TIMEX3 string for dates, number or [low, high] for numeric claims
    timex_type: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    doc_date: str | None
    annotated_types: tuple[str, ...]  # canonical kind names, in the file's order
    entities: list[GoldEntity]
    line: int


@dataclass
class GoldSet:
    name: str
    path: Path
    documents: list[GoldDocument]


GOLD_KEYS = ("doc_id", "text", "annotated_types", "entities")


def gold_set_name(path: str | Path) -> str:
    """`<folder>/<stem>`: stable whatever the working directory, and it tells
    `streaming/dev` from `entertainment/dev`."""
    path = Path(path)
    return f"{path.resolve().parent.name}/{path.stem}"


def read_gold(path: str | Path) -> GoldSet:
    """Read and check a gold file: every entity's offsets must give its text."""
    path = Path(path)
    documents, seen = [], {}
    for number, record in read_json_objects(path, GoldFormatError):
        where = f"{path}:{number}"
        # Every key of the format is required: facts or articles given by mistake must not pass
        # as gold with nothing annotated (a CI gate given a wrong path would then pass).
        for key in GOLD_KEYS:
            if key not in record:
                raise GoldFormatError(f"{where}: missing key '{key}': not a gold line (ANNOTATION.md)")
        doc_id, text = str(record["doc_id"]), record["text"]
        if doc_id in seen:
            raise GoldFormatError(f"{where}: doc_id '{doc_id}' already used on line {seen[doc_id]}")
        seen[doc_id] = number
        annotated = record["annotated_types"]
        if not isinstance(annotated, list):
            raise GoldFormatError(f"{where}: annotated_types must be a list, got {annotated!r}")
        if not isinstance(record["entities"], list) or not isinstance(text, str):
            raise GoldFormatError(f"{where}: entities must be a list and text a string")
        entities = [_gold_entity(entity, text, f"{where}: entities[{index}]")
                    for index, entity in enumerate(record["entities"])]
        documents.append(GoldDocument(doc_id, text, record.get("doc_date"),
                                      tuple(map(canonical_kind, annotated)), entities, number))
    if not documents:
        raise GoldFormatError(f"{path}: no gold documents: the file is empty")
    return GoldSet(gold_set_name(path), path, documents)


def _gold_entity(entity: dict, text: str, at: str) -> GoldEntity:
    """One entity of a gold line, checked against the document's text; `at` names it in errors."""
    missing = [key for key in ("type", "start", "end") if key not in entity]
    if missing:
        raise GoldFormatError(f"{at}: missing key '{missing[0]}'")
    start, end = entity["start"], entity["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise GoldFormatError(f"{at}: offsets {start}..{end} outside the text (length {len(text)})")
    if "text" in entity and text[start:end] != entity["text"]:
        raise GoldFormatError(f"{at}: text[{start}:{end}] is {text[start:end]!r}, "
                              f"the entity says {entity['text']!r}")
    return GoldEntity(canonical_kind(entity["type"]), start, end, text[start:end],
                      entity.get("value"), entity.get("timex_type"))
