"""Token rules that several extractors share: possessives, a year in brackets, a name standing alone.

Each rule lives here once. An extractor that needs a variant passes a keyword, so
the differences between extractors are visible at the call, not hidden in a copy.
"""
from __future__ import annotations

import re
from typing import Callable, Collection

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

# The possessive marker as the tokenizer splits it off, with the apostrophe typed three ways.
POSSESSIVE_MARKERS = frozenset({"'s", "’s", "‘s"})
# ... and with the bare apostrophe that ends a plural's possessive ("the Beatles' album").
POSSESSIVE_OR_APOSTROPHE = POSSESSIVE_MARKERS | {"'", "’"}


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins the tokens again on every `doc.text`, and the rules ask often."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "pipeline.text"


def is_possessive(token: Token) -> bool:
    """The token is a possessive marker ("'s", "’s", "‘s"), in any case."""
    return token.lower_ in POSSESSIVE_MARKERS


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


def capitalized_word(token: Token) -> bool:
    """A capitalized word that is not a function word: what continues a name ("Holmes Place")."""
    return token.is_title and token.is_alpha and token.lower_ not in STOP_WORDS


def _opens_sentence(token: Token) -> bool:
    return bool(token.is_sent_start)


def stands_alone(doc: Doc, start: int, end: int, *,
                 word_before_may_be: Callable[[Token], bool] = _opens_sentence,
                 words_after_allowed: Collection[str] = (),
                 number_after_continues: bool = False,
                 continues_name: Callable[[Token], bool] = capitalized_word) -> bool:
    """doc[start:end] is not a piece of a longer capitalized name: "Holmes" alone, not "Holmes Place".

    A capitalized word on either side continues the name, except
    - before: a word `word_before_may_be` accepts (by default one that opens the sentence,
      since every sentence's first word is capitalized);
    - after: a word in `words_after_allowed` (lower case), e.g. "season" after a series;
    and with `number_after_continues` a number after it makes another name ("Tiger King 2").
    `continues_name` says which neighbour continues a name: by default a title-case content word;
    a caller that reads the words as written (glued possessives, capitals) passes its own test.
    """
    if end < len(doc):
        after = doc[end]
        if number_after_continues and after.like_num:
            return False
        if continues_name(after) and after.lower_ not in words_after_allowed:
            return False
    if start > 0:
        before = doc[start - 1]
        if continues_name(before) and not word_before_may_be(before):
            return False
    return True


def surname_aliases(people) -> dict[str, str]:
    """A one-word person id -> the full name's id, when exactly one full name of the article ends so
    ("person/thorne" -> "person/maya-thorne"), so a link to a lone surname lands on the canonical node."""
    by_last: dict[str, set[str]] = {}
    for person in people:
        entity = (person.value.get("entity") if isinstance(person.value, dict) else None) or ""
        parts = entity.removeprefix("person/").split("-")
        if len(parts) > 1:
            by_last.setdefault(parts[-1], set()).add(entity)
    return {f"person/{last}": next(iter(full)) for last, full in by_last.items() if len(full) == 1}
