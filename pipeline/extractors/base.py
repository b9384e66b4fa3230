"""What every extractor is: the contract between the NLP stage and the facts stage.

An extractor is built once per run from its TOML options and then called once
per document. It reads the parsed `Doc`, the `Article` (metadata: publication
date, headline and byline spans) and the mentions that extractors earlier in
the configured order have already found, and yields `Mention`s. It never
writes records: `facts.py` turns mentions into records.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from ..article import Article
from ..config import read_toml_file
from ..errors import ConfigError
from ..jsonl import json_lines
from ..mention import Found, Mention



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
    # Optional: `requires_for(options)`, the components its options switch on besides `requires`
    # (the people rules read the trained NER only with `trained_ner_veto`).

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]: ...


def components_read(extractor_class: type, options) -> set[str]:
    """The spaCy components an extractor reads with these options."""
    needed = set(extractor_class.requires)
    if hasattr(extractor_class, "requires_for"):
        needed.update(extractor_class.requires_for(options))
    return needed


def read_pattern_jsonl(path: Path, option: str) -> Iterator[tuple[int, object]]:
    """(line number, parsed JSON) for each non-blank line of a rule-data file; errors name the option."""
    if not path.is_file():
        raise ConfigError(f"{option}: {path}: pattern file not found")
    for line in json_lines(path):
        if line.error is not None:
            raise ConfigError(f"{option}: {path}:{line.number}: {line.error}")
        yield line.number, line.value


def read_pattern_toml(path: Path, option: str) -> dict:
    """A TOML file of rule data; errors name the option that points at it."""
    return read_toml_file(path, "pattern file", where=option)
