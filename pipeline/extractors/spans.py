"""Token rules that several extractors share: possessives, a year in brackets, a name standing alone.

Each rule lives here once. An extractor that needs a variant passes a keyword, so
the differences between extractors are visible at the call, not hidden in a copy.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from itertools import compress
from operator import add
from typing import Callable, Collection

from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from ..nlp import TRAINED_NER

# The possessive marker as the tokenizer splits it off, with the apostrophe typed three ways.
POSSESSIVE_MARKERS = frozenset({"'s", "’s", "‘s"})
# ... and with the bare apostrophe that ends a plural's possessive ("the Beatles' album").
POSSESSIVE_OR_APOSTROPHE = POSSESSIVE_MARKERS | {"'", "’"}


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins the tokens again on every `doc.text`, and the rules ask often."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:  # `doc.text`, joined from the index's strings (spaCy makes a Token per word to join them)
        text = doc.user_data[_TEXT_KEY] = "".join(doc_index(doc).texts_with_ws)
    return text


_TEXT_KEY = "pipeline.text"


class DocIndex:
    """What the rules ask of one Doc again and again, read once: spaCy rebuilds `doc.ents` (every entity a
    new Span) on each access and walks the tokens to a sentence's bounds on each `token.sent`.

    The extractors read a Doc without changing it (no retokenizing, no new entities), so what is read
    once stays true for the Doc's whole extraction.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self._labelled: dict[tuple[frozenset[str], bool], tuple[tuple[int, int, str], ...]] = {}

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """`doc.ents`, in order."""
        return tuple(self.doc.ents)

    @cached_property
    def entity_bounds(self) -> tuple[tuple[int, int, str], ...]:
        """(start, end, label) of each entity, in order: the tests most rules make, without a Span each time."""
        return tuple((ent.start, ent.end, ent.label_) for ent in self.ents)

    @cached_property
    def texts(self) -> list[str]:
        """Each token's text, by index: a loop over every token tests these strings before it makes a Token."""
        return list(map(self.doc.vocab.strings.__getitem__, self.doc.to_array(ORTH).tolist())) if len(self.doc) else []

    @cached_property
    def texts_with_ws(self) -> list[str]:
        """Each token's `text_with_ws`, by index: its text and the one space after it, if any."""
        spaced = self.doc.to_array(SPACY).tolist() if len(self.doc) else []
        return list(map(add, self.texts, map(("", " ").__getitem__, spaced)))

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` (start < end), joined from the strings without making a Span."""
        return "".join(self.texts_with_ws[start:end - 1]) + self.texts[end - 1]

    @cached_property
    def lowers(self) -> list[str]:
        """Each token's `lower_`, by index: spaCy's LOWER of a word is its text lowercased."""
        return list(map(str.lower, self.texts))

    @cached_property
    def capitalized_words(self) -> list[int]:
        """Indexes of the words of letters in title case or capitals ("Okafor", "BBC"; not "U2" or "McCartney"):
        what the name rules start from (`token.is_alpha and (token.is_title or token.is_upper)`), found once."""
        texts, every = self.texts, range(len(self.texts))
        # Title case or capitals picked in C first: most tokens are neither, and only those are tested further.
        cased = set(compress(every, map(str.istitle, texts))).union(compress(every, map(str.isupper, texts)))
        return [index for index in sorted(cased) if texts[index].isalpha()]

    @cached_property
    def title_words(self) -> list[int]:
        """Indexes of the capitalized words of letters in title case (`token.is_title and token.is_alpha`)."""
        texts = self.texts
        return [index for index in self.capitalized_words if texts[index].istitle()]

    def entities_labelled(self, labels: frozenset[str], trained: bool = False) -> tuple[tuple[int, int, str], ...]:
        """`entity_bounds` (or `trained_bounds`) with one of `labels`, picked once per set of labels."""
        key = (labels, trained)
        if key not in self._labelled:
            self._labelled[key] = tuple(bounds for bounds in (self.trained_bounds if trained else self.entity_bounds)
                                        if bounds[2] in labels)
        return self._labelled[key]

    def positions(self, text: str) -> list[int]:
        """Indexes of the tokens written `text`, in order."""
        return _positions_in(self.texts, text)

    def where_lower_in(self, words: Collection[str]) -> list[int]:
        """Indexes of the tokens whose `lower_` is one of `words`, in order: a rule that only starts at a few
        words finds them without a Python step per token."""
        return sorted(index for word in self._lower_set.intersection(words)
                      for index in _positions_in(self.lowers, word))

    def where_text_in(self, words: Collection[str]) -> list[int]:
        """Indexes of the tokens written as one of `words`, in order."""
        return sorted(index for word in self._text_set.intersection(words)
                      for index in _positions_in(self.texts, word))

    @cached_property
    def _lower_set(self) -> frozenset[str]:
        return frozenset(self.lowers)

    @cached_property
    def _text_set(self) -> frozenset[str]:
        return frozenset(self.texts)

    @cached_property
    def trained_spans(self) -> tuple[Span, ...]:
        """The spans of the trained NER (`doc.spans["news_ner"]`; none where it did not run), in order. Written
        by the model before any extractor, so they too hold for the whole extraction."""
        return tuple(self.doc.spans.get(TRAINED_NER, ()))

    @cached_property
    def trained_bounds(self) -> tuple[tuple[int, int, str], ...]:
        """(start, end, label) of each of `trained_spans`."""
        return tuple((span.start, span.end, span.label_) for span in self.trained_spans)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Token index of each sentence's first token, in order (as `doc.sents` cuts them), read from the
        SENT_START marks without a Span per sentence."""
        if not len(self.doc):
            return []
        marked = _positions_in(self.doc.to_array(SENT_START).tolist(), 1)
        return [0, *(index for index in marked if index > 0)]  # the first token starts one, marked or not

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        """(start, end) of the sentence holding doc[index]: `token.sent`, and `span.sent` of any span starting
        there (spaCy gives a span across a boundary its first sentence)."""
        starts = self.sentence_starts
        first = bisect_right(starts, index) - 1
        return starts[first], (starts[first + 1] if first + 1 < len(starts) else len(self.doc))


def _positions_in(values: list, value) -> list[int]:
    """Where `value` stands in the list, in order (list.index scans in C)."""
    found, index = [], -1
    try:
        while True:
            index = values.index(value, index + 1)
            found.append(index)
    except ValueError:
        return found


# The index of the Doc read last: the extractors of one document ask in turn, so one slot serves them all
# without keeping any Doc but the last alive.
_last_index: tuple[Doc | None, DocIndex | None] = (None, None)


def doc_index(doc: Doc) -> DocIndex:
    """The Doc's `DocIndex`, built on first use."""
    global _last_index
    cached_doc, index = _last_index
    if cached_doc is not doc or index is None:
        index = DocIndex(doc)
        _last_index = (doc, index)
    return index


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
