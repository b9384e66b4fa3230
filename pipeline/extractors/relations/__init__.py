"""Relation facts: edges between the entities the other extractors found.

Runs last. Each family of rules is its own module and reads the parse and what earlier extractors found:
- `roles`: the byline -> author_of (person -> the article), a job title -> has_role, a job at an organisation
  -> works_for;
- `works`: cast_in / creator_of / director_of / writer_of / producer_of / host_of from the parse, beside the
  work roles the people extractor already tied to a title;
- `releases`: premiered_on / released_on (a title and a date tied by a release verb) and released_by;
- `quotes`: said (speaker -> the quoted or reported words);
- `quantities`: quantity_of (a numeric claim -> the entity it measures).
Nothing here re-reads the text for names: it links what was already found.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.tokens import Doc

from ...article import Article
from ...ids import article_entity, fact_id, quantity_entity
from ...mention import RELATION, Found, Mention
from ..base import ExtractorContext, read_pattern_toml
from ..registry import register
from .index import Entity, EntityIndex
from .quantities import QuantityRules, quantity_links
from .quotes import said_relations
from .releases import publishers, release_dates
from .roles import apposition_jobs, bare_titles, employers, job_title_before
from .music import music_links
from .works import WorkCues, credits_something_else, work_in_reach, work_links


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
        work_nouns = frozenset(data.get("work_nouns", {}).get("words", []))
        quantity_of = data.get("quantity_of", {})
        self.quantity_rules = QuantityRules(
            frozenset(quantity_of.get("quantities", [])), frozenset(quantity_of.get("people_units", [])), work_nouns,
            frozenset(quantity_of.get("work_units", [])), frozenset(quantity_of.get("never_units", [])),
            frozenset(quantity_of.get("distance_units", [])), frozenset(quantity_of.get("audience_units", [])))
        self.not_job_titles = {word.lower() for word in data.get("has_role", {}).get("not_job_titles", [])}
        self.credits = {word.lower() for word in data.get("has_role", {}).get("credits", [])}
        self.job_words = frozenset(word.lower() for word in data.get("works_for", {}).get("job_words", []))
        self.office_words = frozenset(word.lower() for word in data.get("works_for", {}).get("offices", []))
        self.speech_verbs = frozenset(data.get("said", {}).get("verbs", []))
        self.release_lemmas = frozenset(self.date_verbs) | frozenset(data.get("released_by", {}).get("verbs", []))
        self.work_nouns = work_nouns
        self.work_cues = WorkCues.from_toml(data.get("work_cues", {}), work_nouns)
        self.not_jobs = frozenset(self.not_job_titles | self.credits
                                  | {word.lower() for word in data.get("has_role", {}).get("not_jobs", [])})

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        index = EntityIndex(doc, found)
        seen: set[tuple] = set()
        for mention in [*self._from_roles(doc, article, found, index), *self._works(doc, index),
                        *self._music(doc, index), *self._apposition_jobs(doc, index), *self._employers(doc, index),
                        *self._release_dates(doc, found, index), *self._publishers(doc, index), *self._said(doc, index),
                        *self._quantities(article, found)]:
            key = (mention.value["subject"], mention.value["predicate"], mention.value["object"])
            if key not in seen:
                seen.add(key)
                yield mention

    def _from_roles(self, doc: Doc, article: Article, found: Found, index: EntityIndex) -> Iterator[Mention]:
        for person in found.get("person", []):
            entity = person.value.get("entity")
            if not entity:
                continue
            for role in person.value.get("roles", []):
                name = role.get("role")
                if name == "author" and not role.get("of"):
                    yield relation(entity, "author_of", article_entity(article.doc_id), "entity",
                                   person.start, person.end, person.confidence, "byline")
                elif name in self.role_predicates or name == "author":
                    span = doc.char_span(person.start, person.end, alignment_mode="expand")
                    if role.get("of") and span is not None \
                            and not credits_something_else(doc, span, index, self.work_nouns) \
                            and work_in_reach(span, role["of"], index, self.work_nouns):
                        predicate = self.role_predicates.get(name, "writer_of")
                        yield relation(entity, predicate, role["of"], "entity",
                                       person.start, person.end, person.confidence, f"role_{name}")
                elif name and name.lower() not in self.not_job_titles:
                    title = job_title_before(doc, person.start, name)
                    # "Director X" is a credit (director_of its work), "Creative director X" a job title.
                    if title is None or title in self.credits:
                        continue
                    yield relation(entity, "has_role", title, "text", person.start, person.end,
                                   person.confidence, "job_title", org=role.get("org"))

    def _works(self, doc: Doc, index: EntityIndex) -> Iterator[Mention]:
        for link in work_links(doc, index, self.work_cues):
            start, end = _evidence(link.person, link.work, index)
            yield relation(link.person.id, link.predicate, link.work.id, "entity", start, end,
                           link.confidence, f"work_{link.rule}")

    def _apposition_jobs(self, doc: Doc, index: EntityIndex) -> Iterator[Mention]:
        for person_id, (person, job) in bare_titles(doc, index, self.not_jobs).items():
            yield relation(person_id, "has_role", job, "text", person.mention.start, person.mention.end,
                           person.mention.confidence, "job_before_name")
        for person_id, (person, job) in apposition_jobs(doc, index, self.not_jobs).items():
            yield relation(person_id, "has_role", job, "text", person.mention.start, person.mention.end,
                           person.mention.confidence, "job_apposition")

    def _music(self, doc: Doc, index: EntityIndex) -> Iterator[Mention]:
        for link in music_links(doc, index, self.work_cues):
            start, end = _evidence(link.work, link.artist, index)
            yield relation(link.artist.id, "creator_of", link.work.id, "entity", start, end,
                           min(link.artist.mention.confidence, link.work.mention.confidence), link.rule)

    def _employers(self, doc: Doc, index: EntityIndex) -> Iterator[Mention]:
        for person_id, organisation in employers(doc, index, self.job_words, self.office_words).items():
            person = next(e for e in index.entities if e.id == person_id)
            start, end = _evidence(person, organisation, index)
            yield relation(person_id, "works_for", organisation.id, "entity", start, end,
                           min(person.mention.confidence, organisation.mention.confidence), "job_at_organisation")

    def _release_dates(self, doc: Doc, found: Found, index: EntityIndex) -> Iterator[Mention]:
        for title, predicate, date, verb in release_dates(doc, found, self.date_verbs, index):
            start, end = min(title.start, date.start), max(title.end, date.end)
            yield relation(title.value["entity"], predicate, date.value["value"], "date", start, end,
                           min(title.confidence, date.confidence), f"date_verb_{verb}")

    def _publishers(self, doc: Doc, index: EntityIndex) -> Iterator[Mention]:
        for work, organisation, rule in publishers(doc, index, self.release_lemmas, self.work_nouns):
            start, end = _evidence(work, organisation, index)
            yield relation(work.id, "released_by", organisation.id, "entity", start, end,
                           min(work.mention.confidence, organisation.mention.confidence), rule)

    def _said(self, doc: Doc, index: EntityIndex) -> Iterator[Mention]:
        for said in said_relations(doc, index, self.speech_verbs):
            yield relation(said.speaker, "said", said.words, "text", said.start, said.end, 0.8, said.rule)

    def _quantities(self, article: Article, found: Found) -> Iterator[Mention]:
        for claim, target, rule in quantity_links(article, found, self.quantity_rules):
            yield relation(_quantity_of(article.doc_id, claim), "quantity_of", target, "entity",
                           claim.start, claim.end, claim.confidence, rule)


def _evidence(first: Entity, second: Entity, index: EntityIndex) -> tuple[int, int]:
    """The evidence span of an edge: both mentions and what lies between when they share a sentence, else the
    first (the one whose words carry the cue); an article's work named paragraphs before is no evidence."""
    if index.sent(first.span) == index.sent(second.span):
        return min(first.mention.start, second.mention.start), max(first.mention.end, second.mention.end)
    return first.mention.start, first.mention.end


def _quantity_of(doc_id: str, claim: Mention) -> str:
    return quantity_entity(fact_id(doc_id, claim.kind, claim.start, claim.end, claim.value))
