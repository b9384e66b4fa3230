"""A recording artist's own songs and albums (creator_of): "Velvet Harbour's live album Cinders", "her debut,
Low Tide Radio", "Their biggest hit, Ghost Train Home", "BTS's Map of the Soul: 7". A band is an organisation."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from .index import PERSON, TITLE, Entity, EntityIndex
from .works import MUSIC, WorkCues

OWNER_PRONOUNS = {"her": PERSON, "his": PERSON, "their": None}
GROUP_NOUNS = {"band", "group", "duo", "trio", "quartet", "orchestra", "choir"}


@dataclass(frozen=True)
class MusicLink:
    artist: Entity
    work: Entity
    rule: str


def music_links(doc: Doc, index: EntityIndex, cues: WorkCues) -> Iterator[MusicLink]:
    """A recording artist's own songs and albums: "Velvet Harbour's live album Cinders", "her debut, Low Tide
    Radio", "Their biggest hit, Ghost Train Home", "the band's 2009 debut, W". A band is an organisation."""
    for work in index.of_kind(TITLE):
        noun = _music_noun_before(doc, work, cues)
        if noun is not None:
            owner = _owner_before(doc, noun)
        elif work.work_type in MUSIC:
            owner = _owner_before(doc, work.span[0])  # "BTS's Map of the Soul: 7", "whose own W"
        else:
            continue
        if owner is not None and owner.lower_ == "whose":
            owner = owner.head.head if owner.head.dep_ != "relcl" else owner.head
            owner = _relative_antecedent(owner)
        if owner is None:
            continue
        artist = _artist_of(doc, index, owner)
        if artist is not None:
            yield MusicLink(artist, work, "artist_possessive")


def _relative_antecedent(token: Token) -> Token | None:
    """The noun a relative clause ("Drake, whose own album ...") hangs on."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ == "relcl":
            return ancestor.head
    return None


def _music_noun_before(doc: Doc, work: Entity, cues: WorkCues) -> Token | None:
    """The song or album noun a title names: "album Cinders", "debut, Low Tide Radio"."""
    position = work.span.start - 1
    while position >= 0 and doc[position].text in (",", "'", '"', "\u2018", "\u201c"):
        position -= 1
    if position < 0:
        return None
    noun = doc[position]
    if cues.possessed.get(noun.lemma_.lower()) == "artist":
        return noun
    if noun.lemma_.lower() in ("debut", "hit", "follow-up") and work.work_type in MUSIC | {"other"}:
        return noun
    return None


def _owner_before(doc: Doc, noun: Token) -> Token | None:
    """The possessor written before a work noun, over its modifiers: "Velvet Harbour's live album",
    "her fourth studio album", "the band's 2009 debut"."""
    position = noun.i - 1
    while position >= 0 and (doc[position].pos_ in ("ADJ", "NUM") or doc[position].like_num
                             or doc[position].tag_ in ("JJS", "JJ", "CD")
                             or doc[position].lower_ in ("studio", "new", "own", "latest", "debut")):
        position -= 1
    if position < 0:
        return None
    if doc[position].tag_ in ("PRP$", "WP$"):
        return doc[position]
    if doc[position].tag_ == "POS" and position > 0:
        return doc[position - 1]
    if doc[position].pos_ == "PROPN":  # "the Band Aid song W": a name written before the work noun
        return doc[position]
    return None


def _artist_of(doc: Doc, index: EntityIndex, owner: Token) -> Entity | None:
    named = index.at(owner, PERSON) or index.at(owner, "organization")
    if named is not None:
        return named
    if owner.lower_ in OWNER_PRONOUNS or owner.lemma_.lower() in GROUP_NOUNS or owner.lemma_.lower() in (
            "singer", "rapper", "artist", "star", "musician"):
        group = owner.lower_ == "their" or owner.lemma_.lower() in GROUP_NOUNS
        # "Their", "the band's": a band, never one of its members; "her", "the singer's": the person the
        # article is about so far (named most), not merely the last one named (her producer).
        kind = "organization" if group else PERSON
        # "With their album W, BTS sold ...": the subject of the possessive's own sentence comes first.
        ahead = [e for e in index.entities if e.kind == kind and owner.i < e.span.start < index.sent(owner).end
                 and e.span.root.dep_ in ("nsubj", "nsubjpass")]
        if ahead:
            return ahead[0]
        earlier = [e for e in index.entities if e.kind == kind and e.span.end <= owner.i]
        if earlier:
            counts: dict[str, int] = {}
            for entity in earlier:
                counts[entity.id] = counts.get(entity.id, 0) + 1
            return max(reversed(earlier), key=lambda e: counts[e.id])
    return None
