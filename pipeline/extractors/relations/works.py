"""Person -> work relations read from the parse: who is in, made, wrote, directed, produced or hosts which work.

A person first gets a *role cue* from the words around their name: a verb they are the subject or agent of
("A, B and C star in W", "written by X"), "starring X", a role noun beside the name ("writer X", "X, the
director"), a possessive on a work ("X's album W", "Leigh's drama W"), or an award nominee's bracket ("X (W)").
The cue's anchor token is then walked for the work it governs; a work named elsewhere in the sentence is taken
only when it is the sentence's one work, and the neighbouring sentence's work only for the strongest cues.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from .index import PERSON, TITLE, Entity, EntityIndex

MUSIC = {"song", "album"}
# Which works a role can have: a director has no album, a host no novel.
ROLE_WORKS = {
    "cast": {"film", "tv_series", "play", "other", "game"},
    "director": {"film", "tv_series", "play", "other"},
    "writer": {"film", "tv_series", "play", "other", "book", "song", "album", "game"},
    "producer": {"film", "tv_series", "play", "other", "album", "song", "game"},
    "creator": {"film", "tv_series", "play", "other", "game", "song", "album", "book"},
    "host": {"tv_series", "other"},
    "artist": MUSIC,
}
PREDICATES = {"cast": "cast_in", "director": "director_of", "writer": "writer_of", "producer": "producer_of",
              "creator": "creator_of", "host": "host_of", "artist": "creator_of"}
# The clauses a work is not looked for in: another statement, not the cue's.
OTHER_CLAUSES = {"ccomp", "advcl", "parataxis", "relcl", "csubj"}
LIST_LINKS = {"conj", "appos", "compound", "npadvmod", "dep"}


@dataclass(frozen=True)
class WorkCues:
    verbs: Mapping[str, str]  # verb lemma -> role ("star" -> cast)
    nouns: Mapping[str, str]  # role noun -> role ("novelist" -> writer)
    possessed: Mapping[str, str]  # work noun after a possessive -> role ("album" -> artist)
    award_words: Mapping[str, str]  # a word of an award sentence -> the role it rewards ("actress" -> cast)
    work_nouns: frozenset[str] = frozenset()  # "series", "film": a work whose maker's role the article gives
    agent_verbs: Mapping[str, str] = None  # verbs that give a role only to their agent ("made by X")

    @classmethod
    def from_toml(cls, data: Mapping, work_nouns: frozenset[str] = frozenset()) -> "WorkCues":
        def inverted(table: Mapping) -> dict[str, str]:
            return {word.lower(): role for role, words in table.items() for word in words}
        return cls(inverted(data.get("verbs", {})), inverted(data.get("nouns", {})),
                   inverted(data.get("possessed", {})), inverted(data.get("award_words", {})), work_nouns,
                   {**inverted(data.get("agent_verbs", {})), **inverted(data.get("verbs", {}))})


@dataclass(frozen=True)
class WorkLink:
    person: Entity
    predicate: str
    work: Entity
    rule: str
    confidence: float


VERB_ROLES_PREFIXES = ("verb_", "by_", "who_", "along_with_", "starring")


def work_links(doc: Doc, index: EntityIndex, cues: WorkCues) -> Iterator[WorkLink]:
    known_roles = _roles_named_in_doc(doc, index, cues)
    cues_of = [(person, list(_role_cues(doc, person, index, cues))) for person in index.of_kind(PERSON)]
    # What a verb says a person does ("presented by X") fixes the role of their possessive too ("X's series W").
    for person, person_cues in cues_of:
        for role, _, rule, _ in person_cues:
            if rule.startswith(VERB_ROLES_PREFIXES) and role in ROLE_WORKS:
                known_roles.setdefault(person.id, set()).add(role)
    for person, person_cues in cues_of:
        linked: set[tuple[str, str]] = set()
        for role, anchor, rule, reach in person_cues:
            work = _work_for(anchor, person, index, reach, cues.work_nouns)
            if work is None:
                continue
            role = _fitted_role(role, work, known_roles.get(person.id, set()), index)
            if role is None or (PREDICATES[role], work.id) in linked:
                continue
            # Every verb cue counts ("written and directed by X, who directed the 2002 hit W": three credits);
            # a weaker cue (a noun, a possessive) adds no second role on a work a cue before it credited.
            if not rule.startswith(VERB_ROLES_PREFIXES) and any(w == work.id for _, w in linked):
                continue
            linked.add((PREDICATES[role], work.id))
            confidence = 0.9 if reach == "clause" else 0.75
            yield WorkLink(person, PREDICATES[role], work, rule, min(confidence, person.mention.confidence))


def _fitted_role(role: str, work: Entity, roles_in_doc: set[str], index: EntityIndex) -> str | None:
    """The role as the work's kind allows it (a director has no album, a host no novel); "W by X" takes the
    maker that kind of work names so; a possessive ("X's new film") takes the role the article gives X
    elsewhere, and a book or record needs none: its owner is its writer or artist."""
    if role == "by_work":  # "W by X": the maker a work of that kind names so
        role = {"song": "artist", "album": "artist", "book": "writer", "film": "director", "play": "writer"}.get(
            work.work_type)
        if role is None:
            return None
    if role == "possessive":
        fitting = [r for r in ("director", "writer", "creator", "host", "artist", "cast")
                   if r in roles_in_doc and work.work_type in ROLE_WORKS[r]]
        # Nobody but its author owns a book, nor a record but its artist, whatever else the article says.
        default = {"book": "writer", "song": "artist", "album": "artist"}.get(work.work_type)
        if default is None and work.work_type == "other" and _music_sentence(index.sent(work.span)):
            default = "artist"  # "Doja Cat's Planet Her" in a sentence about albums and charts
        if not fitting and default is None:
            return None
        role = fitting[0] if fitting else default
    return role if work.work_type in ROLE_WORKS.get(role, set()) else None


MUSIC_WORDS = {"album", "albums", "single", "singles", "song", "songs", "track", "tracks", "ep", "chart", "charts",
               "billboard", "mixtape", "record"}


def _music_sentence(sentence: Span) -> bool:
    return any(token.lower_ in MUSIC_WORDS for token in sentence)


def _roles_named_in_doc(doc: Doc, index: EntityIndex, cues: WorkCues) -> dict[str, set[str]]:
    """person id -> the roles a role noun beside any of their mentions gives ("director Mike Leigh")."""
    roles: dict[str, set[str]] = {}
    for person in index.of_kind(PERSON):
        role = _noun_before(index, person.span, cues) or _apposition_role(person.span.root, cues)[0]
        if role:
            roles.setdefault(person.id, set()).add(role)
        for entry in person.mention.value.get("roles", []):
            name = (entry.get("role") or "").lower()
            if name in cues.nouns:
                roles.setdefault(person.id, set()).add(cues.nouns[name])
    return roles


def _list_head(token: Token, index: EntityIndex) -> Token:
    """The first name of a list of names ("A, B and C star"): the one the verb governs."""
    seen = 0
    while token.dep_ in LIST_LINKS and token.head is not token and seen < 12:
        head = token.head
        if index.at(head, PERSON) is None:
            break
        token, seen = head, seen + 1
    return index.at(token, PERSON).span.root if index.at(token, PERSON) else token


def _role_cues(doc: Doc, person: Entity, index: EntityIndex, cues: WorkCues) -> Iterator[tuple[str, Token, str, str]]:
    """(role, anchor token, rule, reach) for each cue around one mention of a person, strongest first.
    reach "governed": only a work the anchor governs; "clause": also the sentence's one work; "near": also the previous
    sentence's one work; "article": also the work the article is about ("Producer X said ...")."""
    role_noun = _noun_before(index, person.span, cues)
    top = _list_head(person.span.root, index)
    if top.dep_ == "appos" and top.head.pos_ == "NOUN" and top.head.i < top.i:
        top = top.head  # "presented by the journalist X": the noun the name stands beside fills the slot
    head = top.head
    if top.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in cues.verbs:
        yield cues.verbs[head.lemma_.lower()], head, f"verb_{head.lemma_.lower()}", "near"
    if top.dep_ in ("dobj", "pobj", "appos", "conj") and head.lemma_.lower() in ("star", "feature", "co-star") \
            and head.tag_ in ("VBG", "VBZ", "VBD", "VBN", "NNS", "NN"):
        yield "cast", head, "starring", "near"
    if top.dep_ == "pobj" and head.lower_ == "by":
        by_head = head.head
        # "written and directed by X": the agent of each verb of the coordination
        # (a verb after the agent has its own: "directed by X and starring Y")
        verbs = [by_head, *(t for t in by_head.children if t.dep_ == "conj" and t.i < by_head.i),
                 *([by_head.head] if by_head.dep_ == "conj" and by_head.head.i < by_head.i else [])]
        credited = [verb for verb in verbs if verb.lemma_.lower() in cues.agent_verbs]
        for verb in credited:
            yield cues.agent_verbs[verb.lemma_.lower()], verb, f"by_{verb.lemma_.lower()}", "near"
        if credited:
            pass
        elif index.at(by_head, TITLE) is not None:
            yield "by_work", by_head, "work_by", "clause"
        elif by_head.lemma_.lower() in cues.possessed:
            yield cues.possessed[by_head.lemma_.lower()], by_head, "work_noun_by", "clause"
    for child in top.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in cues.verbs:
            yield cues.verbs[child.lemma_.lower()], child, f"who_{child.lemma_.lower()}", "near"
    if top.dep_ == "poss" or (top.i + 1 < len(doc) and doc[top.i + 1].tag_ == "POS"):
        owned = head if top.dep_ == "poss" else doc[top.i + 1].head
        if index.at(owned, TITLE) is not None:
            yield "possessive", owned, "possessive_work", "clause"
        elif owned.lemma_.lower() in cues.possessed:
            yield cues.possessed[owned.lemma_.lower()], owned, "possessive_work_noun", "clause"
        elif owned.lemma_.lower() in cues.work_nouns:  # "Okoro's previous series, Silent Partner"
            yield "possessive", owned, "possessive_work_noun", "clause"
        elif role_noun:
            yield role_noun, owned, "role_noun_possessive", "clause"
    yield from _company_cues(doc, person, top, index, cues)
    yield from _own_part_cues(top, cues)
    award = _award_cue(top, cues)
    if award is not None:
        yield award[0], award[1], "award", "clause"
    if role_noun:
        # "Sideways producer X": the work named before the credit; "Producer X said": a credit whose work may be
        # the article's; "the American actor X", "festival director X": a description or another job.
        size = 2 if _noun_before(index, person.span, cues, sizes=(2,)) else 1
        before = doc[person.span.start - size - 1] if person.span.start - size >= 1 else None
        while before is not None and before.i > 0 and (before.tag_ == "POS" or before.text in ("\u201d", '"', "'")):
            before = doc[before.i - 1]  # "Dead Man's Shoes' star X", '"Titane" director X'
        named = index.at(before, TITLE) if before is not None else None
        if named is not None:
            yield role_noun, named.span.root, "work_role_noun", "governed"
        else:
            # ... and "BIFA founder and director X": one of two jobs at an organisation.
            described = before is not None and (before.pos_ in ("DET", "ADJ", "PRON", "NOUN", "PROPN", "NUM", "CCONJ")
                                                 or before.tag_ == "POS")
            yield role_noun, top, "role_noun", "governed" if described else "article"
    role, noun = _apposition_role(top, cues)
    if role:
        yield role, noun, "role_apposition", "near"
    bracket = _bracketed_work(doc, person.span, index)
    if bracket is not None:
        role = _award_role(index.sent(person.span), bracket, cues, index)
        if role:
            yield role, bracket.span.root, "nominee_bracket", "clause"


def _company_cues(doc: Doc, person: Entity, top: Token, index: EntityIndex,
                  cues: WorkCues) -> Iterator[tuple[str, Token, str, str]]:
    """'headlined by X along with Y, Z': the company a cast or credit verb keeps; 'the story of Tess and Anna
    (Jamie Lee Curtis and Lindsay Lohan)': actors in brackets after the characters they play."""
    head = top.head
    if top.dep_ == "pobj" and head.lower_ == "with":
        verb = next((t for t in list(head.ancestors)[:4] if t.pos_ in ("VERB", "AUX")), head.head)
        # Only a cast keeps company: "made with X", "written with X as producer" give X no credit of theirs.
        if cues.agent_verbs.get(verb.lemma_.lower()) == "cast" and verb.pos_ in ("VERB", "AUX"):
            yield cues.agent_verbs[verb.lemma_.lower()], verb, f"along_with_{verb.lemma_.lower()}", "near"
    opening = person.span.start - 1
    while opening >= 0 and (index.at(doc[opening], PERSON) or doc[opening].lower_ in (",", "and")):
        opening -= 1  # back over the other actors of the bracket
    if opening >= 1 and doc[opening].text == "(" and index.at(doc[opening - 1], PERSON) is not None:
        yield "cast", doc[opening - 1], "actor_of_character", "clause"


def _own_part_cues(top: Token, cues: WorkCues) -> Iterator[tuple[str, Token, str, str]]:
    """'X is nominated for her role in W': the subject's own part named by a pronoun; 'with X as producer':
    the role given after the name."""
    if top.dep_ in ("nsubj", "nsubjpass"):
        # The verb's own phrases, a few steps down and a clause's length on: never the whole subtree, which
        # in a sentence with no full stop is the whole text.
        frontier = [top.head]
        for _ in range(3):
            frontier = [child for token in frontier for child in token.children
                        if top.i < child.i < top.i + 40 and child.dep_ not in OTHER_CLAUSES]
            for token in frontier:
                if token.lemma_.lower() in cues.possessed and any(
                        child.dep_ == "poss" and child.lower_ in ("her", "his", "their") for child in token.children):
                    yield cues.possessed[token.lemma_.lower()], token, "own_part", "governed"
                    return
    for child in top.children:
        if child.dep_ == "prep" and child.lower_ == "as":
            role_noun = next((g for g in child.children if g.dep_ == "pobj" and g.lower_ in cues.nouns), None)
            if role_noun is not None:
                yield cues.nouns[role_noun.lower_], top.head, "as_role", "clause"


AWARD_VERBS = {"win", "name", "nominate", "go", "shortlist", "award", "receive", "earn", "take", "scoop", "collect"}


def _award_cue(top: Token, cues: WorkCues) -> tuple[str, Token] | None:
    """'X was named best actress', 'Best actress went to X', 'best writer for X': the award names the craft."""
    if top.dep_ == "pobj" and top.head.lower_ == "for" and top.head.head.lower_ in cues.award_words:
        return cues.award_words[top.head.head.lower_], top.head.head
    verb = top.head if top.dep_ in ("nsubj", "nsubjpass") else None
    if top.dep_ == "pobj" and top.head.lower_ in ("to", "for"):
        verb = top.head.head
    if verb is None or verb.lemma_.lower() not in AWARD_VERBS:
        return None
    slots = [child for child in verb.children if child.dep_ in ("oprd", "dobj", "attr", "nsubj", "npadvmod")]
    slots += [grandchild for child in verb.children if child.dep_ == "prep" and child.lower_ == "for"
              for grandchild in child.children if grandchild.dep_ == "pobj"]  # "nominated for a best actor award"
    for slot in slots:
        # "named best actress", "wins a best actor nomination": the award word or its modifier
        for word in [slot, *(c for c in slot.children if c.dep_ in ("compound", "amod"))]:
            if word.lower_ in cues.award_words:
                return cues.award_words[word.lower_], verb
    return None


def _noun_before(index: EntityIndex, name: Span, cues: WorkCues, sizes=(2, 1)) -> str | None:
    """'writer X', 'executive producer X': a role noun written right before the name."""
    for size in sizes:
        start = name.start - size
        if start < 0:
            continue
        words = index.words(start, name.start).lower()
        if words in cues.nouns:
            return cues.nouns[words]
    return None


def _apposition_role(top: Token, cues: WorkCues) -> tuple[str | None, Token | None]:
    """'X, the director of W' / 'the director, X': a role noun in apposition with the name."""
    for child in top.children:
        if child.dep_ == "appos" and child.lower_ in cues.nouns:
            return cues.nouns[child.lower_], child
    if top.dep_ == "appos" and top.head.lower_ in cues.nouns:
        return cues.nouns[top.head.lower_], top.head
    return None, None


def _bracketed_work(doc: Doc, name: Span, index: EntityIndex) -> Entity | None:
    """'X (W)': a nominee list gives each name its work in brackets."""
    if name.end + 1 < len(doc) and doc[name.end].text == "(":
        work = index.at(doc[name.end + 1], TITLE)
        if work is not None and work.span.start == name.end + 1:
            return work
    return None


def _award_role(sentence: Span, work: Entity, cues: WorkCues, index: EntityIndex) -> str | None:
    """The craft a nominee's bracketed work is credited for: the award words of the sentence or the one
    before ("a best actor nomination ... faces competition from X (W)"); an actor's when none is said."""
    if work.work_type == "book":
        return "writer"
    if work.work_type in MUSIC:
        return "artist"
    words = {token.lower_ for token in sentence}
    previous = index.previous_sent(sentence)
    if previous is not None:
        words |= {token.lower_ for token in previous}
    roles = {cues.award_words[word] for word in words if word in cues.award_words}
    if len(roles) == 1:
        return next(iter(roles))
    return "cast" if not roles and work.work_type in ("film", "tv_series") else None


def _work_for(anchor: Token, person: Entity, index: EntityIndex, reach: str,
              work_nouns: frozenset[str] = frozenset()) -> Entity | None:
    """The work a cue is about: inside or under the anchor, up its modifier chain, the sentence's only
    work, or (reach "near") the last work of the sentence before."""
    own = index.at(anchor, TITLE)
    if own is not None:
        return own
    if anchor.dep_ == "acl" and index.at(anchor.head, TITLE) is None and anchor.head.pos_ == "NOUN":
        if anchor.head.lemma_.lower() in work_nouns:  # "The film, directed by X": the work "the film" is
            return _work_of_pronoun(anchor, index)
        return None  # "the ceremony, hosted by X": the cue describes a thing that is no work
    if _pronoun_subject(anchor, work_nouns):  # "it is headlined by X": the work "it" is, or none
        return _work_below(anchor, person, index) or _work_of_pronoun(anchor, index)
    found = _title_right_after(anchor, index) or _work_below(anchor, person, index) or _work_above(anchor, index)
    if found is not None:
        return found
    sentence = index.sent(anchor)
    works = {e.id: e for e in index.in_span(sentence.start, sentence.end, TITLE)
             if not (e.span.start < person.span.end and person.span.start < e.span.end)}
    if reach == "governed":
        return None
    people = {e.id for e in index.in_span(sentence.start, sentence.end, PERSON)}
    # A list of people with one work among them ("a jury of director X, actor Y ... and Z, whose W won") is
    # no credit list of that work: the sentence's one work is taken only beside one or two people.
    if len(works) == 1 and len(people) <= 2:
        return next(iter(works.values()))
    if not works and reach in ("near", "article"):
        previous = index.previous_sent(sentence)
        if previous is not None:
            earlier = {e.id: e for e in index.in_span(previous.start, previous.end, TITLE)}
            if len(earlier) == 1:
                return next(iter(earlier.values()))
        return _main_work(index) if reach == "article" else None
    return None


def _work_of_pronoun(anchor: Token, index: EntityIndex) -> Entity | None:
    """'it is headlined by X': the work the pronoun stands for, the last one that was a clause's subject in this
    sentence or the one before, else the one work named there, else the work the article is about."""
    sentence = index.sent(anchor)
    previous = index.previous_sent(sentence)
    window = previous.start if previous is not None else sentence.start
    recent = [e for e in index.of_kind(TITLE) if window <= e.span.start and e.span.end <= anchor.i]
    subjects = [e for e in recent if _is_subject(e)]
    if subjects:
        return subjects[-1]
    named_by_noun = not any(child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("it", "this")
                            for clause in (anchor, anchor.head) for child in clause.children)
    if named_by_noun and len({e.id for e in recent}) == 1:  # "... their single, W. The song was written by X"
        return recent[-1]
    return _main_work(index)


def _is_subject(work: Entity) -> bool:
    """The work is its clause's subject, by name or as the name of it ("Netflix's show Wednesday dethroned")."""
    token = work.span.root
    while token.dep_ in ("appos", "compound") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _pronoun_subject(anchor: Token, work_nouns: frozenset[str]) -> bool:
    """The cue's clause (or the clause it modifies: "Made by X, it is ...", "Presented by X, the series ...")
    has "it", "this" or "the series" as subject."""
    clauses = [anchor, anchor.head] if anchor.dep_ == "advcl" else [anchor]
    subjects = [child for clause in clauses for child in clause.children if child.dep_ in ("nsubj", "nsubjpass")]
    return any(subject.lower_ in ("it", "this") or subject.lemma_.lower() in work_nouns
               and any(c.lower_ in ("the", "this") for c in subject.children) for subject in subjects)


def _main_work(index: EntityIndex) -> Entity | None:
    """The work the article is about: named twice or more, and more often than any other."""
    mentions = [e for e in index.entities if e.kind == TITLE]
    counts: dict[str, int] = {}
    for entity in mentions:
        counts[entity.id] = counts.get(entity.id, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=counts.get)
    # Named at least twice and more often than any other work (or half the mentions when it is the only one).
    if counts[best] >= 2 and (len(ranked) == 1 or ranked[1] < counts[best]):
        return next(e for e in mentions if e.id == best)
    return None


def _title_right_after(anchor: Token, index: EntityIndex) -> Entity | None:
    """"Pryce's short story collection The Lighthouse Year": a work noun and the title it names."""
    doc = index.doc
    following = anchor.i + 1
    if following < len(doc) and doc[following].text == ",":
        following += 1
    work = index.at(doc[following], TITLE) if following < len(doc) else None
    return work if work is not None and work.span.start == following else None


def _work_below(anchor: Token, person: Entity, index: EntityIndex) -> Entity | None:
    """Breadth first under the anchor, not into another clause or back into the person's own name."""
    frontier, depth = [anchor], 0
    while frontier and depth < 4:
        following = []
        for token in frontier:
            for child in token.children:
                if child.dep_ in OTHER_CLAUSES or person.span.start <= child.i < person.span.end:
                    continue
                if token is anchor and index.at(anchor, PERSON) and child.dep_ in ("conj", "appos"):
                    continue  # the other names of a list, each with its own work

                work = index.at(child, TITLE)
                if work is not None:
                    return work
                following.append(child)
        frontier, depth = following, depth + 1
    return None


def _work_above(anchor: Token, index: EntityIndex) -> Entity | None:
    """'W, starring X' / 'W, written by X': the cue modifies the work's name."""
    if anchor.pos_ not in ("VERB", "AUX"):  # a name or a noun: only a work it stands in apposition to
        work = index.at(anchor.head, TITLE) if anchor.dep_ == "appos" else None
        return work
    token = anchor
    for _ in range(3):
        if token.dep_ not in ("acl", "relcl", "appos", "prep", "pobj", "agent") or token.head is token:
            return None
        token = token.head
        work = index.at(token, TITLE)
        if work is not None:
            return work
    return None


def credits_something_else(doc: Doc, person: Span, index: EntityIndex, work_nouns: frozenset[str]) -> bool:
    """'The ceremony, hosted by X': the credit phrase before the name modifies a noun that is no work, so
    a work the people extractor found nearby is not X's."""
    if person.start < 2 or doc[person.start - 1].lower_ != "by":
        return False
    verb = doc[person.start - 1].head
    while verb.dep_ == "conj" and verb.head is not verb:  # "a ceremony held in London and hosted by X"
        verb = verb.head
    return (verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and index.at(verb.head, TITLE) is None
            and verb.head.lemma_.lower() not in work_nouns)


def work_in_reach(person: Span, work_id: str, index: EntityIndex, work_nouns: frozenset[str]) -> bool:
    """A credit the people extractor tied to a work holds when the work is named in the person's sentence,
    or the sentence names it as "the series" / "the film" (the work the article is about). A work named
    sentences before ("The awards were announced by actors X and Y") is no credit of theirs."""
    sentence = index.sent(person)
    if any(e.id == work_id for e in index.in_span(sentence.start, sentence.end, TITLE)):
        return True
    return any(token.lemma_.lower() in work_nouns and any(c.lower_ in ("the", "this", "its") for c in token.children)
               for token in sentence)
