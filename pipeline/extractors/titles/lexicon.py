"""The titles extractor's rule data, read once from its options into one typed object.

Cue words, platforms and the known-works gazetteer live in `configs/patterns/`; this module
checks them, lowercases them and builds the spaCy matchers over them, so every rule function
receives the same ready `TitleLexicon` instead of reading files or rebuilding sets per document.
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from spacy.matcher import PhraseMatcher

from ...errors import ConfigError
from ..anchored import AnchoredMatcher
from ..base import ExtractorContext, read_pattern_jsonl, read_pattern_toml
from ..spans import POSSESSIVE_OR_APOSTROPHE

WORK_TYPES = ("tv_series", "film", "book", "song", "album", "game", "play", "other")


def normalize_key(text: str) -> str:
    """The key under which mentions of one title group: case, apostrophes and spacing do not matter."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(frozen=True)
class TitleLexicon:
    """Everything the title rules look words up in; built once per run by `load_lexicon`."""

    max_words: int  # longest title, in words, that a cue word or quote may mark
    cue_type: Mapping[str, str]  # lowercase cue noun -> the work type it announces ("album" -> "album")
    connectors: frozenset[str]  # lowercase words that may stand inside a title: "of", "the", "'s"
    platforms: frozenset[str]  # normalized names of streaming services and studios
    not_titles: tuple[str, ...]  # fnmatch patterns of spans that look like titles but are not
    not_title_regex: re.Pattern | None  # the same patterns as one regex: one match per span, not one per pattern
    gazetteer_type: Mapping[str, str]  # normalized known title -> its work type
    matcher: AnchoredMatcher  # token cues: cue_noun, post_verb, work_part, creator_noun, after_title
    phrases: PhraseMatcher  # phrase cues: before_title ("starring in"), platform
    gazetteer: PhraseMatcher  # known works, matched case-sensitively


def _words(table: dict, name: str, where: str) -> list:
    value = table.get(name, [])
    if not isinstance(value, list):
        raise ConfigError(f"{where}: '{name}' must be a list")
    return value


def _lower_set(table: dict, name: str, where: str) -> set[str]:
    return {word.lower() for word in _words(table, name, where)}


def _cue_types(data: dict, where: str) -> dict[str, str]:
    cue_nouns = data.get("cue_nouns", {})
    if not isinstance(cue_nouns, dict):
        raise ConfigError(f"{where}: [cue_nouns] must be a table of work_type = [words]")
    cue_type: dict[str, str] = {}
    for work_type, words in cue_nouns.items():
        if work_type not in WORK_TYPES:
            raise ConfigError(f"{where}: cue_nouns.{work_type} is not a work type (known: {', '.join(WORK_TYPES)})")
        for word in _words(cue_nouns, work_type, where):
            cue_type.setdefault(word.lower(), work_type)  # a word listed under two types keeps the first
    return cue_type


def _token_matcher(vocab, cue_type: dict[str, str], words: dict[str, set[str]]) -> AnchoredMatcher:
    matcher = AnchoredMatcher(vocab)  # spaCy's Matcher, run only where a cue word stands
    matcher.add("cue_noun", [[{"LOWER": {"IN": sorted(cue_type)}, "IS_LOWER": True}]])
    matcher.add("post_verb", [[{"LOWER": {"IN": sorted(words["post_verbs"])}}]])
    matcher.add("work_part", [[{"LOWER": {"IN": sorted(POSSESSIVE_OR_APOSTROPHE)}},
                               {"IS_LOWER": True, "OP": "{0,2}"},
                               {"LOWER": {"IN": sorted(words["work_parts"])}}]])
    matcher.add("creator_noun", [[{"LOWER": {"IN": sorted(words["creator_nouns"])}, "IS_LOWER": True},
                                  {"TEXT": {"REGEX": "^[A-Z]"}}]])
    matcher.add("after_title", [[{"LOWER": {"IN": sorted(words["after_title"])}, "IS_LOWER": True}]])
    return matcher


def _phrase_matcher(context: ExtractorContext, before: list, platforms: set[str]) -> PhraseMatcher:
    phrases = PhraseMatcher(context.nlp.vocab, attr="LOWER")
    phrases.add("before_title", [context.nlp.make_doc(" ".join(words)) for words in before])
    phrases.add("platform", [context.nlp.make_doc(p) for p in platforms])
    return phrases


def _gazetteer(context: ExtractorContext, path: Path | None) -> tuple[PhraseMatcher, dict[str, str]]:
    """The known works of a JSONL file, one {"title": ..., "work_type": ...} a line (none without a path)."""
    matcher = PhraseMatcher(context.nlp.vocab)
    work_types: dict[str, str] = {}
    if path is None:
        return matcher, work_types
    docs = []
    for number, entry in read_pattern_jsonl(path, "extractors.titles.gazetteer"):
        try:
            title, work_type = entry["title"], entry.get("work_type", "other")
        except (KeyError, TypeError):
            raise ConfigError(f"extractors.titles.gazetteer: {path}:{number} must be "
                              f'{{"title": ..., "work_type": ...}}') from None
        if work_type not in WORK_TYPES:
            raise ConfigError(f"extractors.titles.gazetteer: {path}:{number}: unknown work_type {work_type!r}")
        work_types[normalize_key(title)] = work_type
        docs.append(context.nlp.make_doc(title))
    matcher.add("known_work", docs)
    return matcher, work_types


def _one_regex(patterns: tuple[str, ...]) -> re.Pattern | None:
    """fnmatch patterns as one regex whose `match` finds a name any of them matches (fnmatchcase's translation)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(pattern)})" for pattern in patterns))


def load_lexicon(context: ExtractorContext, patterns: str, gazetteer: str, max_words: int) -> TitleLexicon:
    """Read the cue-word file and the gazetteer named by the options; errors name the option."""
    path = context.resolve(patterns)
    where = f"extractors.titles.patterns ({path})"
    data = read_pattern_toml(path, "extractors.titles.patterns")
    cue_type = _cue_types(data, where)
    connectors = _lower_set(data, "connectors", where)
    words = {name: _lower_set(data, name, where) for name in ("post_verbs", "work_parts", "creator_nouns")}
    platforms = {normalize_key(w) for w in _words(data, "platforms", where)}
    not_titles = tuple(normalize_key(w) for w in _words(data, "not_titles", where))
    words["after_title"] = _lower_set(data, "after_title", where)
    matcher = _token_matcher(context.nlp.vocab, cue_type, words)
    phrases = _phrase_matcher(context, _words(data, "before_title", where), platforms)
    known, known_types = _gazetteer(context, context.resolve(gazetteer) if gazetteer else None)
    return TitleLexicon(max_words=max_words, cue_type=cue_type, connectors=frozenset(connectors),
                        platforms=frozenset(platforms), not_titles=not_titles,
                        not_title_regex=_one_regex(not_titles), gazetteer_type=known_types,
                        matcher=matcher, phrases=phrases, gazetteer=known)
