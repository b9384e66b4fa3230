"""When and by whom a work came out: a title and a date tied by a release verb in one clause become
premiered_on / released_on; the platform, channel or publisher named with it becomes released_by."""
from __future__ import annotations

from typing import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from ...mention import Found
from .index import ORGANIZATION, TITLE, Entity, EntityIndex

NOUN_LINKS = {"compound", "appos", "nmod", "poss", "amod", "det", "flat"}
# "on Netflix", "by Faber", "via Apple TV+", "from Warner Bros": a release verb's source or outlet.
OUTLET_PREPOSITIONS = {"on", "by", "via", "from", "through"}


def release_dates(doc: Doc, found: Found, date_verbs: Mapping[str, str]) -> Iterator[tuple]:
    """(title mention, predicate, date mention, verb lemma) for each date a release verb ties to a title."""
    titles = [t for t in found.get("title", []) if t.value.get("entity")]
    for date in found.get("date", []):
        value = date.value.get("value")
        if date.value.get("timex_type") != "DATE" or not value or not value[:1].isdigit():
            continue
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is None:
            continue
        verb = governing_verb(span.root)
        if verb is None or verb.lemma_.lower() not in date_verbs:
            continue
        # The nearest title first: a merged heading line can put two mentions in one "sentence".
        for title in sorted(titles, key=lambda t: abs(t.start - doc[verb.i].idx)):
            title_span = doc.char_span(title.start, title.end, alignment_mode="expand")
            if title_span is None or title_span.sent != span.sent:
                continue
            if attached_to(title_span, verb):
                yield title, date_verbs[verb.lemma_.lower()], date, verb.lemma_.lower()
                break


def publishers(doc: Doc, index: EntityIndex, release_lemmas: frozenset[str],
               work_nouns: frozenset[str]) -> Iterator[tuple[Entity, Entity, str]]:
    """(work, organisation, rule): "Netflix's drama W", "W (BBC One)", "W premiered on Netflix",
    "Netflix released W", "published by Faber"."""
    for work in list(index.of_kind(TITLE)):
        organisation, rule = _owner(doc, work, index, work_nouns), "possessive_outlet"
        if organisation is None:
            organisation, rule = _bracketed_outlet(doc, work, index), "bracket_outlet"
        if organisation is None:
            organisation, rule = _outlet_of_verb(work, index, release_lemmas), "release_verb_outlet"
        if organisation is not None:
            yield work, organisation, rule


def _owner(doc: Doc, work: Entity, index: EntityIndex, work_nouns: frozenset[str]) -> Entity | None:
    """'Netflix's drama W', "Netflix's W", 'the BBC drama W': an organisation owning the work's noun."""
    position = work.span.start - 1
    while position >= 0 and (doc[position].lower_ in work_nouns or doc[position].pos_ == "ADJ"
                             or doc[position].lower_ in ("new", "hit")):
        position -= 1
    if position < 0 or position == work.span.start - 1 and doc[position].tag_ != "POS":
        return None  # nothing between: "Netflix W" alone is no ownership
    if doc[position].tag_ == "POS":
        position -= 1
    return index.at(doc[position], ORGANIZATION) if position >= 0 else None


def _bracketed_outlet(doc: Doc, work: Entity, index: EntityIndex) -> Entity | None:
    """'W (BBC One)', 'W (Netflix)': a bracket holding only an organisation."""
    end = work.span.end
    if end + 2 < len(doc) and doc[end].text == "(":
        organisation = index.at(doc[end + 1], ORGANIZATION)
        if organisation is not None and organisation.span.start == end + 1 and doc[organisation.span.end].text == ")":
            return organisation
    return None


def _outlet_of_verb(work: Entity, index: EntityIndex, release_lemmas: frozenset[str]) -> Entity | None:
    """'W premiered on Netflix', 'Netflix released W', 'W, published by Faber'."""
    verb = governing_verb(work.span.root)
    if verb is None or verb.lemma_.lower() not in release_lemmas or not attached_to(work.span, verb):
        return None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i not in range(work.span.start, work.span.end):
            organisation = index.at(child, ORGANIZATION)
            if organisation is not None:
                return organisation
        if child.dep_ in ("prep", "agent") and child.lower_ in OUTLET_PREPOSITIONS:
            for grandchild in child.children:
                organisation = index.at(grandchild, ORGANIZATION)
                if grandchild.dep_ == "pobj" and organisation is not None:
                    return organisation
    return None


def governing_verb(token: Token) -> Token | None:
    """The verb a date attaches to: through 'on'/'in' prepositions and noun modifiers."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.pos_ in {"VERB", "AUX"} or (ancestor.pos_ == "ADJ" and ancestor.lemma_ == "out"):
            return ancestor
    return None


def attached_to(title: Span, verb: Token) -> bool:
    """The title fills the verb's subject or object slot.

    The small model often parses a multi-word title as a clause of its own
    ("All of Us are Dead hit ..." gives "are" as the verb's auxiliary), so any
    title token hanging straight off the verb counts, except through a
    preposition ("on Netflix", "in X").
    """
    for token in title:
        # "released the film Quiet Harbour": climb from the name to the noun it names.
        while token.dep_ in NOUN_LINKS and token.head != verb and token.head != token:
            token = token.head
        if token.head == verb and token != verb and token.dep_ not in {"prep", "pobj", "punct", "cc", "conj"}:
            return True
    return False
