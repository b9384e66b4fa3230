"""Titles in lists: announced by a plural cue noun ("albums include A, B and C") or listed beside a
title already found ("The Long Road, Paper Moon and Driftwood").
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterator

from spacy.tokens import Doc, Span

from ...article import Article
from ..spans import after_possessive, doc_index
from .candidates import Candidate
from .filters import is_excluded, is_named_other, is_person_name
from .lexicon import TitleLexicon, normalize_key
from .shape import is_title_word, run_left, run_right

# Words that may stand between a plural cue noun and its list: "albums such as", "hits which include".
TIGHT_INTRO_WORDS = {"such", "as", "which", "that", "include", "includes", "included", "including", "like", ",", ":",
                     "-", "–", "—", "were", "are"}
INTRO_VERBS = ("include", "includes", "included", "including", "were", "are", "like")
# Rounds of growing a list from its new items: lists longer than this in one sentence are rare.
LIST_ROUNDS = 6


def _introduces(doc: Doc, cue: int, token) -> bool:
    """`token` opens the list that the cue noun at `cue` announces."""
    if token.lower_ in INTRO_VERBS or (token.text == ":" and token.whitespace_):
        return True
    if token.lower_ == "as" and doc[token.i - 1].lower_ == "such":
        return True
    # "albums, Red Lanterns, Ten Quiet Rooms", "Four singles - Paper Crowns"
    return token.i == cue + 1 and (token.text == "," or (token.text in ("-", "–", "—") and token.whitespace_))


def _next_item(doc: Doc, sentence: Span, index: int) -> int | None:
    """Where the list item after the one ending at `index` starts; None where the list stops."""
    if index < sentence.end and doc[index].text == "(":  # "( 1970 )" after an item
        close = next((t.i for t in doc[index:index + 6] if t.text == ")"), None)
        index = close + 1 if close is not None else index
    if index < sentence.end and doc[index].text == ",":
        index += 1
    if index < sentence.end and doc[index].lower_ in ("and", "&"):
        index += 1
    if index < sentence.end and not is_title_word(doc[index]):
        return None
    return index


def introduced_lists(lexicon: TitleLexicon, doc: Doc) -> Iterator[Candidate]:
    """"His albums from the 1950s include A, B, C and D": a list that a plural cue noun announces."""
    cue_words = doc_index(doc).where_lower_in(lexicon.cue_type)  # where a cue noun may stand, in order
    for sentence in doc.sents:
        cue = next((t for t in (doc[i] for i in cue_words[bisect_left(cue_words, sentence.start):
                                                           bisect_left(cue_words, sentence.end)])
                    if t.is_lower and t.tag_ == "NNS"), None)
        if cue is None:
            continue
        intro = next((t for t in sentence if t.i > cue.i and t.i - cue.i <= 8 and _introduces(doc, cue.i, t)), None)
        if intro is None:
            continue
        # "albums such as A, B", "hits which include A": nothing but the introducing words between the cue
        # noun and the list, so its items are works even where the model calls them people.
        tight = all(t.lower_ in TIGHT_INTRO_WORDS for t in doc[cue.i + 1:intro.i])
        index = intro.i + 1
        while index is not None and index < sentence.end:
            item = run_right(lexicon, doc, index, in_list=True)
            if item is None or is_named_other(lexicon, item):
                break
            owned = after_possessive(doc, item.end) is not None
            if not is_person_name(item) or (tight and not owned):  # "songs by artists like Elvis Presley"
                yield Candidate(item.start_char, item.end_char, "cue", lexicon.cue_type[cue.lower_],
                                "cue:introduced_list")
            index = _next_item(doc, sentence, item.end)


def _item_after(lexicon: TitleLexicon, doc: Doc, after: int) -> Span | None:
    """The list item that starts after the separator doc[after] (",", "and", "&" or "(")."""
    bracket = doc[after].text == "("
    start = after + 1
    if not bracket and start < len(doc) and doc[start].lower_ in ("and", "&"):
        start += 1
    found = run_right(lexicon, doc, start, in_list=True)
    closes = found is not None and (found.end >= len(doc) or doc[found.end].text in (",", "and", "&", ".", ";"))
    if found is not None and doc[after].text == "," and not closes:
        return None  # "With Meridian, Lowe now becomes": no list goes on like that
    if found is not None and (not bracket or (found.end < len(doc) and doc[found.end].text == ")")):
        return found
    return None


def listed_with(lexicon: TitleLexicon, doc: Doc, title: Candidate) -> Iterator[Candidate]:
    """Titles listed beside a known one: "The Long Road, Paper Moon and Driftwood"."""
    span = doc.char_span(title.start, title.end, alignment_mode="expand")
    if span is None:
        return
    after = span.end
    if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")" and doc[after + 1].like_num:
        after += 3  # "Letters from Lisbon (1938), The Road to Marston (1937) and ..."
    if after < len(doc) and doc[after].text in (",", "and", "&", "("):
        found = _item_after(lexicon, doc, after)
        if found is not None:
            yield Candidate(found.start_char, found.end_char, "cue", title.work_type, "cue:list")
    before = span.start - 1
    middle_item = after < len(doc) and doc[after].text in (",", "and", "&")
    if before > 0 and (doc[before].lower_ in ("and", "&") or (doc[before].text == "," and middle_item)):
        end = before
        if doc[before].lower_ in ("and", "&") and doc[before - 1].text == ",":
            end = before - 1
        found = run_left(lexicon, doc, end, in_list=True)
        if found is not None:
            yield Candidate(found.start_char, found.end_char, "cue", title.work_type, "cue:list")


def _may_join(lexicon: TitleLexicon, doc: Doc, article: Article, item: Candidate, taken: list[Candidate]) -> bool:
    span = doc.char_span(item.start, item.end)
    # The model calls unknown foreign titles places ("Zatoichi"): in a list of works they are works.
    if span is None or normalize_key(span.text) in lexicon.platforms or is_person_name(span):
        return False
    if after_possessive(doc, span.end) is not None:
        return False  # "..., and Ann Lee ' s Paper Moon": the item is the owner of the next title
    if any(c.start < item.end and item.start < c.end for c in taken):
        return False
    return not is_excluded(lexicon, article.text[item.start:item.end], item.start, item.end, article)


def expand_lists(lexicon: TitleLexicon, doc: Doc, article: Article, chosen: list[Candidate]) -> list[Candidate]:
    """`chosen` and the titles listed beside them, and beside those, round by round."""
    frontier = [c for c in chosen if c.rule != "model"]
    for _ in range(LIST_ROUNDS):
        added: list[Candidate] = []
        for title in frontier:
            for item in listed_with(lexicon, doc, title):
                if _may_join(lexicon, doc, article, item, chosen + added):
                    added.append(item)
        if not added:
            break
        chosen = chosen + added
        frontier = added
    return chosen
