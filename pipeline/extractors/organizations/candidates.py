"""Where an organisation can be: the base model's ORG and the trained NER's ORG, merged and trimmed.

A span both models tag is the strongest candidate; the trained NER's bounds win where they differ (it
reads "Labour Democrats" where the base model stops at "Labour"). Trimming removes what the models take
into a name: a leading "the", a trailing possessive, a line break and what follows it, a sentence's
opening common noun before "of" ("Customers of Hollis Bank").
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import Callable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..casing import in_caps_line, in_title_case_line
from ..spans import POSSESSIVE_OR_APOSTROPHE, doc_index, stands_alone, text_of

ORG_LABEL = "ORG"
# Words a model takes into the front of a name that are not part of it.
_LEADING = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
# Words a model runs a name into at its end.
_TRAILING = frozenset({"for", "of", "and", "or", "in", "on", "at", "to", "by", "with", "from", "as", "the"})


@dataclass(frozen=True)
class Candidate:
    start: int  # token offsets, end exclusive
    end: int
    source: str  # "both", "trained", "ner" (the base model), "known" (the list of well-known names), "ending" (a
    # name ending in an organisation word), "noun" (a name after an organisation noun), "propagated"


def model_candidates(doc: Doc, read_trained: bool) -> list[Candidate]:
    """The ORG spans of both models, trimmed, one per stretch of text: a trained span overlapping a base one
    is "both" (with the trained bounds), the others keep their model's name."""
    index = doc_index(doc)
    base = [(start, end) for start, end, label in index.entity_bounds if label == ORG_LABEL]
    trained = [(start, end) for start, end, label in index.trained_bounds if label == ORG_LABEL] \
        if read_trained else []
    raw = []
    for start, end in trained:
        confirmed = any(b_start < end and start < b_end for b_start, b_end in base)
        raw.append(Candidate(start, end, "both" if confirmed else "trained"))
    for start, end in base:
        if not any(t_start < end and start < t_end for t_start, t_end in trained):
            raw.append(Candidate(start, end, "ner"))
    trimmed = (trim(doc, candidate) for candidate in raw)
    return sorted((c for c in trimmed if c is not None), key=lambda c: (c.start, c.end))


def trim(doc: Doc, candidate: Candidate) -> Candidate | None:
    """The candidate without what is not part of a name, or None where nothing of a name is left."""
    start, end = candidate.start, candidate.end
    texts, lowers = doc_index(doc).texts, doc_index(doc).lowers
    for index in range(start, end):  # a line break ends a name: "Vireo-Halvern\nJuan Esteban"
        if "\n" in texts[index]:
            end = index
            break
    of = next((i for i in range(start, end) if lowers[i] == "of"), None)
    if of is not None and all(doc[i].pos_ in ("NOUN", "ADJ", "VERB", "DET") for i in range(start, of)):
        start = of + 1  # "Customers of Hollis Bank"
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct
                           or (doc[start].is_stop and doc[start].pos_ != "PROPN")):
        start += 1  # "the Official Charts Company", "Unless Warner Bros. Discovery ..."
    while end > start and (doc[end - 1].lower_ in _TRAILING or doc[end - 1].lower_ in POSSESSIVE_OR_APOSTROPHE
                           or (doc[end - 1].is_punct and doc[end - 1].text not in "+!")):
        end -= 1  # "the Civic Alliance's", "Sofia Lindqvist for"; "Disney+" and "Yahoo!" keep theirs
    if end - start > 0 and doc[end - 1].text.endswith(("'s", "’s")) and len(doc[end - 1]) > 2:
        return None  # a possessive the tokenizer left glued on: no clean bounds
    span = doc[start:end]
    if not span or not any(char.isupper() for char in span.text) or all(t.is_punct or t.is_digit for t in span):
        return None
    return Candidate(start, end, candidate.source)


def known_candidates(doc: Doc, matcher: PhraseMatcher, is_common_word: Callable[[str], bool]) -> list[Candidate]:
    """Well-known names neither model tagged ("Hulu" in a list of platforms), written as names (capitals), not
    part of a longer name ("Apple Music"), and, where the name is an everyday word ("Variety", "Sky"), not the
    first word of a sentence."""
    found = []
    for _, start, end in matcher(doc):
        span = doc[start:end]
        if not all(t.is_title or t.is_upper or not t.is_alpha for t in span) or not stands_alone(doc, start, end):
            continue
        first = span[0]
        opens = first.is_sent_start or start == 0 or doc[start - 1].is_space
        if len(span) == 1 and opens and is_common_word(first.text):
            continue
        found.append(Candidate(start, end, "known"))
    return found


# Longest name the rules below read, in words: "West Yorkshire Police", "Gold Fields of South Africa Ltd".
MAX_NAME_WORDS = 5
# Base-model labels of a one-word name after an organisation noun that make it no name: "the streaming
# service Friday, including ..." (a day).
NOT_NAME_LABELS = frozenset({"DATE", "TIME"})


def named_by_ending(doc: Doc, endings: frozenset[str]) -> list[Candidate]:
    """Names no model tagged that end in an organisation word: "Northlight Interactive", "Marlowe Air",
    "Gold Fields of South Africa Ltd"; proper nouns only, outside title-case lines (headlines capitalize every
    word)."""
    found = []
    text = text_of(doc)
    for index in doc_index(doc).where_lower_in(endings):  # most words end no name
        if index == 0:
            continue
        token = doc[index]
        if not (token.is_title or token.is_upper):
            continue
        start, words = token.i, 1
        while start > 0 and words < MAX_NAME_WORDS:
            if _name_word(doc[start - 1]):
                start -= 1
            elif doc[start - 1].lower_ == "of" and start > 1 and _name_word(doc[start - 2]):
                start -= 2  # "Gold Fields of South Africa Ltd"
            else:
                break
            words += 1
        if start < token.i and stands_alone(doc, start, token.i + 1) \
                and not _after_a_capitalized_stop_word(doc, start) \
                and not _in_a_headline_line(text, doc[start].idx, token.idx + len(token)):
            found.append(Candidate(start, token.i + 1, "ending"))
    return found


def after_an_organization_noun(doc: Doc, nouns: frozenset[str]) -> list[Candidate]:
    """Names no model tagged right after an organisation noun: "the Finnish studio Kallio Games", "the
    private equity firm Bexley Partners", "the regulator Ofcom"; proper nouns only, outside title-case lines."""
    found = []
    text = text_of(doc)
    for index in doc_index(doc).where_lower_in(nouns):  # most words are no organisation noun
        if index == len(doc) - 1:
            continue  # the last token: no name can follow
        token = doc[index]
        if not token.is_lower:
            continue
        start = end = token.i + 1
        while end < len(doc) and end - start < MAX_NAME_WORDS and _name_word(doc[end]):
            end += 1
        if end - start == 1 and doc[start].ent_type_ in NOT_NAME_LABELS:
            continue
        if end > start and len(doc[start:end].text) > 1 \
                and stands_alone(doc, start, end, word_before_may_be=lambda before: True) \
                and not _in_a_headline_line(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])):
            found.append(Candidate(start, end, "noun"))
    return found


def _in_a_headline_line(text: str, start: int, end: int) -> bool:
    """A title-case or capitals line (a headline, a table's "CRUDE OIL" row): capitals say nothing there."""
    return in_title_case_line(text, start, end) or in_caps_line(text, start, end)


def _after_a_capitalized_stop_word(doc: Doc, start: int) -> bool:
    """"were In Good Company": a capitalized function word inside a sentence opens a title."""
    if start < 2:
        return False
    before = doc[start - 1]
    return before.is_title and before.is_stop and not before.is_sent_start and not doc[start - 2].is_space


def _name_word(token) -> bool:
    """A capitalized proper noun that is no function word: what the rules take into a name."""
    return token.pos_ == "PROPN" and (token.is_title or token.is_upper) and not token.is_stop and token.is_alpha


def shown_by_what_it_does(doc: Doc, company_nouns: frozenset[str], company_verbs: frozenset[str],
                          work_nouns: frozenset[str]) -> list[Candidate]:
    """One-word names (and proper-noun compounds) that act as only a company acts, whatever a model read them
    as: "Streamline's subscribers", "where Streamline has 82 million subscribers", "Streamline raised the price
    of its plan", "Streamline has renewed the fantasy drama W". Outside title-case lines."""
    found = []
    text = text_of(doc)
    for index in doc_index(doc).capitalized_words:  # _name_word's test on the strings: most tokens are none
        token = doc[index]
        if not _name_word(token) or token.ent_type_ in ("PERSON", "DATE", "TIME", "NORP"):
            continue
        if not (_owns_a_company_noun(doc, token, company_nouns) or _acts_as_a_company(token, company_nouns,
                                                                                      company_verbs, work_nouns)):
            continue
        start = token.i
        while start > 0 and token.i - start < MAX_NAME_WORDS - 1:
            before = doc[start - 1]
            if _name_word(before) and start - 1 <= before.head.i <= token.i:  # "North Atlantic Treaty Organisation"
                start -= 1
            elif before.text == "&" and start > 1 and _name_word(doc[start - 2]):  # "Douglas & Lomason"
                start -= 2
            else:
                break
        end = token.i + 1
        while end + 1 < len(doc) and doc[end].text == "&" and _name_word(doc[end + 1]):  # "Douglas & Lomason"
            end += 2
        if not _in_a_headline_line(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) \
                and not any(c.start <= start < c.end for c in found):
            found.append(Candidate(start, end, "context"))
    return found


def _owns_a_company_noun(doc: Doc, token, company_nouns: frozenset[str]) -> bool:
    """"Streamline's subscribers", "Apple's chief executive"."""
    after = token.i + 1
    if after + 1 >= len(doc) or doc[after].tag_ != "POS":
        return False
    owned = doc[after].head if doc[after].head is not token else doc[after + 1]
    return owned.lower_ in company_nouns or doc[after + 1].lower_ in company_nouns


def _acts_as_a_company(token, company_nouns: frozenset[str], company_verbs: frozenset[str],
                       work_nouns: frozenset[str]) -> bool:
    """The subject of a company's verb with a company's object ("raised the price", "renewed the drama W",
    "added 8.9 million subscribers"), or of `have` with a company's noun ("has 82 million subscribers")."""
    if token.dep_ != "nsubj":
        return False
    verb = token.head
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    if verb.lemma_.lower() == "have":
        return any(obj.lower_ in company_nouns for obj in objects)
    if verb.lemma_.lower() not in company_verbs:
        return False
    return any(obj.lower_ in company_nouns or obj.lemma_.lower() in work_nouns for obj in objects)
