"""TimeML extents: a candidate span trimmed of what lies outside the expression ("on", "as
early as", trailing punctuation), overlapping or touching spans merged into one ("Friday" +
"morning"), and a span split at a verb or at a coordination of two dates."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from ...normalize import timex
from ..spans import is_possessive
from .cues import DateCues

# Any date: where only whether an expression has a value matters, not which.
NEUTRAL_ANCHOR = dt.date(2000, 1, 1)


def trim(doc: Doc, start: int, end: int, cues: DateCues) -> tuple[int, int]:
    """The TimeML extent inside a candidate: "on January 28," -> "January 28"."""
    while start < end:
        token = doc[start]
        keep = start + 1 < end and doc[start + 1].lower_ in cues.leading_keep_before
        # (a possessive marker, however its apostrophe is typed, belongs to the word before)
        if ((token.lower_ in cues.leading_words or is_possessive(token)) and not keep) or token.is_space:
            start += 1
        elif any(start + len(words) < end and [t.lower_ for t in doc[start:start + len(words)]] == words
                 and timex.has_temporal_word(doc[start + len(words):end].text) for words in cues.leading_phrases):
            start += next(len(words) for words in cues.leading_phrases
                          if [t.lower_ for t in doc[start:start + len(words)]] == words)
        elif token.lower_ == "as" and start + 2 < end and doc[start + 2].lower_ == "as":
            start += 3  # "as early as next year"
        elif 0 < start and start + 2 < end and doc[start + 1].lower_ == "as" and doc[start - 1].lower_ == "as":
            start += 2  # the model's span began inside "as early as"
        elif token.like_num and start + 1 < end and doc[start + 1].lower_ in ("this", "last", "next", "a"):
            start += 1  # "number five this week"
        elif token.lower_ in ("a", "an") and start + 1 < end and (
                doc[start + 1].like_num or timex.is_calendar_name(doc[start + 1].text)):
            start += 1  # "an Aug. 10, 1988 agreement"
        elif token.pos_ in ("NOUN", "PROPN", "X") and not token.like_num and start + 1 < end \
                and not (start < token.head.i < end) and not timex.has_temporal_word(token.text) \
                and timex.normalize(doc[start:end].text, NEUTRAL_ANCHOR)[1] is None \
                and timex.normalize(doc[start + 1:end].text, NEUTRAL_ANCHOR)[1] is not None:
            start += 1  # the model took a word too many: "a coup d'etat last year"
        else:
            break
    while end > start and (doc[end - 1].lower_ in cues.trailing_words or is_possessive(doc[end - 1])
                           or doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    return start, end


def split(doc: Doc, start: int, end: int, cues: DateCues) -> list[tuple[int, int]]:
    """Split a span at a verb ("the quarter ended Sept. 30") and at a coordination of
    two dates ("Monday and Tuesday", "1994, 1995"); "a year and a half" stays one."""
    for i in range(start + 1, end - 1):
        # (a participle that modifies the next word is part of the phrase: "the following year")
        if doc[i].pos_ == "VERB" and doc[i].tag_ in ("VBD", "VBN", "VBG") \
                and not (doc[i].dep_ == "amod" and doc[i].head.i == i + 1):
            return [part for s, e in ((start, i), (i + 1, end)) for part in split(doc, *trim(doc, s, e, cues), cues)
                    if s < e]
    anchor = NEUTRAL_ANCHOR
    for i in range(start + 1, end - 1):
        word = doc[i].lower_
        if word not in ("and", "or", "to", "through", "-", "--", "until", ",", "/", "of"):
            continue
        if word in ("-", "/") and not (doc[i - 1].whitespace_ or doc[i].whitespace_):
            continue  # a hyphen inside a word: "year-earlier", "1998-99"
        left_type, left_value = timex.normalize(doc[start:i].text, anchor)
        right_type, right_value = timex.normalize(doc[i + 1:end].text, anchor)
        if not (left_value and right_value):
            continue
        if word == "of":
            # "the first nine months of 2003" is a duration and a year; "the end of the month" is one date.
            if left_type != timex.DURATION or not doc[start:i].text[:1].isalpha():
                continue
        elif left_value.startswith("P") or right_value.startswith("P"):
            continue
        elif word == "," and (len(left_value) != len(right_value) or timex.is_calendar_name(doc[start:i].text)):
            continue  # "Nov. 1, 2004" and "Saturday, April 25" are one date each
        return [*split(doc, start, i, cues), *split(doc, i + 1, end, cues)]
    if end - start >= 3 and timex.normalize(doc[start:end].text, anchor)[1] is None:
        # Two expressions side by side read as one ("in November 2004 several months after"):
        # split where both halves are complete temporal expressions.
        for i in range(start + 2, end - 1):
            if doc[end - 1].lower_ in ("ago", "earlier", "later", "before", "after"):
                break  # "the quarter a year ago" post-modifies, it is one expression
            if timex.normalize(doc[start:i].text, anchor)[1] and timex.normalize(doc[i:end].text, anchor)[1]:
                return [(start, i), (i, end)]
    return [(start, end)] if start < end else []


def merge_overlapping(spans: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
    """Union of overlapping or touching token spans ("Friday" + "morning", "10 p.m." + "Wednesday");
    the source names every extractor that saw it."""
    merged: list[list] = []
    for start, end, source in sorted(spans):
        if merged and (start < merged[-1][1] or (start == merged[-1][1] and touching(doc, merged[-1][0], start, end))
                       or year_after_comma(doc, merged[-1][0], merged[-1][1], start, end)
                       or day_after_comma(doc, merged[-1][0], merged[-1][1], start, end)):
            last = merged[-1]
            last[1] = max(last[1], end)
            if source not in last[2]:
                last[2] = f"{last[2]}+{source}"
        else:
            merged.append([start, end, source])
    return [(start, end, source) for start, end, source in merged]


def year_after_comma(doc: Doc, start: int, left_end: int, right_start: int, end: int) -> bool:
    """'Sept. 7-13' + ', ' + '2020': the model sometimes cuts the year off a date."""
    return right_start == left_end + 1 and doc[left_end].text == "," and end - right_start == 1 \
        and re.fullmatch(r"(?:1[5-9]|20)\d\d", doc[right_start].text) is not None \
        and any(timex.is_calendar_name(token.text) for token in doc[start:left_end]) \
        and not any(re.fullmatch(r"\d{4}", token.text) for token in doc[start:left_end])


def day_after_comma(doc: Doc, start: int, left_end: int, right_start: int, end: int) -> bool:
    """'5 p.m. EST' + ', ' + 'Nov. 6': a clock time and the day it falls on are one expression
    (not when the day owns what follows: "at 10 a.m., Tuesday's session ...")."""
    if not (right_start == left_end + 1 and doc[left_end].text == ",") or \
            (end < len(doc) and is_possessive(doc[end])):
        return False
    left = timex.normalize(doc[start:left_end].text)[1]
    right = timex.normalize(doc[right_start:end].text)[1]
    return left is not None and left.startswith("XXXX-XX-XXT") and right is not None \
        and re.fullmatch(r"XXXX-(?:\d\d-\d\d|WXX-\d)", right) is not None


def touching(doc: Doc, start: int, boundary: int, end: int) -> bool:
    """Whether two spans meeting at token `boundary` read as one expression: no punctuation
    between, neither side a free-standing adverb like "now", and either one side means nothing
    alone ("Friday" + "morning") or the whole has a value ("10 p.m." + "Wednesday", but not
    "6 a.m." + "ten days")."""
    before, after = doc[boundary - 1], doc[boundary]
    if before.is_punct or after.is_punct or before.pos_ == "ADV" or after.pos_ == "ADV":
        return False
    if timex.normalize(doc[start:boundary].text, NEUTRAL_ANCHOR)[1] is None or \
            timex.normalize(doc[boundary:end].text, NEUTRAL_ANCHOR)[1] is None:
        return True
    return timex.normalize(doc[start:end].text, NEUTRAL_ANCHOR)[1] is not None

