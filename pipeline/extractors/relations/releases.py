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


def release_dates(doc: Doc, found: Found, date_verbs: Mapping[str, str], index: EntityIndex) -> Iterator[tuple]:
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
            if title_span is None or index.sent(title_span) != index.sent(span):
                continue
            if attached_to(title_span, verb):
                yield title, date_verbs[verb.lemma_.lower()], date, verb.lemma_.lower()
                break


def publishers(doc: Doc, index: EntityIndex, release_lemmas: frozenset[str],
               work_nouns: frozenset[str]) -> Iterator[tuple[Entity, Entity, str]]:
    """(work, organisation, rule): "Netflix's drama W", "W (BBC One)", "W premiered on Netflix",
    "Netflix released W", "published by Faber"."""
    for work in list(index.of_kind(TITLE)):
        # "Velvet Harbour's live album W": a band owns its records as their artist (music.py), not as outlet.
        owned = work.work_type not in ("song", "album")
        organisation, rule = _owner(doc, work, index, work_nouns) if owned else None, "possessive_outlet"
        if organisation is None:
            organisation, rule = _bracketed_outlet(doc, work, index), "bracket_outlet"
        if organisation is None:
            organisation, rule = _apposed_owner(doc, work, index, work_nouns), "apposition_outlet"
        if organisation is None:
            organisation, rule = _outlet_of_verb(work, index, release_lemmas), "release_verb_outlet"
        if organisation is None:
            organisation, rule = _on_platform(work, index), "on_platform"
        if organisation is None:
            organisation, rule = _company_behind(work, index), "company_behind"
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


def _apposed_owner(doc: Doc, work: Entity, index: EntityIndex, work_nouns: frozenset[str]) -> Entity | None:
    """'W, a BBC Two documentary series': the apposition after the title names its outlet."""
    position = work.span.end
    if position + 2 >= len(doc) or doc[position].text != "," or doc[position + 1].lower_ not in ("a", "an", "the"):
        return None
    organisation = index.at(doc[position + 2], ORGANIZATION)
    if organisation is None or organisation.span.start != position + 2:
        return None
    after = organisation.span.end
    return organisation if after < len(doc) and (doc[after].lower_ in work_nouns or doc[after].pos_ == "ADJ") else None


def _on_platform(work: Entity, index: EntityIndex) -> Entity | None:
    """'W hit Netflix', 'W became the most-streamed series on Netflix': the work is the clause's subject and
    the clause puts it on an organisation's service."""
    verb = governing_verb(work.span.root)
    if verb is None or not attached_to(work.span, verb):
        return None
    frontier = [verb]
    for _ in range(4):
        following = []
        for token in frontier:
            for child in token.children:
                if child.dep_ in ("ccomp", "advcl", "relcl", "parataxis", "conj") or child.i in range(
                        work.span.start, work.span.end):
                    continue
                organisation = index.at(child, ORGANIZATION)
                if organisation is not None and (child.dep_ == "dobj" and token is verb
                                                 or child.dep_ == "pobj" and token.lower_ == "on"):
                    return organisation
                following.append(child)
        frontier = following
    return None


def _company_behind(work: Entity, index: EntityIndex) -> Entity | None:
    """'Northlight Interactive, the Montreal studio behind the game W': the company behind the work."""
    token = work.span.root
    for _ in range(4):
        if token.dep_ == "pobj" and token.head.lower_ == "behind":
            noun = token.head.head
            organisation = index.at(noun, ORGANIZATION)
            if organisation is None and noun.dep_ == "appos":
                organisation = index.at(noun.head, ORGANIZATION)
            return organisation
        if token.head is token:
            return None
        token = token.head
    return None


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
    # "her memoir, Silicon Patience, published in March": the verb modifies the work's noun or name.
    if verb.dep_ == "acl":
        named = {title.root.i}
        token = title.root
        while token.dep_ in NOUN_LINKS and token.head is not token:
            token = token.head
            named.add(token.i)
        return verb.head.i in named
    return False
