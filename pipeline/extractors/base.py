"""What every extractor is: the contract between the NLP stage and the facts stage.

An extractor is built once per run from its TOML options and then called once
per document. It reads the parsed `Doc`, the `Article` (metadata: publication
date, headline and byline spans) and the mentions that extractors earlier in
the configured order have already found, and yields `Mention`s. It never
writes records: `facts.py` turns mentions into records.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Protocol, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..article import Article
from ..errors import ConfigError

KINDS = ("person", "title", "date", "numeric_claim")
# Relations link the facts above; they are derived last, from what was found.
RELATION = "relation"
MENTION_KINDS = (*KINDS, RELATION)


@dataclass(frozen=True)
class Mention:
    """One fact found in one document, before it becomes a record."""

    kind: str  # one of MENTION_KINDS
    start: int  # character offsets into Article.text, end exclusive
    end: int
    value: dict  # the kind's value, as in ANNOTATION.md and configs/schemas/
    # (for a relation: subject, predicate, object, object_type)
    confidence: float  # 0..1
    extractor: str  # what produced it: "ner:PERSON", "rule:quoted_title", ...


# Mentions found so far in the current document, by kind, in extractor order.
Found = Mapping[str, Sequence[Mention]]


@dataclass(frozen=True)
class ExtractorContext:
    """What an extractor may use when it is built."""

    nlp: Language
    config_dir: Path  # relative paths in options (patterns, gazetteers) resolve here

    def resolve(self, path: str | Path) -> Path:
        path = Path(path)
        return path if path.is_absolute() else self.config_dir / path


class Extractor(Protocol):
    """Built as `cls(context, options)`; `options` is an instance of `cls.Options`."""

    kinds: tuple[str, ...]  # the fact kinds it can produce
    # spaCy components the extractor reads (e.g. "ner", "parser"); the NLP
    # stage disables every component that no enabled extractor requires.
    requires: tuple[str, ...]

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]: ...


def read_pattern_jsonl(path: Path, option: str) -> Iterator[tuple[int, object]]:
    """(line number, parsed JSON) for each non-blank line of a rule-data file; errors name the option."""
    if not path.is_file():
        raise ConfigError(f"{option}: pattern file {path} not found")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise ConfigError(f"{option}: {path}:{number}: not valid JSON ({error})") from None


def read_pattern_toml(path: Path, option: str) -> dict:
    """A TOML file of rule data; errors name the option that points at it."""
    if not path.is_file():
        raise ConfigError(f"{option}: pattern file {path} not found")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{option}: {path} is not valid TOML: {error}") from None


# The possessive marker as the tokenizer splits it off, with the apostrophe typed three ways.
POSSESSIVE_MARKERS = frozenset({"'s", "’s", "‘s"})
# ... and with the bare apostrophe that ends a plural's possessive ("the Beatles' album").
POSSESSIVE_OR_APOSTROPHE = POSSESSIVE_MARKERS | {"'", "’"}


def after_possessive(doc: Doc, index: int) -> int | None:
    """If a possessive marker starts at doc[index] ("'s", or "' s" in token-joined text), the index after it."""
    if index <= 0 or index >= len(doc):
        return None
    token = doc[index]
    if token.lower_ in POSSESSIVE_MARKERS:
        return index + 1
    if token.text in ("'", "’") and index + 1 < len(doc) and doc[index + 1].lower_ == "s":
        return index + 2
    return None


def year_in_brackets(doc: Doc, index: int) -> bool:
    """"( 1998 )" starts at doc[index]: a single year in brackets, as works and citations are dated."""
    return (0 <= index and index + 2 < len(doc) and doc[index].text == "(" and doc[index + 2].text == ")"
            and re.fullmatch(r"1[5-9]\d\d|20\d\d", doc[index + 1].text) is not None)
