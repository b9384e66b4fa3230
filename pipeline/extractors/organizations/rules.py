"""What the organisation rules know before they see a document: the options and the word lists.

Read once when the extractor is built, into one frozen `OrganizationRules`. The word lists live in
`configs/patterns/organizations.toml`.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from ...errors import ConfigError
from ..base import ExtractorContext, read_pattern_toml


@dataclass
class OrganizationOptions:
    """`[extractors.organizations]` in the config."""

    patterns: str = "patterns/organizations.toml"
    # Read the trained NER's ORG spans (`[model] trained_ner`, models/news_ner) beside the base model's ORG.
    trained_ner: bool = True
    # A base-model ORG that the trained NER does not confirm is kept only with evidence in the text (an
    # organisation word ending the name, an organisation noun beside it, a well-known name, the same name
    # confirmed elsewhere in the article). Off: every base ORG that passes the filters is kept.
    base_ner_needs_evidence: bool = True
    # Tag later mentions of a name found in the article that neither model tagged ("Carrow" after
    # "Carrow Foods").
    propagate: bool = True


@dataclass(frozen=True)
class OrganizationRules:
    """The word lists, lower case."""

    options: OrganizationOptions
    endings: frozenset[str]  # "Foods", "Securities": a name ending so is an organisation
    short_form_endings: frozenset[str]  # "Town": what a short form leaves out besides `endings`
    nouns: frozenset[str]  # "the snack maker X", "X, the company behind ...": a noun naming an organisation
    nouns_after: frozenset[str]  # "the GMB union": an organisation noun right after the name
    company_nouns: frozenset[str]  # "X's subscribers", "X has 82 million subscribers": what a company has
    company_verbs: frozenset[str]  # "X raised the price", "X renewed the drama W": what a company does
    known: frozenset[str]  # well-known organisations
    event_endings: frozenset[str]  # "... Awards", "... Open": events, awards and places, not organisations
    events: frozenset[str]  # "Oscars", "Baftas"
    places: frozenset[str]  # "Soviet Union": states named like organisations
    place_nouns: frozenset[str]  # "the town of X": a place
    product_nouns: frozenset[str]  # "Windows computers", "its FlyPass app"
    holdings_in: frozenset[str]  # "shares in X": not a place
    place_prepositions: frozenset[str]  # "the sites in X": a place
    boilerplate: frozenset[str]  # "Getty Images"
    known_matcher: PhraseMatcher  # the `known` names, matched case-insensitively (the case is checked after)

    def ends_with(self, words: list[str], endings: frozenset[str]) -> bool:
        """The last word, or the last two, of a name (lower case) are in `endings`."""
        return bool(words) and (words[-1] in endings or " ".join(words[-2:]) in endings)


_LISTS = {
    "evidence": ("endings", "short_form_endings", "nouns", "nouns_after", "company_nouns", "company_verbs", "known"),
    "not_organizations": ("event_endings", "events", "places", "place_nouns", "product_nouns", "holdings_in",
                          "place_prepositions", "boilerplate"),
}


def load_rules(context: ExtractorContext, options: OrganizationOptions) -> OrganizationRules:
    path = context.resolve(options.patterns)
    data = read_pattern_toml(path, "extractors.organizations.patterns")
    lists = {}
    for table, keys in _LISTS.items():
        section = data.get(table, {})
        for key in keys:
            words = section.get(key, [])
            if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
                raise ConfigError(f"extractors.organizations.patterns: {path}: [{table}] {key} must be a list of "
                                  f"strings")
            lists[key] = frozenset(word.lower() for word in words)
    matcher = PhraseMatcher(context.nlp.vocab, attr="LOWER")
    matcher.add("known", [context.nlp.make_doc(name) for name in sorted(lists["known"])])
    return OrganizationRules(options=options, known_matcher=matcher, **lists)
