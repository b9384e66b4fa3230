"""What a title looks like: title-case words, the runs they form, a quote that reads as a title.

A cue word points left or right ("the series X", "X premiered"); `run_right` and `run_left`
find the title-case run on that side, and `trimmed` cuts it to what a title may be.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..spans import is_possessive, text_of
from .filters import NON_LABELS, is_owner
from .lexicon import TitleLexicon

# Lowercase words a title may contain; everything else in a title is capitalized.
QUOTE_FUNCTION_WORDS = {"of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "from", "by", "is",
                        "are", "or", "us", "it", "my", "me", "not", "no", "as", "be", "was", "out", "up", "de", "la",
                        "le", "y", "vs", "vs."}
SENTENCE_END = re.compile(r"[.,;]$")
# A lowercase word joining two names: "Driftwood with Tom Ellery", "Zatoichi and Hero".
LIST_JOINERS = {"with", "and", "by", "at", "from", "for", "in", "on", "&", "as", "to"}
# A run may look this many tokens past `max_words` words: connectors and punctuation are no words.
RUN_SLACK = 4


def starts_sentence(token: Token) -> bool:
    """A sentence start the text shows, not only the parser: the parser splits inside long titles."""
    if token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return token.is_sent_start and (previous.text in (".", "!", "?", ":", ";", "\"", "”") or previous.is_space
                                    or "\n" in text_of(token.doc)[previous.idx:token.idx])


def is_title_word(token: Token) -> bool:
    """Capitalized, or a number inside a sentence ("Ocean's 11", but not "12 episodes" opening one)."""
    first = token.text[0]
    return first.isupper() or (first.isdigit() and not starts_sentence(token))


def is_connector(lexicon: TitleLexicon, token: Token) -> bool:
    return token.lower_ in lexicon.connectors and not starts_sentence(token)


def is_hard_break(lexicon: TitleLexicon, token: Token) -> bool:
    if token.is_space or "\n" in token.text:
        return True
    return token.is_punct and token.lower_ not in lexicon.connectors


def starts_line(doc: Doc, token: Token) -> bool:
    return token.i > 0 and "\n" in text_of(doc)[doc[token.i - 1].idx:token.idx]


def breaks_run(lexicon: TitleLexicon, doc: Doc, token: Token) -> bool:
    """A line break or sentence-like punctuation ends a title."""
    return is_hard_break(lexicon, token) or starts_line(doc, token)


def _ends_run_right(lexicon: TitleLexicon, doc: Doc, end: int, in_list: bool) -> bool:
    token = doc[end]
    if breaks_run(lexicon, doc, token) or starts_sentence(token) or (in_list and token.lower_ in ("and", "&")):
        return True
    # "... is at No. 4": a chart rank follows the title
    return token.lower_ in ("no", "no.") and end + 1 < len(doc) and (doc[end + 1].like_num or doc[end + 1].text == ".")


def run_right(lexicon: TitleLexicon, doc: Doc, start: int, in_list: bool = False) -> Span | None:
    """The title-case run that starts at token `start`: "Meet The Fockers", "All of Us are Dead".

    In a list ("Zatoichi and Hero") "and" separates titles instead of joining words of one.
    """
    if start >= len(doc) or not is_title_word(doc[start]) or breaks_run(lexicon, doc, doc[start]):
        return None
    end = start + 1
    last_word = start
    while end < len(doc) and end - start < lexicon.max_words + RUN_SLACK:
        token = doc[end]
        if _ends_run_right(lexicon, doc, end, in_list):
            break
        if is_possessive(token) and is_owner(lexicon, doc[start:end]):
            start = end + 1  # "HBO's House of the Dragon": the title starts after the owner
            last_word = start
            end += 2
            if start >= len(doc) or not is_title_word(doc[start]):
                return None
            continue
        if is_title_word(token):
            previous = doc[end - 1]
            if (previous.is_lower and previous.lower_ in LIST_JOINERS and token.ent_iob_ == "B"
                    and token.ent_type_ in NON_LABELS - {"GPE", "NORP", "LOC"}):
                break  # "Driftwood with Tom Ellery": a joining word, then a new name
            last_word = end
        elif not is_connector(lexicon, token):
            break
        end += 1
    end = last_word + 1
    if end < len(doc) and doc[end].text in ("?", "!") and not doc[end - 1].whitespace_:
        end += 1
    return trimmed(lexicon, doc, start, end)


def run_left(lexicon: TitleLexicon, doc: Doc, end: int, in_list: bool = False) -> Span | None:
    """The title-case run that ends just before token `end`."""
    last = end - 1
    if last < 0 or not is_title_word(doc[last]) or is_hard_break(lexicon, doc[last]):
        return None
    start = last
    first_word = last
    while start > 0 and last - start < lexicon.max_words + RUN_SLACK:
        if starts_sentence(doc[start]) or starts_line(doc, doc[start]):
            break
        token = doc[start - 1]
        if is_hard_break(lexicon, token) or (in_list and token.lower_ in ("and", "&")):
            break
        if is_possessive(token) and start >= 2 and doc[start - 2].ent_type_ in ("PERSON", "ORG"):
            break  # "Benedict Osei's The Cartographer's Daughter": the owner is no part of the title
        if is_title_word(token):
            first_word = start - 1
        elif not is_connector(lexicon, token):
            break
        elif token.lower_ in LIST_JOINERS and start - 2 >= 0 and doc[start - 2].ent_type_ in NON_LABELS | {"ORG"}:
            break
        start -= 1
    return without_opening_word(lexicon, doc, first_word, last)


def without_opening_word(lexicon: TitleLexicon, doc: Doc, first_word: int, last: int) -> Span | None:
    """doc[first_word:last + 1] less a sentence's first word that only the sentence capitalized."""
    while (first_word < last and starts_sentence(doc[first_word]) and is_title_word(doc[first_word + 1])
           and doc[first_word].pos_ in ("ADJ", "ADV", "VERB", "ADP", "SCONJ", "INTJ", "CCONJ")):
        first_word += 1
    if first_word > last:
        return None
    if first_word == last and starts_sentence(doc[first_word]) and doc[first_word].pos_ not in ("PROPN", "X"):
        return None  # "Murdered director ...", "Seasoned film-makers": a sentence's first word, not a title
    return trimmed(lexicon, doc, first_word, last + 1)


def trimmed(lexicon: TitleLexicon, doc: Doc, start: int, end: int) -> Span | None:
    """doc[start:end] without outer punctuation and a trailing "'s"; None if too long or not capitalized."""
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and ((doc[end - 1].is_punct and doc[end - 1].text not in ("?", "!"))
                           or is_possessive(doc[end - 1])):
        end -= 1
    if start >= end or sum(1 for t in doc[start:end] if t.is_alpha or t.like_num) > lexicon.max_words:
        return None
    if not doc[start].text[0].isupper():
        return None  # "12 episodes": a count, not a title
    return doc[start:end]


def quote_looks_like_title(lexicon: TitleLexicon, content: str) -> bool:
    """Mostly capitalized words, short, no sentence end: "Lady of the Lake", not "a remarkable show"."""
    words = content.split()
    if not words or len(words) > lexicon.max_words or SENTENCE_END.search(content):
        return False
    first = words[0].lstrip("(¡¿\"'")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    content_words = [w for w in words if w.lower().strip(",:!?") not in QUOTE_FUNCTION_WORDS]
    if not content_words:
        return False
    capitalized = sum(1 for w in content_words if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capitalized / len(content_words) >= 0.75


def split_list(span: Span) -> list[Span]:
    """The items of "Star Search and The Big Quiz" after a plural cue noun."""
    parts, start = [], span.start
    for token in span:
        if token.lower_ in ("and", "&") or token.text == ",":
            if token.i > start:
                parts.append(span.doc[start:token.i])
            start = token.i + 1
    if start < span.end:
        parts.append(span.doc[start:span.end])
    return [p for p in parts if p and is_title_word(p[0])]
