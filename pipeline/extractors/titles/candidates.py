"""Where a title can be found without a cue word: in quotation marks, in the gazetteer of known
works, in the model's WORK_OF_ART entities and on the lines of a streaming chart.

A `Candidate` is a character span with the rule that found it; `cues.py` and `lists.py` add the
candidates that cue words and lists point at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc

from ..spans import doc_index, stands_alone, text_of
from .filters import end_before_credit, has_person, is_person_name
from .lexicon import TitleLexicon, normalize_key
from .shape import is_title_word, quote_looks_like_title, starts_sentence, trimmed


@dataclass
class Candidate:
    start: int  # character offsets
    end: int
    rule: str  # quoted | cue | gazetteer | trained | model | propagated
    work_type: str | None  # mutable: a weaker rule's candidate for the same span may still tell it
    detail: str


# Paired quotation marks. Single quotes must not touch a letter outside, so the
# apostrophes of "it's" and "Dead Man's Shoes" never open or close a quote.
QUOTED = [
    re.compile(r"“\s*([^“”\n]{1,150}?)\s*”"),
    re.compile(r"(?<![\w\"])\"\s*([^\"\n]{1,150}?)\s*\"(?!\w)"),
    re.compile(r"(?<![\w'‘’])[‘']((?:[^'‘’\n]|['’](?=[a-z])){1,150}?)[’'](?![\w'’])"),
]
# "1. The Long Night (Prime Video)" on a line of its own, as streaming charts print their rankings.
CHART_ENTRY = re.compile(r"(?m)^[ \t]*\d{1,2}[.)][ \t]+(?P<name>[^\n()]{2,80}?)[ \t]*\((?P<platform>[^()\n]{2,40})\)[ \t]*$")


def quoted(lexicon: TitleLexicon, text: str) -> Iterator[Candidate]:
    """'Crash Landing on You', “Elemental,”: quoted words that read as a title (not speech)."""
    for pattern in QUOTED:
        for match in pattern.finditer(text):
            content = match.group(1)
            start = match.start(1) + (len(content) - len(content.lstrip()))
            end = match.end(1) - (len(content) - len(content.rstrip()))
            while end > start and text[end - 1] in ",.;":
                end -= 1
            if quote_looks_like_title(lexicon, text[start:end]):
                yield Candidate(start, end, "quoted", None, "quoted_title")


def modelled(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """The model's WORK_OF_ART entities that look like a title."""
    for start, end, label in doc_index(doc).entity_bounds:
        if label != "WORK_OF_ART":
            continue
        span = trimmed(lexicon, doc, start, end)
        if span is None or not is_title_word(span[0]) or not quote_looks_like_title(lexicon, span.text):
            continue
        if "," in span.text or has_person(span):
            continue  # "The Weathervane, Margaret Ashdown": the model ran a title into its author
        yield Candidate(span.start_char, span.end_char, "model", None, "ner:WORK_OF_ART")


def known(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """Works of the gazetteer, where they are not a piece of a longer name ("Tiger King 2")."""
    for _, start, end in lexicon.gazetteer(doc):
        span = doc[start:end]
        if len(span) == 1 and starts_sentence(span[0]):
            continue  # "Imagine the scene": one capitalized word opening a sentence proves nothing
        if not stands_alone(doc, start, end, number_after_continues=True):
            continue
        yield Candidate(span.start_char, span.end_char, "gazetteer",
                        lexicon.gazetteer_type.get(normalize_key(span.text)), "gazetteer")


def chart_entries(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """Ranked chart lines: "2. Silver Lake (Netflix)" - a rank, a name, the platform it streams on."""
    for line in CHART_ENTRY.finditer(text_of(doc)):
        if normalize_key(line.group("platform")) not in lexicon.platforms:
            continue
        span = doc.char_span(line.start("name"), line.end("name"), alignment_mode="contract")
        if span is None or not is_title_word(span[0]) or not quote_looks_like_title(lexicon, span.text):
            continue
        if is_person_name(span) or normalize_key(span.text) in lexicon.platforms:
            continue
        yield Candidate(span.start_char, span.end_char, "cue", None, "cue:chart_entry")


def without_credit(doc: Doc, candidate: Candidate) -> Candidate:
    """"The Salt Road by Ann Lee" -> "The Salt Road"; a quoted title is kept whole."""
    if candidate.rule == "quoted":
        return candidate
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return candidate
    by = end_before_credit(span)
    if by is None:
        return candidate
    last = doc[by - 1]
    return Candidate(candidate.start, last.idx + len(last.text), candidate.rule, candidate.work_type, candidate.detail)
