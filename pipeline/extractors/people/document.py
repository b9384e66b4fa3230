"""The per-document objects: a span that may name a person, and what one document shows about names.

Both are made per call and passed along, so the extractor keeps no state about a document on itself
and one extractor can serve several documents at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...mention import Found
from ..spans import doc_index

Titles = list[tuple[int, int, str | None]]  # (start char, end char, title entity) of the titles found, in order


def overlaps_a_title(start_char: int, end_char: int, titles: Titles) -> bool:
    """The characters start_char:end_char share at least one with a title found."""
    return any(s < end_char and start_char < e for s, e, _ in titles)


# The sources that are a model's PERSON (the base model's, the trained NER's): the same filters hold for both.
MODEL_SOURCES = ("ner", "trained")


@dataclass
class Candidate:
    start: int  # token indexes into the doc, end exclusive
    end: int
    source: str  # the rule that found it: "ner", "trained", "initials", "byline", "table", "cue", "subject", "list", ...
    roles: list = field(default_factory=list)


@dataclass
class DocEvidence:
    """What one call learns about its document: its titles, and the names it shows are no people."""

    titles: Titles = field(default_factory=list)
    title_texts: set[str] = field(default_factory=set)
    title_starts: set[int] = field(default_factory=set)  # character offsets
    title_ends: set[int] = field(default_factory=set)
    surnames_of_full_names: set[str] = field(default_factory=set)  # last words of the model's longer PERSONs
    not_people: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)  # the part of not_people that the text shows ("X have"), not votes


def doc_evidence(doc: Doc, text: str, found: Found) -> DocEvidence:
    """The evidence known before the people rules run: the titles found earlier and the model's full names."""
    titles = sorted((m.start, m.end, m.value.get("entity")) for m in found.get("title", []))
    return DocEvidence(titles=titles, title_texts={text[m.start:m.end].lower() for m in found.get("title", [])},
                       title_starts={start for start, _, _ in titles}, title_ends={end for _, end, _ in titles},
                       surnames_of_full_names={e[-1].text for e in doc_index(doc).ents
                                               if e.label_ == "PERSON" and len(e) > 1})
