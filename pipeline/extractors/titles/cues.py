"""Titles that a cue word points at: "the series X", "X premiered", "HBO's X", "X's second season",
"X director Ana Morales", "starring in X", "X (1984)", "X by Ann Lowe", "Tom Ellery (X)".

The cue words are the lexicon's matchers; each rule finds the title-case run on the cue's side
and drops it if it is something else (a place, a person, a company).
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc

from ..spans import POSSESSIVE_OR_APOSTROPHE, after_possessive, doc_index, is_possessive, year_in_brackets
from .candidates import Candidate
from .filters import (after_owner, cites_pages, has_person, is_named_other, is_org, is_person_name,
                      is_unlabelled_name, is_verb_use, may_stand_in_possessed_title, starts_person)
from .lexicon import TitleLexicon, normalize_key
from .shape import run_left, run_right, split_list, starts_sentence

# Words that may stand between an apposition's comma and its cue noun: "X, a sailing comedy".
APPOSITION_OPENERS = ("a", "an", "the", "his", "her", "their", "its")


def cued(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """Every title a cue word marks, in the order: token cues, phrase cues, possessives, brackets."""
    yield from _token_cues(lexicon, doc)
    yield from _phrase_cues(lexicon, doc)
    yield from possessed(lexicon, doc)
    yield from in_brackets_after_name(lexicon, doc)
    yield from dated_or_credited(lexicon, doc)


def _token_cues(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    for match_id, start, end in lexicon.matcher(doc):
        rule = doc.vocab.strings[match_id]
        if rule == "cue_noun":
            if is_verb_use(doc, start):
                continue
            yield from after_cue_noun(lexicon, doc, start)
            yield from apposition_before(lexicon, doc, start)
            continue
        if rule == "after_title" and end < len(doc) and doc[end].text in ("-", "‐") and not doc[start].whitespace_:
            continue  # "film-makers" is no film
        title_end = start
        if rule == "post_verb" and start >= 2 and doc[start - 1].lower_ == "which" and doc[start - 2].text == ",":
            title_end = start - 2  # "Squid Game, which premiered ..."
        span = run_left(lexicon, doc, title_end)
        if span is None or is_named_other(lexicon, span):
            continue
        if rule in ("post_verb", "after_title") and has_person(span):
            continue
        if rule == "after_title" and is_org(span):
            continue
        if rule == "creator_noun" and len(span) == 1 and starts_sentence(span[0]) and span[0].pos_ != "PROPN":
            continue  # "Creative director Ingrid Solberg"
        work_type = lexicon.cue_type.get(doc[start].lower_) if rule == "after_title" else None
        yield Candidate(span.start_char, span.end_char, "cue", work_type, f"cue:{rule}")


def _phrase_cues(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    for match_id, start, end in lexicon.phrases(doc):
        rule = doc.vocab.strings[match_id]
        if rule == "before_title":
            span = run_right(lexicon, doc, end)
            if span is None or after_possessive(doc, span.end) is not None:
                continue  # "an adaptation of Ann Lee's novel": the owner, not the work
            span = after_owner(span)  # "an adaptation of Ann Lee's The Salt Road": the work alone
            if not is_named_other(lexicon, span) and not is_person_name(span):
                yield Candidate(span.start_char, span.end_char, "cue", None, "cue:before_title")
        elif rule == "platform" and end + 1 < len(doc) and is_possessive(doc[end]):
            span = run_right(lexicon, doc, end + 1)
            if span is not None and not is_named_other(lexicon, span) and not starts_person(span):
                yield Candidate(span.start_char, span.end_char, "cue", None, "cue:platform_possessive")


def after_cue_noun(lexicon: TitleLexicon, doc: Doc, cue: int) -> Iterator[Candidate]:
    """'the series Squid Game', 'his latest movie, Driftwood,', 'TV shows Star Search and The Big Quiz'."""
    work_type = lexicon.cue_type[doc[cue].lower_]
    start = cue + 1
    if start < len(doc) and doc[start].text == ",":
        start += 1
    while start < len(doc) and doc[start].is_quote:
        start += 1
    span = run_right(lexicon, doc, start)
    if span is None or normalize_key(span.text) in lexicon.platforms:
        return
    if start > cue + 1 and is_named_other(lexicon, span, allow_dates=True):
        return  # only a cue right before the span outweighs the model's place or nationality label
    if span.end < len(doc) and is_possessive(doc[span.end]):
        return  # "the top film, Ice Cube's comedy": the name owns the next work
    plural = doc[cue].tag_ in ("NNS", "NNPS") or (doc[cue].lower_.endswith("s") and doc[cue].lower_ != "series")
    for part in split_list(span) if plural else [span]:
        yield Candidate(part.start_char, part.end_char, "cue", work_type, f"cue:{doc[cue].lower_}")


def apposition_before(lexicon: TitleLexicon, doc: Doc, cue: int) -> Iterator[Candidate]:
    """'Driftwood, a sailing comedy starring ...', 'X, the zombie thriller'."""
    index = cue - 1
    while index > 0 and cue - index <= 8 and doc[index].text != ",":
        token = doc[index]
        hyphenated = doc[index - 1].text == "-" or (index + 1 < len(doc) and doc[index + 1].text == "-")
        if token.is_punct and token.text != "-" or token.pos_ in ("AUX", "PRON", "ADP") \
                or (token.pos_ == "VERB" and not hyphenated):
            return
        index -= 1
    if index <= 0 or doc[index].text != "," or doc[index + 1].lower_ not in APPOSITION_OPENERS:
        return
    span = run_left(lexicon, doc, index)
    if span is not None and not is_named_other(lexicon, span) and not is_person_name(span):
        yield Candidate(span.start_char, span.end_char, "cue", lexicon.cue_type[doc[cue].lower_], "cue:apposition")


def _possessor_may_own_a_title(doc: Doc, marker: int) -> bool:
    """A person, a company, an unlabelled name or a year before the marker ("1981's Stop the Dominoes");
    never a place ("London's Mean Fiddler": a place's venue)."""
    owner = doc[marker - 1]
    a_year = re.fullmatch(r"(1[5-9]|20)\d\d", owner.text) is not None
    if a_year:
        return True
    if owner.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "DATE"):
        return False
    return owner.ent_type_ in ("PERSON", "ORG") or is_unlabelled_name(doc, marker)


def possessed(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """"Olivia Rodrigo's Sour is at #3", "Angel Studios' Sketch opened": a name's work, then a verb."""
    for marker in (doc[i] for i in doc_index(doc).where_lower_in(POSSESSIVE_OR_APOSTROPHE)):
        if marker.i == 0 or marker.i + 1 >= len(doc):
            continue
        if not _possessor_may_own_a_title(doc, marker.i):
            continue
        owner = doc[marker.i - 1]
        index = after_possessive(doc, marker.i) or marker.i + 1  # token-joined text: "Marlow ' s Salt Psalms"
        if index < len(doc) and doc[index].text == "(":  # "Disney's (NYSE:DIS) Freakier Friday"
            close = next((t.i for t in doc[index:index + 8] if t.text == ")"), None)
            index = close + 1 if close is not None else index
        span = run_right(lexicon, doc, index)
        if span is None or span.end >= len(doc) or is_named_other(lexicon, span):
            continue
        if not all(may_stand_in_possessed_title(t, owner, span) for t in span):
            continue
        following = doc[span.end]
        if following.pos_ in ("VERB", "AUX") or following.text in (",", ".", ";"):
            yield Candidate(span.start_char, span.end_char, "cue", None, "cue:possessive")


def in_brackets_after_name(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """Award lists: "Tom Ellery (Salt Roads), Ana Lind (Blue Harbour)"."""
    for _, end, label in doc_index(doc).entity_bounds:
        if label != "PERSON" or end + 2 >= len(doc) or doc[end].text != "(":
            continue
        span = run_right(lexicon, doc, end + 1)
        if span is None or span.end >= len(doc) or doc[span.end].text != ")":
            continue
        if is_named_other(lexicon, span) or is_org(span) or is_person_name(span):
            continue
        if any(t.ent_type_ in ("GPE", "NORP", "LOC", "ORG", "PERSON") for t in span):
            continue
        yield Candidate(span.start_char, span.end_char, "cue", None, "cue:bracketed_after_name")


def _credited_to_person(doc: Doc, index: int) -> bool:
    """doc[index] is "by" and a person's name starts right after it."""
    return (doc[index].lower_ == "by" and index + 1 < len(doc) and doc[index + 1].ent_iob_ == "B"
            and doc[index + 1].ent_type_ == "PERSON")


def dated_or_credited(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """Reference style: "Harbour of Stars (1984)", "Glass Recital by Ann Lowe"."""
    index = doc_index(doc)
    # What either cue opens with, found on the strings.
    for token in (doc[i] for i in sorted(index.where_text_in(("(",)) + index.where_lower_in(("by",)))):
        if year_in_brackets(doc, token.i):
            if cites_pages(doc, token.i + 3):
                continue  # "Hartmann ( 1998 ) , p.22": an author and year cited, not a work
            rule = "cue:dated"
        elif _credited_to_person(doc, token.i):
            rule = "cue:credited"
        else:
            continue
        span = run_left(lexicon, doc, token.i)
        if span is None or is_named_other(lexicon, span) or is_org(span):
            continue
        if is_person_name(span) or (rule == "cue:credited" and has_person(span)):
            continue
        if span[0].ent_type_ in ("GPE", "NORP", "LOC", "FAC", "EVENT", "DATE"):
            continue  # "Paris (1920)", "the Olympics (1996)": a place or an event with its year
        yield Candidate(span.start_char, span.end_char, "cue", None, rule)
