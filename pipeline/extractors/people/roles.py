"""Roles of the people found: author (bylines), creator, cast, director... (cue phrases), and job titles
before or after a name ("Netflix CEO Reed Hastings", "Reed Hastings, chief executive of Netflix").

Each function adds role entries {"role", "of" (a title entity), "org"} to the candidates it is given.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...article import Article
from ..spans import doc_index, is_possessive
from .candidates import byline_spans
from .document import Candidate, Titles
from .rules import PeopleRules

AUTHOR = {"role": "author", "of": None, "org": None}


def _title_near(doc: Doc, token_index: int, titles: Titles) -> str | None:
    """The work a role phrase is about: a title in the same sentence, else the latest one before it."""
    sentence = doc[token_index].sent
    position = doc[token_index].idx
    inside = [(s, entity) for s, e, entity in titles if sentence.start_char <= s < sentence.end_char]
    before = [item for item in inside if item[0] < position]
    if before:
        return before[-1][1]
    if inside:
        return inside[0][1]
    earlier = [(s, entity) for s, e, entity in titles if s < sentence.start_char]
    return earlier[-1][1] if earlier else None


def _owner_of_job(doc: Doc, start: int, title_ending: dict, org_ending: dict) -> tuple[str | None, str | None]:
    """(work, org) named right before a job title at doc[start], a possessive allowed between:
    "Blue Valley director", "Netflix CEO", "Netflix's CEO"."""
    before = start - 1
    if before >= 0 and is_possessive(doc[before]):
        before -= 1
    if before < 0:
        return None, None
    work = title_ending.get(doc[before].idx + len(doc[before]))
    if work is not None:
        return work, None
    return None, org_ending.get(before + 1)


def add_job_roles(rules: PeopleRules, doc: Doc, people: list[Candidate], titles: Titles) -> None:
    """'Netflix CEO Reed Hastings', 'Blue Valley director Ana Morales', 'X, chief executive of Y'."""
    title_ending = {e: entity for s, e, entity in titles}
    # Entities never overlap, so at most one ends at a token; looked up, not searched per person
    # (searching doc.ents for each was quadratic on a long paragraph).
    org_ending = {e.end: e.text for e in doc_index(doc).ents if e.label_ in ("ORG", "GPE")}
    index = doc_index(doc)
    for candidate in people:
        for size in range(rules.longest_title, 0, -1):
            start = candidate.start - size
            if start < 0:
                continue
            job = index.span_text(start, candidate.start)  # the words before the name
            if "\n" in job or job.lower() not in rules.job_titles:
                continue
            work, org = _owner_of_job(doc, start, title_ending, org_ending)
            role = rules.role_of_job.get(job.lower()) if work else None
            candidate.roles.append({"role": role or job, "of": work, "org": org})
            break
        _add_apposition_role(rules, doc, candidate)


def _add_apposition_role(rules: PeopleRules, doc: Doc, candidate: Candidate) -> None:
    """"Reed Hastings, chief executive of Netflix": a job title after a comma, with its organisation or in
    lower case."""
    index = candidate.end
    if index >= len(doc) or doc[index].text != ",":
        return
    index += 1
    if index < len(doc) and doc[index].lower_ in ("the", "a", "an"):
        index += 1
    for size in range(rules.longest_title, 0, -1):
        if index + size > len(doc):
            continue  # fewer words than that left
        words = doc_index(doc).span_text(index, index + size)
        if words.lower() not in rules.job_titles:
            continue
        after = index + size
        org = None
        if after < len(doc) and doc[after].lower_ in ("of", "at", "for"):
            org = next((e.text for e in doc_index(doc).ents if e.start == after + 1 and e.label_ in ("ORG", "GPE")),
                       None)
        if org or words.islower():
            candidate.roles.append({"role": words, "of": None, "org": org})
        return


def add_cue_roles(rules: PeopleRules, doc: Doc, people: list[Candidate], titles: Titles) -> None:
    """'created by A, B and C', 'stars A, B ... in the lead roles', 'directed by A'."""
    by_start = {c.start: c for c in people}
    for match_id, start, end in rules.role_cues(doc):
        role = doc.vocab.strings[match_id]
        cursor = end
        members = []
        while cursor in by_start:
            members.append(by_start[cursor])
            cursor = by_start[cursor].end
            while cursor < len(doc) and (doc[cursor].text in (",", "&") or doc[cursor].lower_ == "and"):
                cursor += 1
        if not members:
            continue
        work = _title_near(doc, start, titles)
        for member in members:
            entry = {"role": role, "of": work, "org": None}
            if entry not in member.roles:
                member.roles.append(entry)


def add_byline_roles(doc: Doc, article: Article, people: list[Candidate]) -> None:
    """Everyone named in a byline is an author."""
    spans = byline_spans(article)
    for candidate in people:
        start_char = doc[candidate.start].idx
        if any(s <= start_char < e for s, e in spans):
            entry = dict(AUTHOR)
            if entry not in candidate.roles:
                candidate.roles.append(entry)
