"""What the text shows about a candidate: an organisation, or something else the models tag ORG.

`shown_an_organization` is strong evidence (an organisation word ending the name, an organisation noun
before it or in apposition, a well-known name); it saves a candidate from the weaker tests of
`shown_not_an_organization` (a product noun after it, a place preposition before it, "called X").
`never_an_organization` holds whatever the evidence: events and awards, boilerplate, a capitalized
sentence opener that is no proper noun.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..spans import capitalized_word, doc_index
from .candidates import Candidate
from .rules import OrganizationRules

# Base-model labels of places and facilities: the same words tagged so are no organisation.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TRAINED_PLACE = "LOC"  # the trained NER's label of a place
# What introduces a product's or an alias's name: "software called TrueVoice".
_NAMING_WORDS = frozenset({"called", "named", "dubbed", "codenamed"})
_SCORE_DASHES = frozenset({"-", "–", "—"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "my", "our", "your"})


def name_words(span: Span) -> list[str]:
    return doc_index(span.doc).lowers[span.start:span.end]


def never_an_organization(rules: OrganizationRules, span: Span) -> bool:
    """An event, an award, a chart, a place name by its last word; a chart or an index by the number after
    it ("the Billboard 200", "the FTSE 100"); boilerplate; no name at all."""
    words = name_words(span)
    name = " ".join(words)
    if name in rules.boilerplate or name in rules.events or name in rules.places \
            or rules.ends_with(words, rules.event_endings):
        return True
    if _numbers_a_list(span):
        return True
    if all(token.is_lower or token.is_punct or token.like_num for token in span) or len(span.text) < 2:
        return True  # no name, or one letter ("N / A" in a table)
    # one capitalized word opening a sentence or a line that is no proper noun: "Best actress went to ..."
    return len(span) == 1 and opens_a_sentence(span[0]) and span[0].pos_ != "PROPN" and not span[0].is_upper


def _numbers_a_list(span: Span) -> bool:
    """A number of 10 or more right after the name, not a score ("4-1") and not a results line."""
    doc = span.doc
    if span.end >= len(doc) or opens_a_sentence(span[0]):
        return False
    after = doc[span.end]
    following = doc[span.end + 1] if span.end + 1 < len(doc) else None
    # isdecimal and a length bound: int() of a 5,000-digit or non-ASCII-digit token fails or takes long
    return after.text.isdecimal() and after.text.isascii() and len(after.text) <= 6 and int(after.text) >= 10 \
        and "\n" not in after.whitespace_ \
        and (following is None or (following.text not in _SCORE_DASHES and not following.is_space))


def opens_a_sentence(token: Token) -> bool:
    """The token opens a sentence, or a line (the parser may start the sentence at the line break)."""
    if token.is_sent_start or token.i == 0:
        return True
    before = token.doc[token.i - 1]
    return before.is_space or "\n" in before.whitespace_


def shown_an_organization(rules: OrganizationRules, doc: Doc, span: Span) -> bool:
    """Strong evidence: "Carrow Foods", "the snack maker X", "X, the company behind ...", "the GMB union",
    a well-known name."""
    words = name_words(span)
    if rules.ends_with(words, rules.endings) and len(words) > 1 or " ".join(words) in rules.known:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_lower and before.lower_ in rules.nouns:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_lower and after.lower_ in rules.nouns_after:
        return True
    return any(child.dep_ == "appos" and child.i >= span.end and child.lower_ in rules.nouns
               for child in span.root.children)


def shown_not_an_organization(rules: OrganizationRules, doc: Doc, span: Span) -> bool:
    """Weaker evidence that the name is a product or a place."""
    return _a_product(rules, doc, span) or _a_place(rules, doc, span)


def _a_product(rules: OrganizationRules, doc: Doc, span: Span) -> bool:
    """"Windows computers", "its SkyPilot software", "software called TrueVoice", "its voice assistant, Nari",
    "Sable 3"."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and (before.lower_ in _POSSESSIVE_PRONOUNS or before.lower_ in _NAMING_WORDS):
        return True
    root = span.root
    if root.dep_ == "appos" and root.head.lower_ in rules.product_nouns:
        return True  # "Its voice assistant, Nari, ..."
    if after is None:
        return False
    if after.is_lower and after.lower_ in rules.product_nouns:
        return True
    # a model number after the name ("Sable 3", "Orbit 7 smartphone"), not a score: "beat Ashby Town 4-1",
    # "Fenwick Town 2 Kingsport Rovers 1" in a results line
    following = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return after.like_num and not opens_a_sentence(span[0]) and (before is None or not before.like_num) \
        and (following is None or following.text not in _SCORE_DASHES) and "\n" not in after.whitespace_ \
        and (following is None or not following.is_space)


def _a_place(rules: OrganizationRules, doc: Doc, span: Span) -> bool:
    """The same words tagged a place, "the sites in Wrexham and Corby", "for Corby, where ...", "the capital X"."""
    index = doc_index(doc)
    if any(start < span.end and span.start < end for start, end, _ in index.entities_labelled(PLACE_LABELS)):
        return True
    if any(start < span.end and span.start < end
           for start, end, _ in index.entities_labelled(frozenset({TRAINED_PLACE}), trained=True)):
        return True
    if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "where":
        return True
    if _after_a_place_noun(rules, doc, span.start):
        return True
    head = _first_conjunct(span.root)
    preposition = head.head
    if head.dep_ != "pobj":
        return False
    if preposition.lower_ in rules.place_prepositions and preposition.head.lower_ not in rules.holdings_in:
        return True
    return preposition.lower_ == "to" and _from_a_place(preposition.head)


def _from_a_place(token: Token) -> bool:
    """"from Leeds to Carlisle": the word "to" hangs on also has "from" and a place."""
    return any(child.dep_ == "prep" and child.lower_ == "from"
               and any(grand.dep_ == "pobj" and grand.ent_type_ in PLACE_LABELS for grand in child.children)
               for child in token.children)


def _after_a_place_noun(rules: OrganizationRules, doc: Doc, start: int) -> bool:
    """"the capital Dushanbe", "the town of Uyo"."""
    before = start - 1
    if before >= 1 and doc[before].lower_ == "of":
        before -= 1
    return before >= 0 and doc[before].is_lower and doc[before].lower_ in rules.place_nouns


def _first_conjunct(token: Token) -> Token:
    """The first of a coordination the token belongs to: "Wrexham" for "Corby" in "in Wrexham and Corby"."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def cut_from_a_name(doc: Doc, span: Span, candidates: list[Candidate]) -> bool:
    """The models cut the words out of a longer name: a capitalized word follows ("Freakier Friday topped the
    charts"), unless the longer words open another candidate ("Labour Democrat" of "Labour Democrats")."""
    if span.end >= len(doc) or not capitalized_word(doc[span.end]):
        return False
    longer = f"{span.text} {doc[span.end].text}".casefold()
    return not any(doc[c.start:c.end].text.casefold().startswith(longer) for c in candidates)
