"""Once a span is a title in an article, every other mention of it there is one too, in any case:
a title found once in quotation marks is found everywhere.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from ..spans import stands_alone, text_of
from .candidates import Candidate
from .lexicon import normalize_key

# Words after a title that still belong to its mention only as a label: "Squid Game Season 2".
LABEL_WORDS = frozenset({"season", "series", "part", "episode", "vol", "volume"})


def _opens_a_clause(token: Token) -> bool:
    """"Joining Vera Drake and ...": a capitalized verb, adverb or preposition before a title starts
    the sentence; it is no part of the title's name."""
    return token.pos_ in ("VERB", "ADV", "ADP", "SCONJ", "AUX")


def _written_word(doc: Doc, token: Token, before: bool) -> str:
    """The word as written that ends at `token` (before a match) or starts at it (after one):
    "Man's" for "'s", "Inc" for "Inc.". A word before may end in a full stop ("Mr."); none may hold
    other punctuation, so "Tags:" is no word."""
    text, joiners = text_of(doc), ("_’'.-" if before else "_’'-")
    if before:
        last = first = token.idx + len(token)
        while first > 0 and (text[first - 1].isalnum() or text[first - 1] in joiners):
            first -= 1
    else:
        first = last = token.idx
        while last < len(text) and (text[last].isalnum() or text[last] in joiners):
            last += 1
    return text[first:last]


def mention_stands_alone(doc: Doc, start: int, end: int) -> bool:
    """text[start:end] is no piece of a longer name: "Marlow" inside "Edgar Marlow" is no mention of
    the film Marlow, nor "Shoes" inside "Dead Man's Shoes", nor "Tiger King" inside "Tiger King 2".

    A title found by matching raw text is judged by the words as written beside it, not by their
    tokens: an owner with its possessive ("Man's"), a word in capitals ("CAPTAIN" in a wire headline),
    "Inc." and "I'm" all continue a name; a word glued to the match (no space between) is no neighbour.
    """
    span = doc.char_span(start, end, alignment_mode="expand")

    def continues_name(token: Token) -> bool:
        before = token.i < span.start
        if (doc[token.i] if before else doc[span.end - 1]).whitespace_ == "":
            return False  # glued to the match: "World's", a quote mark
        word = _written_word(doc, token, before)
        if not before and word[:1].isdigit():
            return True  # "Tiger King 2" is another work
        return word[:1].isupper() and word.lower() not in STOP_WORDS

    def word_before_may_be(token: Token) -> bool:
        return _opens_a_clause(token) or _written_word(doc, token, True).endswith(".")

    return stands_alone(doc, span.start, span.end, word_before_may_be=word_before_may_be,
                        words_after_allowed=LABEL_WORDS, continues_name=continues_name)


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
