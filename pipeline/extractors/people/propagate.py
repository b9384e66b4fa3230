"""Later short mentions of a full name: found again where the model missed them ("Moreno" after "Clara
Moreno"), and every mention resolved to the full name the article uses."""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..casing import in_caps_line
from ..spans import text_of
from .document import Candidate, DocEvidence, overlaps_a_title
from .filters import is_person_like
from .groups import spaced_words_pattern
from .names import name_words, stands_alone_as_name
from .rules import PeopleRules


def _search_keys(rules: PeopleRules, doc: Doc, people: list[Candidate]) -> set[str]:
    """What a later mention may repeat: a full name, its words after the first ("Jae-kyoo" of "Lee Jae-kyoo"),
    its last word, and a lowercase particle capitalized ("Van Loon"); a rule's one-word name too; and the first
    word of a name written family name first ("Wang" of "Wang Donghai": a surname that is neither a given name
    nor an everyday word, before a word that is no surname)."""
    keys = set()
    for candidate in people:
        words = name_words(doc, candidate)
        if len(words) > 1 or candidate.source != "ner":
            keys.add(" ".join(words))
        if len(words) > 1:
            keys.add(" ".join(words[1:]))
            keys.add(words[-1])
            if words[1].islower():
                keys.add(" ".join([words[1].capitalize(), *words[2:]]))
            if len(words) == 2 and rules.is_plain_surname(words[0]) and not rules.lexicon.is_surname(words[1]):
                keys.add(words[0])
    return keys


def _may_repeat(rules: PeopleRules, key: str, evidence: DocEvidence) -> bool:
    """The key is long enough and on no list of words that are no names."""
    lower = key.lower()
    return not (len(key) < rules.options.min_surname_chars or lower in rules.not_name_words
                or lower in rules.non_persons or lower in rules.job_titles or lower in evidence.not_people)


def _written_as_key(text: str, key: str) -> Iterator[tuple[int, int]]:
    """The mentions of the key that may count, in text order: the key's words in its own case, or in capitals
    inside an all-caps line, not inside a longer word. They are the matches of the case-blind pattern below
    whose text is the key (or its capitals), which `_plain_search` finds without compiling a pattern per key."""
    upper = key.upper()
    if _plain_search(key):
        found = _bounded(text, key) if upper == key else sorted([*_bounded(text, key), *_bounded(text, upper)])
        for start, end in found:
            if text[start:end] == key or in_caps_line(text, start, end):
                yield start, end
        return
    for match in re.finditer(rf"(?<![\w'’-])(?i:{spaced_words_pattern(key)})(?![\w-])", text):
        start, end = match.span()
        found_text = match.group(0)
        if found_text == key or (found_text == upper and in_caps_line(text, start, end)):
            yield start, end


def _plain_search(key: str) -> bool:
    """Plain string search finds the pattern's matches whose text is the key or its capitals, in the same order,
    for an ASCII key of single-spaced words (its case-blind matches are then its case variants) that no match
    can overlap: its first word occurs nowhere else in it, not even cut off at its end (finditer's matches do
    not overlap, so a case variant overlapping a mention would hide it)."""
    if not key.isascii() or key != " ".join(key.split()):
        return False
    lower = key.lower()
    first = lower.split()[0]
    return not any(lower.startswith(first, offset) or first.startswith(lower[offset:]) for offset in range(1, len(lower)))


def _bounded(text: str, written: str) -> list[tuple[int, int]]:
    """Where `written` stands in the text not glued to a word: no letter, digit, "_", apostrophe or hyphen
    before it, no letter, digit, "_" or hyphen after it (the pattern's look-arounds)."""
    found = []
    start = text.find(written)
    while start >= 0:
        end = start + len(written)
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not (before and (before.isalnum() or before in "_'’-")) and not (after and (after.isalnum() or after in "_-")):
            found.append((start, end))
        start = text.find(written, start + 1)
    return found


def propagated(rules: PeopleRules, doc: Doc, people: list[Candidate], evidence: DocEvidence) -> Iterable[Candidate]:
    """Later mentions the model missed: the full name again, or the surname alone, in its own case (or in
    capitals inside an all-caps line), standing alone, outside the people and titles found."""
    text = text_of(doc)
    taken = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in people]
    for key in sorted(_search_keys(rules, doc, people), key=len, reverse=True):
        if not _may_repeat(rules, key, evidence):
            continue
        if key not in text and key.upper() not in text:
            continue  # only the key's own words (or their capitals) are taken, so no match can count
        for start, end in _written_as_key(text, key):
            if any(s < end and start < e for s, e in taken) or overlaps_a_title(start, end, evidence.titles):
                continue
            span = doc.char_span(start, end)
            if span is None or not stands_alone_as_name(rules, doc, span):
                continue
            if span[0].is_sent_start and key.lower() in STOP_WORDS:
                continue
            candidate = Candidate(span.start, span.end, "propagated")
            if is_person_like(rules, doc, candidate, evidence):
                taken.append((start, end))
                yield candidate


def canonical_names(doc: Doc, people: list[Candidate]) -> dict[int, str]:
    """Each mention's full name: the nearest full mention whose words end (or start) with its words, an earlier
    one first; all-caps names in title case, hyphens closed up."""
    words_of = [name_words(doc, c) for c in people]  # each name's words, read once
    full = [(c.start, words, [w.lower() for w in words]) for c, words in zip(people, words_of) if len(words) > 1]
    canonical = {}
    for candidate, words in zip(people, words_of):
        best = None
        lowered = [w.lower() for w in words]
        for position, full_words, full_lowered in full:
            if len(full_words) <= len(words):
                continue
            if full_lowered[-len(words):] == lowered or full_lowered[:len(words)] == lowered:
                distance = (0 if position < candidate.start else 1, abs(candidate.start - position))
                if best is None or distance < best[0]:
                    best = (distance, " ".join(full_words))
        name = best[1] if best else " ".join(words)
        if name.isupper() and len(name) > 3:
            name = name.title()
        canonical[candidate.start] = name.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    return canonical
