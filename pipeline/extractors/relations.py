"""Relation facts: edges between the entities the other extractors found.

Runs last. Person roles become cast_in / creator_of / ... edges, the byline
becomes author_of (person -> the article), job titles become has_role, a
title and a date tied by a release verb in one clause become premiered_on /
released_on, and a numeric claim about a known entity becomes quantity_of.
Nothing here re-reads the text for names: it links what was already found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ..article import Article
from ..ids import article_entity, fact_id, quantity_entity
from .registry import register
from ..mention import RELATION, Found, Mention
from .base import ExtractorContext, read_pattern_toml

NOUN_LINKS = {"compound", "appos", "nmod", "poss", "amod", "det", "flat"}


def _quantity_of(doc_id: str, claim: Mention) -> str:
    return quantity_entity(fact_id(doc_id, claim.kind, claim.start, claim.end, claim.value))


def relation(subject: str, predicate: str, obj: str, object_type: str, start: int, end: int,
             confidence: float, rule: str, org: str | None = None) -> Mention:
    value = {"subject": subject, "predicate": predicate, "object": obj, "object_type": object_type}
    if predicate == "has_role":
        value["org"] = org
    return Mention(RELATION, start, end, value, confidence, f"rule:{rule}")


@register("relations")
class RelationExtractor:
    kinds = (RELATION,)
    requires = ("parser", "lemmatizer")

    @dataclass
    class Options:
        patterns: str = "patterns/relations.toml"

    def __init__(self, context: ExtractorContext, options: Options):
        data = read_pattern_toml(context.resolve(options.patterns), "extractors.relations.patterns")
        self.role_predicates = dict(data.get("role_predicates", {}))
        self.date_verbs = {lemma: predicate for predicate, lemmas in data.get("date_verbs", {}).items()
                           for lemma in lemmas}
        self.work_nouns = set(data.get("work_nouns", {}).get("words", []))
        self.quantity_kinds = set(data.get("quantity_of", {}).get("quantities", []))
        self.people_units = set(data.get("quantity_of", {}).get("people_units", []))
        self.not_job_titles = {word.lower() for word in data.get("has_role", {}).get("not_job_titles", [])}
        self.credits = {word.lower() for word in data.get("has_role", {}).get("credits", [])}

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        seen: set[tuple] = set()
        for mention in [*self._from_roles(doc, article, found), *self._release_dates(doc, found),
                        *self._quantities(doc, article, found)]:
            key = (mention.value["subject"], mention.value["predicate"], mention.value["object"])
            if key not in seen:
                seen.add(key)
                yield mention

    def _from_roles(self, doc: Doc, article: Article, found: Found) -> Iterator[Mention]:
        for person in found.get("person", []):
            entity = person.value.get("entity")
            if not entity:
                continue
            for role in person.value.get("roles", []):
                name = role.get("role")
                if name == "author":
                    yield relation(entity, "author_of", article_entity(article.doc_id), "entity",
                                   person.start, person.end, person.confidence, "byline")
                elif name in self.role_predicates:
                    if role.get("of"):
                        yield relation(entity, self.role_predicates[name], role["of"], "entity",
                                       person.start, person.end, person.confidence, f"role_{name}")
                elif name and name.lower() not in self.not_job_titles and name.lower() not in self.credits:
                    title = _job_title_before(doc, person.start, name)
                    if title is None:
                        continue
                    yield relation(entity, "has_role", title, "text", person.start, person.end,
                                   person.confidence, "job_title", org=role.get("org"))

    def _release_dates(self, doc: Doc, found: Found) -> Iterator[Mention]:
        titles = [t for t in found.get("title", []) if t.value.get("entity")]
        for date in found.get("date", []):
            value = date.value.get("value")
            if date.value.get("timex_type") != "DATE" or not value or not value[:1].isdigit():
                continue
            span = doc.char_span(date.start, date.end, alignment_mode="expand")
            if span is None:
                continue
            verb = _governing_verb(span.root)
            if verb is None or verb.lemma_.lower() not in self.date_verbs:
                continue
            # The nearest title first: a merged heading line can put two mentions in one "sentence".
            for title in sorted(titles, key=lambda t: abs(t.start - doc[verb.i].idx)):
                title_span = doc.char_span(title.start, title.end, alignment_mode="expand")
                if title_span is None or title_span.sent != span.sent:
                    continue
                if _attached_to(title_span, verb):
                    predicate = self.date_verbs[verb.lemma_.lower()]
                    start, end = min(title.start, date.start), max(title.end, date.end)
                    yield relation(title.value["entity"], predicate, value, "date", start, end,
                                   min(title.confidence, date.confidence), f"date_verb_{verb.lemma_.lower()}")
                    break

    def _quantities(self, doc: Doc, article: Article, found: Found) -> Iterator[Mention]:
        titles = sorted((t for t in found.get("title", []) if t.value.get("entity")), key=lambda t: t.start)
        full_names = _surname_aliases(found.get("person", []))
        for claim in found.get("numeric_claim", []):
            if claim.value.get("quantity") not in self.quantity_kinds:
                continue
            if article.text[claim.end:claim.end + 3] == " of" and claim.value.get("value") == 1:
                continue  # partitive "one of the most-watched": not an amount of the work
            about = claim.value.get("about") or {}
            target = full_names.get(about.get("entity"), about.get("entity"))
            rule = "about_entity"
            if not target and about.get("text") and self._is_work_reference(about["text"]):
                earlier = [t for t in titles if t.end <= claim.start]
                if earlier:
                    target, rule = earlier[-1].value["entity"], "about_work_reference"
            if target and target.startswith("person/"):
                if "-" not in target.removeprefix("person/"):
                    continue  # a lone surname never resolved to a full name: too weak for an edge
                if claim.value.get("unit") in self.people_units:
                    continue  # "the two men": a head count, not an amount of the person
            if target:
                yield relation(_quantity_of(article.doc_id, claim), "quantity_of", target, "entity",
                               claim.start, claim.end, claim.confidence, rule)

    def _is_work_reference(self, text: str) -> bool:
        """'The series', 'this film': a definite nominal that names a kind of work."""
        words = text.lower().split()
        return 2 <= len(words) <= 3 and words[0] in {"the", "this", "that"} and words[-1] in self.work_nouns


DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our"}


def _surname_aliases(people) -> dict[str, str]:
    """A one-word person id -> the full name's id, when exactly one full name in the article ends so
    ("person/thorne" -> "person/maya-thorne"), so an edge lands on the canonical node."""
    by_last: dict[str, set[str]] = {}
    for person in people:
        entity = person.value.get("entity") or ""
        parts = entity.removeprefix("person/").split("-")
        if len(parts) > 1:
            by_last.setdefault(f"person/{parts[-1]}", set()).add(entity)
    return {alias: next(iter(ids)) for alias, ids in by_last.items() if len(ids) == 1}
ORGANISATION_TYPES = {"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"}


def _job_title_before(doc: Doc, name_start: int, role: str) -> str | None:
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


def _governing_verb(token: Token) -> Token | None:
    """The verb a date attaches to: through 'on'/'in' prepositions and noun modifiers."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.pos_ in {"VERB", "AUX"} or (ancestor.pos_ == "ADJ" and ancestor.lemma_ == "out"):
            return ancestor
    return None


def _attached_to(title: Span, verb: Token) -> bool:
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
