"""Lists of names: "Paul Dano, Brie Larson and Rebecca Hall" are all people when one of them is."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable

from spacy.tokens import Doc

from ..spans import doc_index
from .document import Candidate, DocEvidence
from .filters import is_other_entity, is_person_like, overlaps_title
from .rules import PeopleRules

# Parts of speech that open no name, though the word may be capitalized ("Like", "Every").
NOT_A_NAME_START = ("VERB", "ADV", "ADP", "DET", "PRON", "AUX", "SCONJ", "CCONJ", "ADJ")


def list_item(rules: PeopleRules, doc: Doc, start: int) -> int:
    """End of a 1-4 word capitalized name starting at `start`, or 0."""
    if doc[start].pos_ in NOT_A_NAME_START:
        return 0
    end = start
    while end < len(doc) and end - start < 5:
        token = doc[end]
        if token.is_alpha and token.is_title and token.lower_ not in rules.not_name_words:
            end += 1
        elif token.text in ("-", "‐") and end > start and not doc[end - 1].whitespace_ \
                and end + 1 < len(doc) and doc[end + 1].is_alpha and not token.whitespace_:
            end += 2
        elif token.text == "." and end > start and len(doc[end - 1]) == 1:
            end += 1  # an initial: "J. R. R. Tolkien"
        else:
            break
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return end if 0 < end - start <= 4 else 0


def _list_at(rules: PeopleRules, doc: Doc, index: int, sentence_end: int) -> tuple[list[tuple[int, int]], int]:
    """The items (start, end) of a list of names "A, B and C" starting at doc[index], and the index after it.
    A list of fewer than three items that is not closed by "and" has no items."""
    items, cursor, closed = [], index, False
    while cursor < sentence_end and not closed:
        end = list_item(rules, doc, cursor)
        if not end:
            break
        items.append((cursor, end))
        cursor = end
        if cursor < sentence_end and doc[cursor].text == ",":
            cursor += 1
            if cursor < sentence_end and doc[cursor].lower_ in ("and", "&"):
                cursor += 1
                closed = True
        elif cursor < sentence_end and doc[cursor].lower_ in ("and", "&"):
            cursor += 1
            closed = True
        else:
            break
    last = list_item(rules, doc, cursor) if closed and cursor < sentence_end else 0
    if last:
        items.append((cursor, last))
        cursor = last
    elif len(items) < 3:
        items = []
    return items, cursor


def name_list_members(rules: PeopleRules, doc: Doc, people: list[Candidate],
                      evidence: DocEvidence) -> Iterable[Candidate]:
    """'Paul Dano, Brie Larson and Rebecca Hall': every item of a list that holds a person, unless an item
    is a place, a listed organisation or a title."""
    known = {(c.start, c.end) for c in people}
    lowers = doc_index(doc).lowers
    # Where a name may start (list_item's first word test, on the strings): a list starts nowhere else.
    starts = [i for i in doc_index(doc).title_words if lowers[i] not in rules.not_name_words]
    for sentence in doc.sents:
        index = sentence.start
        for first in starts[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]:
            if first < index:
                continue  # inside the list read last
            index = first
            items, cursor = _list_at(rules, doc, index, sentence.end)
            if len(items) >= 3 or (len(items) == 2 and any(i in known for i in items)):
                if any(i in known for i in items) \
                        and not any(is_other_entity(rules, doc, s, e) for s, e in items) \
                        and not any(overlaps_title(doc, s, e, evidence.titles) for s, e in items):
                    for start, end in items:
                        if (start, end) not in known:
                            candidate = Candidate(start, end, "list")
                            if is_person_like(rules, doc, candidate, evidence):
                                yield candidate
            index = max(cursor, index + 1)
