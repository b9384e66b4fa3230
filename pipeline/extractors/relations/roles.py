"""Relations a person's roles give: author_of from the byline, has_role for a job title beside the name,
works_for the organisation that job is at."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .index import ORGANIZATION, PERSON, Entity, EntityIndex

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


def employers(doc: Doc, index: EntityIndex, job_words: frozenset[str]) -> dict[str, Entity]:
    """person id -> the organisation a job beside their name is at: "Netflix chief executive X",
    "Netflix's CEO X", "X, chief executive of Netflix", "X, a spokesman for Netflix"."""
    found: dict[str, Entity] = {}
    for person in index.of_kind(PERSON):
        if person.id in found:
            continue
        organisation = _organisation_before_job(doc, person, index, job_words) \
            or _organisation_after_job(doc, person, index, job_words)
        if organisation is not None:
            found[person.id] = organisation
    return found


def _organisation_before_job(doc: Doc, person: Entity, index: EntityIndex, job_words) -> Entity | None:
    position = person.span.start - 1
    job = 0
    while position >= 0 and doc[position].lower_ in job_words and job < 3:
        position, job = position - 1, job + 1
    if not job or position < 0:
        return None
    if doc[position].tag_ == "POS":
        position -= 1
    return index.at(doc[position], ORGANIZATION) if position >= 0 else None


def _organisation_after_job(doc: Doc, person: Entity, index: EntityIndex, job_words) -> Entity | None:
    position = person.span.end
    if position >= len(doc) or doc[position].text != ",":
        return None
    position += 1
    if position < len(doc) and doc[position].lower_ in ("the", "a", "an"):
        position += 1
    job = 0
    while position < len(doc) and doc[position].lower_ in job_words and job < 3:
        position, job = position + 1, job + 1
    if not job or position >= len(doc):
        return None
    if doc[position].lower_ in OF_ORGANISATION and position + 1 < len(doc):
        after = doc[position + 1]
        if after.lower_ == "the" and position + 2 < len(doc):
            after = doc[position + 2]
        return index.at(after, ORGANIZATION)
    return None


def apposition_jobs(doc: Doc, index: EntityIndex, not_jobs: frozenset[str]) -> dict[str, tuple[Entity, str]]:
    """person id -> (the mention, the job as written) from a comma apposition the people extractor's word
    list does not know: "X, a 47-year-old former head teacher," -> "former head teacher", "The chair of
    judges, X" -> "chair of judges". The noun must be a common noun naming what a person is, not a kin
    word or a description ("her mother", "the incumbent"), and the age is dropped."""
    found: dict[str, tuple[Entity, str]] = {}
    for person in index.of_kind(PERSON):
        root = person.span.root
        nouns = [child for child in root.children if child.dep_ == "appos" and child.i >= person.span.end]
        if root.dep_ == "appos" and root.head.i < person.span.start:
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
    written = doc.text[words[0].idx:words[-1].idx + len(words[-1])]
    if len(written.split()) != len([t for t in doc[words[0].i:words[-1].i + 1] if not t.is_punct or t.text == "-"]) \
            and "-" not in written or "," in written or "\n" in written:
        return None  # something left out in between: not one phrase as written
    return written.lower()
