"""Once a span is a title in an article, every other mention of it there is one too, in any case:
a title found once in quotation marks is found everywhere.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from ..spans import POSSESSIVE_OR_APOSTROPHE, stands_alone
from .candidates import Candidate
from .lexicon import normalize_key

# Words after a title that still belong to its mention only as a label: "Squid Game Season 2".
LABEL_WORDS = frozenset({"season", "series", "part", "episode", "vol", "volume"})


def _opens_a_clause(token: Token) -> bool:
    """"Joining Vera Drake and ...": a capitalized verb, adverb or preposition before a title starts
    the sentence; it is no part of the title's name."""
    return token.pos_ in ("VERB", "ADV", "ADP", "SCONJ", "AUX")


def _owner_glued_before(doc: Doc, start: int) -> int:
    """Where the word before doc[start] ends, counting a possessive glued to it ("Dead Man's" before
    "Shoes"): the owner's capital then continues the name, as the marker's would not."""
    if start >= 2 and doc[start - 1].lower_ in POSSESSIVE_OR_APOSTROPHE and not doc[start - 2].whitespace_:
        return start - 1
    return start


def _in_capitals(token: Token) -> bool:
    """A content word in capitals: "CAPTAIN" in a wire headline, "HBO" before "'s"."""
    return token.is_upper and token.is_alpha and token.lower_ not in STOP_WORDS


def mention_stands_alone(doc: Doc, start: int, end: int) -> bool:
    """text[start:end] is no piece of a longer name: "Marlow" inside "Edgar Marlow" is no mention of
    the film Marlow, nor "Shoes" inside "Dead Man's Shoes", nor "Tiger King" inside "Tiger King 2".

    The shared rule counts title-case words only; here a word in capitals continues a name too, so a
    title found in an article's body is no mention inside its all-caps headline ("ENGLAND CAPTAIN").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    first, last = _owner_glued_before(doc, span.start), span.end
    if first > 0 and _in_capitals(doc[first - 1]) and not _opens_a_clause(doc[first - 1]):
        return False
    if last < len(doc) and _in_capitals(doc[last]) and doc[last].lower_ not in LABEL_WORDS:
        return False
    return stands_alone(doc, first, last, word_before_may_be=_opens_a_clause, words_after_allowed=LABEL_WORDS,
                        number_after_continues=True)


def occurrences(doc: Doc, text: str, key: str) -> Iterator[tuple[int, int]]:
    """Every mention of a title, in any case; one word only where it starts with a capital or a digit."""
    words = key.split()
    body = r"\s+".join(re.escape(w).replace("'", "['’]") for w in words)
    single = len(words) == 1
    pattern = re.compile(rf"(?<![\w'’-]){body}(?![\w-])", re.IGNORECASE)
    for match in pattern.finditer(text):
        start, end = match.span()
        found = text[start:end]
        if single and not (found[0].isupper() or found[0].isdigit()):
            continue
        if mention_stands_alone(doc, start, end):
            yield start, end


def propagated(doc: Doc, text: str, chosen: Iterable[Candidate]) -> list[Candidate]:
    """Every other mention of a title already found, as a candidate of its own."""
    chosen = list(chosen)
    taken = [(c.start, c.end) for c in chosen]
    found: list[Candidate] = []
    for key in dict.fromkeys(normalize_key(text[c.start:c.end]) for c in chosen if c.rule != "propagated"):
        for start, end in occurrences(doc, text, key):
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append(Candidate(start, end, "propagated", None, "rule:propagated"))
    return found
