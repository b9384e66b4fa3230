"""Relations a person's roles give: author_of from the byline, has_role for a job title beside the name,
works_for the organisation that job is at."""
from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from ..spans import text_of
from .index import ORGANISATION_NOUNS, ORGANIZATION, PERSON, Entity, EntityIndex

# Agent nouns name what a person does ("teacher", "organiser", "analyst", "spokesperson"); a few jobs do not
# end so and are listed.
PERSON_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|eer|ive|man|woman|person|ster|ary|ess|ier|yer)$")
JOB_NOUNS = frozenset({"chief", "head", "boss", "chair", "coach", "captain", "candidate", "judge", "chef", "mayor",
                       "pilot", "nurse", "doctor", "clerk", "guard", "cook", "aide", "envoy", "diplomat", "deputy",
                       "delegate", "advocate", "magistrate", "tycoon", "mogul", "architect", "analyst", "critic"})
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our"}
ORGANISATION_TYPES = {"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"}
# "X, a spokesman for Y", "chief executive of Y", "X, who works at Y"
OF_ORGANISATION = {"of", "at", "for", "with"}


def job_title_before(doc: Doc, name_start: int, role: str) -> str | None:
    """The job title as written when it stands right before the name ("Health Minister Eleanor Voss"
    -> "health minister"), None when it is a description after a determiner ("the coach X").
    A title given elsewhere (an apposition after the name) is kept as the people extractor wrote it."""
    span = doc.char_span(name_start, name_start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return role.lower()
    words: list[Token] = []
    index = span.start - 1
    while index >= 0:
        token = doc[index]
        if token.is_punct or token.is_space or token.lower_ in DETERMINERS or token.ent_type_ in ORGANISATION_TYPES:
            break
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} and token.text != "-":
            break
        words.insert(0, token)
        index -= 1
    written = " ".join(token.text for token in words).lower()
    if not written.endswith(role.lower()):
        return role.lower()  # the role was not written right before the name
    # "the French coach X", "the club's coach X": a description, whatever stands between.
    while index >= 0 and (doc[index].ent_type_ in ORGANISATION_TYPES or doc[index].pos_ == "ADJ"
                          or doc[index].tag_ == "POS"):
        index -= 1
    if index >= 0 and doc[index].lower_ in DETERMINERS:
        return None
    return written


def employers(doc: Doc, index: EntityIndex, job_words: frozenset[str],
              office_words: frozenset[str]) -> dict[str, Entity]:
    """person id -> the organisation a job beside their name is at: "Netflix chief executive X",
    "Fenwick's Japanese midfielder X", "X, an analyst at Y", "X of Y", "Solen's X", a results line
    "X (Japan) Team", and a company office with no company beside it ("Chief executive X said",
    "Its chief executive, X") at the organisation the article is about."""
    found: dict[str, Entity] = {}
    main = _main_organisation(index)
    for person in index.of_kind(PERSON):
        if person.id in found:
            continue
        organisation = (_organisation_before(doc, person, index, job_words)
                        or _organisation_after(doc, person, index, job_words)
                        or _results_line_team(doc, person, index))
        if organisation is None:
            organisation = _office_employer(doc, person, index, office_words, main)
        if organisation is not None:
            found[person.id] = organisation
    return found


def _organisation_before(doc: Doc, person: Entity, index: EntityIndex, job_words) -> Entity | None:
    """'Netflix chief executive X', "Netflix's CEO X", "Fenwick's Japanese midfielder X", "Solen's X"."""
    position = person.span.start - 1
    job = 0
    while position >= 0 and (doc[position].lower_ in job_words or doc[position].pos_ == "ADJ") and job < 4:
        position, job = position - 1, job + 1
    if position < 0:
        return None
    if doc[position].tag_ == "POS":
        position -= 1
    elif not job:
        return None  # "Netflix X": two names side by side say nothing
    return index.at(doc[position], ORGANIZATION) if position >= 0 else None


def _organisation_after(doc: Doc, person: Entity, index: EntityIndex, job_words) -> Entity | None:
    """'X, an aviation analyst at Y', 'X, a professor of politics at Y', 'X of Y'."""
    position = person.span.end
    if position + 1 < len(doc) and doc[position].lower_ == "of":
        return _organisation_at(doc, position + 1, index)
    if position >= len(doc) or doc[position].text != ",":
        return None
    has_job = False
    for token in doc[position + 1:min(len(doc), position + 9)]:
        if token.is_punct or token.pos_ in ("VERB", "AUX") or "\n" in token.text:
            return None
        has_job = has_job or token.lower_ in job_words or bool(PERSON_NOUN.search(token.lower_))
        if has_job and token.lower_ in OF_ORGANISATION:
            organisation = _organisation_at(doc, token.i + 1, index)
            if organisation is not None:
                return organisation
    return None


def _organisation_at(doc: Doc, position: int, index: EntityIndex) -> Entity | None:
    if position < len(doc) and doc[position].lower_ == "the":
        position += 1
    return index.at(doc[position], ORGANIZATION) if position < len(doc) else None


def _results_line_team(doc: Doc, person: Entity, index: EntityIndex) -> Entity | None:
    """A results line: 'Kota Arai (Japan) Vireo-Halvern', the team right after the bracketed nation."""
    end = person.span.end
    if end + 3 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        organisation = index.at(doc[end + 3], ORGANIZATION)
        if organisation is not None and organisation.span.start == end + 3:
            return organisation
    return None


def _office_employer(doc: Doc, person: Entity, index: EntityIndex, office_words: frozenset[str],
                     main: Entity | None) -> Entity | None:
    """A company office right before the name with no article ("Chief executive X") is held at the
    organisation the article is about; one in apposition after a possessive that refers back ("Its chief
    executive, X", "The centre's director, X") at the organisation that possessive names."""
    start = person.span.start
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        if index.words(start - size, start).lower() in office_words:
            before = doc[start - size - 1] if start - size >= 1 else None
            bare = before is None or before.is_punct or "\n" in before.text
            return main if bare else None
    root = person.span.root
    if root.dep_ != "appos" or root.head.lower_ not in _last_words(office_words):
        return None
    for child in root.head.children:
        if child.dep_ != "poss":
            continue
        earlier = [e for e in index.of_kind(ORGANIZATION) if e.span.end <= child.i]
        if child.lower_ == "its":
            return earlier[-1] if earlier else None
        named = [e for e in earlier if child.lemma_.lower() in e.mention.value.get("name", "").lower().split()]
        if named:
            return named[-1]  # "the centre" -> the Centre for Model Evaluation
        if child.lemma_.lower() in ORGANISATION_NOUNS and earlier:
            return earlier[-1]
    return None


@functools.lru_cache(maxsize=8)
def _last_words(office_words: frozenset[str]) -> frozenset[str]:
    """The last word of each office ("executive" of "chief executive"), found once per list."""
    return frozenset(words.split()[-1] for words in office_words)


def _main_organisation(index: EntityIndex) -> Entity | None:
    """The organisation the article is about: named most, at least twice, and more than any other."""
    counts: dict[str, list[Entity]] = {}
    for entity in index.of_kind(ORGANIZATION):
        counts.setdefault(entity.id, []).append(entity)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 2 or (len(ranked) > 1 and len(ranked[1]) == len(ranked[0])):
        return None
    return ranked[0][0]


def apposition_jobs(doc: Doc, index: EntityIndex, not_jobs: frozenset[str]) -> dict[str, tuple[Entity, str]]:
    """person id -> (the mention, the job as written) from a comma apposition the people extractor's word
    list does not know: "X, a 47-year-old former head teacher," -> "former head teacher", "The chair of
    judges, X" -> "chair of judges". The noun must be a common noun naming what a person is, not a kin
    word or a description ("her mother", "the incumbent"), and the age is dropped."""
    found: dict[str, tuple[Entity, str]] = {}
    for person in index.of_kind(PERSON):
        root = person.span.root
        nouns = [child for child in root.children if child.dep_ == "appos" and child.i >= person.span.end]
        # "The chair of judges, X" is an apposition; "the coach X" (no comma) is a description.
        if root.dep_ == "appos" and root.head.i < person.span.start and person.span.start > 0 \
                and doc[person.span.start - 1].text == ",":
            nouns.append(root.head)
        for noun in nouns:
            job = _job_phrase(doc, noun, index, not_jobs)
            if job and person.id not in found:
                found[person.id] = (person, job)
    return found


def _job_phrase(doc: Doc, noun: Token, index: EntityIndex, not_jobs: frozenset[str]) -> str | None:
    if noun.pos_ != "NOUN" or noun.tag_ not in ("NN",) or noun.lemma_.lower() in not_jobs or noun.lower_ in not_jobs:
        return None
    if not (PERSON_NOUN.search(noun.lower_) or noun.lower_ in JOB_NOUNS):
        return None  # "X, the top seed", "the majority": not a noun for a person's job
    if index.at(noun) is not None or not noun.is_lower:
        return None
    words: list[Token] = []
    for child in noun.lefts:
        # Not "a 47-year-old", "the French", "the Labour": an age, a nationality or an organisation
        # describes the person or says where the job is, it is not the job ("Rovers manager" -> "manager").
        if child.dep_ in ("compound", "amod") and not any(t.like_num for t in child.subtree) \
                and child.pos_ in ("NOUN", "ADJ") and not child.ent_type_ and index.at(child) is None:
            words.extend(child.subtree)
    words.append(noun)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tail = list(child.subtree)
            if len(tail) <= 3 and all(t.is_lower for t in tail) and not any(index.at(t) for t in tail):
                words.extend(tail)
            break
    words.sort(key=lambda token: token.i)
    written = text_of(doc)[words[0].idx:words[-1].idx + len(words[-1])]
    if len(written.split()) != len([t for t in doc[words[0].i:words[-1].i + 1] if not t.is_punct or t.text == "-"]) \
            and "-" not in written or "," in written or "\n" in written:
        return None  # something left out in between: not one phrase as written
    return written.lower()


def bare_titles(doc: Doc, index: EntityIndex, not_jobs: frozenset[str]) -> dict[str, tuple[Entity, str]]:
    """person id -> the job title written with no article right before the name, at the start of a
    sentence or clause: "Regional organiser Karen Pike said", "Creative director Ingrid Solberg". An
    organisation before the title says where the job is and is left out ("Rovers manager X" -> "manager")."""
    found: dict[str, tuple[Entity, str]] = {}
    for person in index.of_kind(PERSON):
        words: list[Token] = []
        position = person.span.start - 1
        while position >= 0 and len(words) < 4:
            token = doc[position]
            if token.is_punct or token.is_space or token.pos_ not in ("NOUN", "ADJ", "PROPN") \
                    or index.at(token, PERSON):
                break
            words.insert(0, token)
            position -= 1
        opening = position < 0 or doc[position].is_punct or "\n" in doc[position].text
        while words and (index.at(words[0], ORGANIZATION) or words[0].ent_type_ in ("ORG", "GPE", "NORP")):
            words.pop(0)  # "Rovers manager", "Treasury minister": the organisation is no part of the title
        if not words or not opening:
            continue
        last, phrase = words[-1].lower_, " ".join(token.lower_ for token in words)
        # "Director X" alone is a credit or a description ("Actor X"); "Creative director X" is a job.
        if phrase in not_jobs or len(words) == 1 and last in not_jobs:
            continue
        if not (PERSON_NOUN.search(last) or last in JOB_NOUNS):
            continue
        if person.id not in found:
            found[person.id] = (person, phrase)
    return found
