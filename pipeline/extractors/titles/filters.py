"""What a title-like span is not: a place, a platform, a company, a person, a citation, a headline.

Also the parts of a span that are no part of the work: its owner ("Ann Lee's") and its credit
("by Ann Lee"). Each function answers from the Doc's entities and the lexicon alone.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from ...article import Article
from ..spans import after_possessive, doc_index
from .lexicon import TitleLexicon, normalize_key

# Entity labels that name no work: a title-case run that reaches one of them has ended.
NON_LABELS = {"PERSON", "GPE", "NORP", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Token-joined "Sean O 'Brien", "Madame d 'Arcy": the apostrophe glues a name, it opens no quote.
ELIDED_NAME = re.compile(r"(?:^|\s)[ODd] ['’]$")


def follows_elided_name(text: str, start: int) -> bool:
    """The span at `start` is the rest of a surname such as "O 'Brien", not a quoted title."""
    return ELIDED_NAME.search(text[max(0, start - 4):start]) is not None


def is_excluded(lexicon: TitleLexicon, text: str, start: int, end: int, article: Article) -> bool:
    """A platform, a stop word, a listed non-title ("Top 10", "* Awards") or the whole headline."""
    key = normalize_key(text)
    if not key or key in lexicon.platforms or key in STOP_WORDS:
        return True
    if lexicon.not_title_regex is not None and lexicon.not_title_regex.match(key):
        return True
    headline = article.headline_span
    if headline and start <= headline[0] and end >= headline[1]:
        return True
    return False


def is_named_other(lexicon: TitleLexicon, span: Span, allow_dates: bool = False) -> bool:
    """Places, nationalities, dates and platforms are never titles, whatever the cue."""
    key = normalize_key(span.text)
    if key in lexicon.platforms:
        return True
    labels = ("GPE", "NORP", "LOC", "LANGUAGE") if allow_dates else ("GPE", "NORP", "LOC", "DATE", "TIME",
                                                                      "LANGUAGE")
    for start, end, label in doc_index(span.doc).entity_bounds:
        if start <= span.start and end >= span.end and label in labels:
            return True
    return False


def is_owner(lexicon: TitleLexicon, span: Span) -> bool:
    """A platform, company or person that a following title belongs to."""
    if normalize_key(span.text) in lexicon.platforms:
        return True
    return all(t.ent_type_ in ("ORG", "GPE", "NORP") for t in span)


def is_org(span: Span) -> bool:
    return all(t.ent_type_ in ("ORG", "FAC") for t in span)


def is_person_name(span: Span) -> bool:
    """Exactly a PERSON entity of two or more tokens (one capitalized word proves little)."""
    return any(label == "PERSON" and start == span.start and end == span.end and len(span) > 1
               for start, end, label in doc_index(span.doc).entity_bounds)


def has_person(span: Span) -> bool:
    return any(t.ent_type_ == "PERSON" for t in span)


def starts_person(span: Span) -> bool:
    return any(t.ent_iob_ == "B" and t.ent_type_ == "PERSON" for t in span)


def cites_pages(doc: Doc, index: int) -> bool:
    """A page reference follows: ", p.14", ": pp. 291-92" (a citation of an author's work by year)."""
    if index < len(doc) and doc[index].text in (",", ":"):
        index += 1
    return index < len(doc) and re.match(r"pp?\.", doc[index].text) is not None


def is_verb_use(doc: Doc, index: int) -> bool:
    """"who plays Maren", "Rovers play Dunmore City": the cue word is a verb after its subject.
    The tagger alone is not trusted: it also calls the noun of "TV shows Star Search" a verb."""
    token = doc[index]
    if token.pos_ not in ("VERB", "AUX") or index == 0:
        return False
    previous = doc[index - 1]
    noun_like = previous.pos_ in ("DET", "ADJ", "NUM") or previous.tag_ == "PRP$" \
        or (previous.is_lower and previous.pos_ == "NOUN") or (previous.is_upper and len(previous) <= 4)
    return not noun_like


def is_unlabelled_name(doc: Doc, end: int) -> bool:
    """Two or three capitalized proper nouns the model left unlabelled ("Doja Cat"), standing alone:
    "A Hard Day's Night" and "Father's Son" are titles with a possessive inside."""
    start = end
    while start > 0 and end - start < 4 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    if not 2 <= end - start <= 3:
        return False
    return start == 0 or not doc[start - 1].is_title or doc[start - 1].is_sent_start


def may_stand_in_possessed_title(token: Token, owner: Token, span: Span) -> bool:
    """The model labels the words of an unknown title as anything; only a new name or place is a stop."""
    if token.ent_type_ in ("", "WORK_OF_ART", "PRODUCT"):
        return True
    if token.ent_type_ in ("ORG", "PERSON") and token.ent_iob_ == "I" and owner.ent_type_ == token.ent_type_:
        return True  # the owner's entity ran on into the title: "Angel Studios' Sketch", "Ann Lee's Glass"
    return token.ent_type_ in ("DATE", "LOC") and token.i > span.start


def after_owner(span: Span) -> Span:
    """The part of a span after a person's possessive ("The Salt Road" of "Ann Lee's The Salt Road"),
    else the span."""
    doc = span.doc
    for start, end, label in doc_index(doc).entity_bounds:
        if label != "PERSON" or start != span.start:
            continue
        after = after_possessive(doc, end - 1) or after_possessive(doc, end)  # "Ann Lee '" or "Ann Lee"
        if after is not None and after < span.end:
            return doc[after:span.end]
    return span


def end_before_credit(span: Span) -> int | None:
    """"The Salt Road by Ann Lee": the token where a title that ran on into its credit ends, when a
    person's name fills the rest ("Stand by Me" keeps its "by": no name follows); else None."""
    doc = span.doc
    for token in span[1:-1]:
        if token.lower_ != "by":
            continue
        rest = doc[token.i + 1:span.end]
        people = [end for start, end, label in doc_index(doc).entity_bounds
                  if label == "PERSON" and start == rest.start]
        if people and people[0] >= rest.end and token.i > span.start:
            return token.i
    return None
