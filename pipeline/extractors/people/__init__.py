"""People: the model's PERSON corrected by rules, with canonical names and roles.

The model finds most names but cuts some short ("Yoo" of "Yoo In-soo"), takes
titles, charts and bands for people, and misses names that only appear as a
surname, in all-caps headlines or in "R. Dawes"-style sports tables. The
rules here fix those cases, resolve every short mention to the full name
used in the article, and read roles from bylines, cue phrases ("created by",
"stars ... in the lead roles") and job titles before or after a name. Word
lists live in `configs/patterns/people.toml`.

The component below only runs the rules in order; each module holds the rules of one decision:
`candidates` (where a person can start), `names` (where a name starts and ends), `groups` and `filters`
(what a candidate is not), `evidence` (what a sentence shows about a lone name), `lists`, `propagate`
(later short mentions and full names) and `roles`. `rules` reads the word lists once.
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from ...article import Article
from ...entities import entity_id
from ...mention import Found, Mention
from ...nlp import TRAINED_NER
from ..registry import register
from ..base import ExtractorContext
from .candidates import all_candidates
from .document import Candidate, DocEvidence, doc_evidence
from .evidence import lone_names_acting_as_people
from .filters import is_person_like
from .groups import names_shown_not_people
from .lists import name_list_members
from .names import cleaned, merged_across_particles, trimmed_in_headlines, without_overlaps
from .propagate import canonical_names, propagated
from .roles import add_byline_roles, add_cue_roles, add_job_roles
from .rules import PeopleOptions, PeopleRules, load_rules

# Confidence of a mention by the rule that found it.
CONFIDENCE = {"subject": 0.65, "table": 0.7, "ner": 0.8, "initials": 0.75, "list": 0.7, "byline": 0.9,
              "propagated": 0.7, "cue": 0.75, "trained": 0.75}
# What the `extractor` field of a fact says for the candidates the models found (rules are "rule:<source>").
MODEL_LABELS = {"ner": "ner:PERSON", "trained": f"{TRAINED_NER}:PERSON"}

__all__ = ["PersonExtractor", "PeopleOptions", "PeopleRules"]


@register("people")
class PersonExtractor:
    kinds = ("person",)
    requires = ("ner", "parser", "tagger", "attribute_ruler")  # entities, sentences, POS

    Options = PeopleOptions

    @staticmethod
    def requires_for(options: PeopleOptions) -> tuple[str, ...]:
        return (TRAINED_NER,) if options.trained_ner_veto or options.trained_ner_people else ()

    def __init__(self, context: ExtractorContext, options: PeopleOptions):
        self.options = options
        self.rules = load_rules(context, options)

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        # Evidence about this one document lives in a per-call object, never on the instance, so that
        # one extractor can serve several documents at once.
        evidence = doc_evidence(doc, article.text, found)
        people = self._people(doc, article, evidence)
        canonical = canonical_names(doc, people)
        add_job_roles(self.rules, doc, people, evidence.titles)
        add_cue_roles(self.rules, doc, people, evidence.titles)
        add_byline_roles(doc, article, people)
        for candidate in sorted(people, key=lambda c: c.start):
            span = doc[candidate.start:candidate.end]
            name = canonical[candidate.start]
            roles = []
            for role in candidate.roles:
                if role not in roles:
                    roles.append(role)
            yield Mention("person", span.start_char, span.end_char,
                          {"name": name, "entity": entity_id("person", name), "roles": roles},
                          CONFIDENCE[candidate.source],
                          MODEL_LABELS.get(candidate.source, f"rule:{candidate.source}"))

    def _people(self, doc: Doc, article: Article, evidence: DocEvidence) -> list[Candidate]:
        """The people of the document, without overlaps, before roles: candidates cleaned and filtered, lone
        surnames the sentence shows are people, list members and later short mentions."""
        rules = self.rules
        candidates = [c for c in (cleaned(rules, doc, c) for c in all_candidates(rules, doc, article, evidence.titles))
                      if c is not None]
        evidence.not_people, evidence.groups = names_shown_not_people(rules, doc, candidates)
        kept = [c for c in candidates if is_person_like(rules, doc, c, evidence)]
        taken = {i for c in kept for i in range(c.start, c.end)}
        lone = [c for c in lone_names_acting_as_people(rules, doc, evidence)
                if c.start not in taken and is_person_like(rules, doc, c, evidence)]
        # What a sentence shows about a name outweighs how the model labels it elsewhere: the other mentions
        # of a surname shown to be a person may be propagated again.
        evidence.not_people -= {doc[c.start:c.end].text.lower() for c in lone} - evidence.groups
        kept = trimmed_in_headlines(doc, kept + lone)
        kept = merged_across_particles(doc, without_overlaps(kept))
        if self.options.expand_name_lists:
            kept = without_overlaps(kept + list(name_list_members(rules, doc, kept, evidence)))
        if self.options.propagate_surnames:
            kept = without_overlaps(kept + list(propagated(rules, doc, kept, evidence)))
        return kept
