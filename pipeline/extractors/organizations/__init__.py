"""Organisations: companies, platforms, broadcasters, outlets, labels, studios, clubs, parties, bands and
public bodies, with one name (and one entity id) per organisation in a document.

Candidates are, first, names that act as only a company acts, whatever a model read them as ("where
Streamline has 82 million subscribers", "X raised the price of its plan"), then the base model's ORG and the
trained NER's ORG, then, where neither model tagged anything, well-known names, names ending in an
organisation word ("Marlowe Air") and names right after an organisation noun ("the ratings body Barb")
(`candidates`). A span both models tag, or the trained NER alone
undisputed, is kept unless the text shows a product or a place and nothing shows an organisation; a span
only the base model tags needs evidence (`evidence.shown_an_organization`) or the same name kept elsewhere
in the article. Events and awards, boilerplate, the words of people and titles found before, and names in the
headline that the body does not confirm are never organisations. `names` gives later short forms and
acronyms the name of their full form and finds the mentions no model tagged. Word lists live in
`configs/patterns/organizations.toml`.

Precision comes first: the graph links every article to the organisations found in it.
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Span

from ...article import Article
from ...entities import entity_id
from ...lexicon import NameLexicon
from ...mention import ORGANIZATION, Found, Mention
from ...nlp import TRAINED_NER
from ..base import ExtractorContext
from ..registry import register
from .candidates import (ORG_LABEL, Candidate, after_an_organization_noun, known_candidates, model_candidates,
                         named_by_ending, shown_by_what_it_does)
from .evidence import cut_from_a_name, never_an_organization, shown_an_organization, shown_not_an_organization
from .names import acronym_of, canonical_names, initials, later_mentions, short_forms, surface_at
from .rules import OrganizationOptions, OrganizationRules, load_rules

# Confidence of a mention by what found it.
CONFIDENCE = {"both": 0.85, "trained": 0.8, "known": 0.75, "noun": 0.75, "ner": 0.7, "ending": 0.7,
              "context": 0.7, "propagated": 0.65}
# What the `extractor` field of a fact says.
EXTRACTOR_LABELS = {"both": f"ner+{TRAINED_NER}:ORG", "trained": f"{TRAINED_NER}:ORG", "ner": "ner:ORG",
                    "known": "rule:known", "ending": "rule:name_ending", "noun": "rule:organization_noun",
                    "context": "rule:company_context", "propagated": "rule:propagated"}
# Work nouns a company renews, commissions or cancels: "X has renewed the drama W".
WORK_NOUNS = frozenset({"series", "show", "drama", "film", "movie", "documentary", "programme", "program", "season",
                        "sitcom", "comedy", "thriller", "podcast", "franchise"})
# Found kinds whose words are never an organisation's.
CLAIMING_KINDS = ("person", "title")
# Which words count as everyday English for a short form ("Carrow" yes, "Civic" no): wordfreq Zipf frequency.
COMMON_WORD_ZIPF = 3.0

__all__ = ["OrganizationExtractor", "OrganizationOptions", "OrganizationRules"]


@register("organizations")
class OrganizationExtractor:
    kinds = (ORGANIZATION,)
    requires = ("ner", "parser", "tagger", "attribute_ruler")  # entities, sentences, POS, dependencies

    Options = OrganizationOptions

    @staticmethod
    def requires_for(options: OrganizationOptions) -> tuple[str, ...]:
        return (TRAINED_NER,) if options.trained_ner else ()

    def __init__(self, context: ExtractorContext, options: OrganizationOptions):
        self.options = options
        self.rules = load_rules(context, options)
        self.lexicon = NameLexicon([], [], COMMON_WORD_ZIPF)

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        blocked = _claimed_tokens(doc, [(m.start, m.end) for kind in CLAIMING_KINDS for m in found.get(kind, ())]
                                  + list(article.byline_spans))
        accepted = self._accepted(doc, article, self._candidates(doc, blocked))
        canonical = canonical_names(doc, accepted, self.rules.endings | self.rules.short_form_endings,
                                    article.headline_span)
        mentions = [(candidate, canonical[candidate.start]) for candidate in accepted]
        if self.options.propagate:
            taken = blocked | {i for c in accepted for i in range(c.start, c.end)}
            shorts = short_forms(doc, accepted, canonical, self.rules.endings, self.lexicon.is_common_word)
            mentions += later_mentions(doc, accepted + shorts, canonical, taken)
        for candidate, name in sorted(mentions, key=lambda item: item[0].start):
            span = doc[candidate.start:candidate.end]
            yield Mention(ORGANIZATION, span.start_char, span.end_char,
                          {"name": name, "entity": entity_id(ORGANIZATION, name)},
                          CONFIDENCE[candidate.source], EXTRACTOR_LABELS[candidate.source])

    def _candidates(self, doc: Doc, blocked: set[int]) -> list[Candidate]:
        """The models' candidates, then each rule's where no earlier source took the words, in text order."""
        rules = self.rules
        # What a name does outranks what a model read it as ("Streamline" raised its prices: tagged a place).
        candidates = shown_by_what_it_does(doc, rules.company_nouns, rules.company_verbs, WORK_NOUNS)
        candidates = [c for c in candidates if not any(i in blocked for i in range(c.start, c.end))]
        taken = {i for c in candidates for i in range(c.start, c.end)}
        candidates += [c for c in model_candidates(doc, self.options.trained_ner)
                       if not any(i in blocked or i in taken for i in range(c.start, c.end))]
        for rule in (lambda: known_candidates(doc, rules.known_matcher, self.lexicon.is_common_word),
                     lambda: named_by_ending(doc, rules.endings),
                     lambda: after_an_organization_noun(doc, rules.nouns)):
            taken = blocked | {i for c in candidates for i in range(c.start, c.end)}
            candidates += [c for c in rule() if not any(i in taken for i in range(c.start, c.end))]
        return sorted(candidates, key=lambda c: c.start)

    def _accepted(self, doc: Doc, article: Article, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates that are organisations: body ones by their evidence, then those only one model
        found with no evidence of their own whose name the kept ones confirm, then the headline's the body
        confirms."""
        rules, options = self.rules, self.options
        headline = article.headline_span
        in_headline = [c for c in candidates if headline and headline[0] <= doc[c.start].idx < headline[1]]
        body = [c for c in candidates if c not in in_headline and not never_an_organization(rules, doc[c.start:c.end])]
        kept, unconfirmed = [], []
        for candidate in body:
            span = doc[candidate.start:candidate.end]
            if candidate.source == "context" or shown_an_organization(rules, doc, span):
                kept.append(candidate)
            elif shown_not_an_organization(rules, doc, span) or cut_from_a_name(doc, span, candidates):
                continue
            elif candidate.source == "both" or not options.base_ner_needs_evidence \
                    or (candidate.source == "trained" and not self._disputed(span)):
                kept.append(candidate)
            else:
                unconfirmed.append(candidate)
        names = {surface_at(doc, c).casefold() for c in kept}
        kept += [c for c in unconfirmed if _confirmed(surface_at(doc, c), names)]
        names = {surface_at(doc, c).casefold() for c in kept}
        kept += [c for c in in_headline if surface_at(doc, c).casefold() in names]
        return sorted(kept, key=lambda c: c.start)

    def _disputed(self, span: Span) -> bool:
        """The trained NER alone reads an organisation where the base model reads something else (a person,
        a place, a work: "on the Danube"), or in everyday words only ("Homecoming Queen")."""
        return any(token.ent_type_ not in ("", ORG_LABEL) for token in span) \
            or all(self.lexicon.is_common_word(token.text) for token in span if token.is_alpha)


def _confirmed(name: str, kept_names: set[str]) -> bool:
    """The name, its acronym or a longer name it opens or ends is kept elsewhere in the article."""
    key = name.casefold()
    acronym = acronym_of(name)
    return key in kept_names or any(
        (acronym is not None and initials(kept) == acronym)
        or (len(kept.split()) > len(key.split()) and (kept.startswith(key + " ") or kept.endswith(" " + key)))
        for kept in kept_names)


def _claimed_tokens(doc: Doc, char_spans: list[tuple[int, int]]) -> set[int]:
    """Tokens that overlap any of the character spans (people's and titles' words, bylines)."""
    claimed = set()
    for start, end in char_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            claimed.update(range(span.start, span.end))
    return claimed
