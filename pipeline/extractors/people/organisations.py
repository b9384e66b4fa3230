"""Names the sentence shows are organisations, teams or products: what business, sport and technology news
writes around a company ("the low-cost carrier X", "shares in X", "X ... its profit", "X chief executive Y"),
a product ("its X SUV") or a team in a results row ("Ann Lee ( Germany ) X ,").

The model tags many invented or foreign company, club and product names PERSON; the grammar around one
mention is evidence for every mention of the name (`groups.names_shown_not_people` applies it).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..spans import after_possessive, doc_index
from .rules import PeopleRules

# "shares in X", "customers of X", "employees at X": what a company has and a person does not.
_HOLDINGS_OF = ("in", "of", "at")
# Entity labels of a country or a nationality inside a results row's brackets: "( Germany )", "( GER )".
_PLACE_LABELS = ("GPE", "NORP", "LOC")


def shown_an_organisation(rules: PeopleRules, doc: Doc, span: Span, person_starts: set[int]) -> bool:
    """The words around this mention show an organisation, a team or a product."""
    return (_after_an_organisation_noun(rules, doc, span) or _owns_what_companies_own(rules, doc, span)
            or _held_in(rules, doc, span) or _takes_its(doc, span) or _described_as_an_organisation(rules, doc, span)
            or _owns_a_person(doc, span, person_starts) or _team_in_a_results_row(rules, doc, span))


def _after_an_organisation_noun(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """"the Taiwanese foundry X", "the low-cost carrier X", "the video platform X": a company or product
    noun right before the name, as its modifier."""
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return (before.is_lower and (before.lower_ in rules.group_nouns or before.lower_ in rules.product_nouns)
            and (before.head.i in range(span.start, span.end) or before.dep_ in ("compound", "appos")
                 or (span.root.head.i == before.i and span.root.dep_ in ("appos", "compound"))))


def _owns_what_companies_own(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """"X shares rose", "X's customers", "X chief executive Y", "its X SUV": the noun after the name
    (or after its possessive) is what only a company or a product is or has."""
    index = after_possessive(doc, span.end)
    index = span.end if index is None else index
    if index >= len(doc) or doc[index].is_title:  # "SUV" and "shares", not the next name
        return False
    word = doc[index].lower_
    two_words = f"{word} {doc[index + 1].lower_}" if index + 1 < len(doc) else word
    return (word in rules.company_holdings or two_words in rules.company_holdings
            or (word in rules.product_nouns and index == span.end))


def _held_in(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """"shares in X", "customers of X", "employees at X"."""
    return (span.start >= 2 and doc[span.start - 1].lower_ in _HOLDINGS_OF
            and doc[span.start - 2].lower_ in rules.company_holdings)


def _takes_its(doc: Doc, span: Span) -> bool:
    """"X released its latest model", "X is offering ... to buyers of its SUV": the name is the subject of
    a verb whose own clause goes on with "its", and neither a name nor a singular object of that verb comes
    first (in "X led the team to its first title" "its" is the team's)."""
    its_at = doc_index(doc).where_lower_in(("its",))
    if not its_at or its_at[-1] < span.end:
        return False  # no "its" after the name at all (the cheapest test first: none of them has an effect)
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = root.head
    its = _first_its(verb, span)
    if its >= len(doc) or any(t.pos_ == "PROPN" for t in doc[span.end:its]):
        return False  # "X, attacking Israel's decision ... and its policy": Israel's
    if any(child.dep_ == "dobj" and child.tag_ in ("NN", "NNP") and child.i < its for child in verb.children):
        return False
    return not _another_verb_between(doc[its], verb)


def _first_its(verb: Token, span: Span) -> int:
    """Index of the first possessive "its" in the verb's clause after the span (past the doc's end if none)."""
    return next((t.i for t in verb.subtree if t.i >= span.end and t.lower_ == "its" and t.dep_ == "poss"),
                len(verb.doc))


def _another_verb_between(token: Token, verb: Token) -> bool:
    """A verb stands between the token and the clause's verb ("X has been an opponent, taking issue with its
    ..."): "its" may belong to what that verb is about."""
    current = token.head
    while current.i != verb.i and current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("dobj", "pobj"):  # a gerund object is a noun
            return True
        current = current.head
    return current.i != verb.i


def _described_as_an_organisation(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """"X, which ...", "X, the San Francisco start-up ...": a relative "which" or an appositive company noun."""
    inside_a_phrase = span.start > 0 and doc[span.start - 1].dep_ == "prep" or span.root.dep_ in ("pobj", "agent", "conj")
    if (span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "which"
            and not inside_a_phrase):
        return True  # but in "a son of X, which plans ..." or "A and X, which ..." "which" may be the head's
    return any(child.dep_ == "appos" and child.i >= span.end and child.is_lower and child.lower_ in rules.group_nouns
               for child in span.root.children)


def _owns_a_person(doc: Doc, span: Span, person_starts: set[int]) -> bool:
    """"Solen's Max Hartmann", "Britain's Ann Lee": a name owning a full name is a team, a company or a
    country (a person's people come with a noun: "Lee's coach Bo Kim")."""
    index = after_possessive(doc, span.end)
    return index is not None and index in person_starts


def _team_in_a_results_row(rules: PeopleRules, doc: Doc, span: Span) -> bool:
    """"Max Hartmann ( Germany ) Solen , Liang Haoran ( China ) Castellan": the name after a rider's or
    driver's country in brackets is the team."""
    if span.start < 3 or doc[span.start - 1].text != ")":
        return False
    inside = doc[span.start - 2]
    if inside.ent_type_ not in _PLACE_LABELS and inside.lower_ not in rules.non_persons:
        return False
    return span.end >= len(doc) or doc[span.end].text in (",", ".", ";") or "\n" in doc[span.end].text
