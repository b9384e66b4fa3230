"""The normalizer: one cleaned expression tried against each recognizer in a fixed order.

`normalize` is the public entry point; `_normalize` is cached, because the rules read the
parts of an expression through it again ("the first quarter of" + "next year") and the
extractor asks about the same text many times.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache, partial

from .anchor import shifted
from .format import duration_value
from .parse import clean, strip_modifiers
from .rules_calendar import (calendar_date, clock_time, day_of_month, day_range, holiday, movable_holiday,
                             numeric_date, quarter_expression, season_expression, year_expression, year_in_words)
from .rules_durations import duration, fuzzy_reference, set_expression
from .rules_relative import (deictic_day, from_deictic_day, part_of_day, relative_ago, relative_period,
                             relative_unit, weekday)
from .words import DATE, DURATION, ORDINALS, UNIT_WORDS, YEAR_IN_WORDS, Result, pattern

def normalize(text: str, anchor: dt.date | None = None, tense: str | None = None) -> Result:
    """(timex_type, value) of one temporal expression; value None when it cannot be normalized.

    The type is always given (DATE when nothing better is known), so a span kept
    for its extent still carries a plausible type.
    """
    try:
        return _normalize(clean(text), anchor, tense)
    except (ValueError, OverflowError):
        # Date arithmetic past the calendar's ends (an anchor of 9999-12-31 and "February 31",
        # a year 0, "Sunday" before 0001-01-01): the expression keeps its type but has no value.
        return DATE, None


@lru_cache(maxsize=4096)
def _normalize(text: str, anchor: dt.date | None, tense: str | None) -> Result:
    if not text:
        return DATE, None
    text = pattern(r"'s$").sub("", text) if not text.endswith("today's") else text
    if YEAR_IN_WORDS.search(text) and not YEAR_IN_WORDS.fullmatch(text):
        # "January nineteen ninety-seven", "the winter of nineteen ninety-four": the year in digits
        digits = YEAR_IN_WORDS.sub(lambda m: year_in_words(m.group(0), None, None)[1], text)
        if digits != text:
            return _normalize(digits, anchor, tense)
    for rule in RULES:
        result = rule(text, anchor, tense)
        if result is not None:
            return result
    core = strip_modifiers(text)
    if core in ("year", "month", "week", "quarter", "fiscal year", "full year", "year end", "year-end",
                "day", "decade", "century"):
        if pattern(r"(?:a|an|another|an additional|one|a full|an extra)\s").match(text):
            return DURATION, duration_value(1, core)
        unit = "year" if "year" in core else core
        return shifted(anchor, unit, 0) if unit != "day" else (DATE, None)
    if core != text and core:
        return _normalize(core, anchor, tense)
    if pattern(rf"\b(?:{UNIT_WORDS})s\b").search(text) \
            and not pattern(r"\b(?:ago|earlier|later|before|after)\b").search(text):
        return DURATION, None
    return DATE, None


def possessive(text, anchor, tense):
    """'next year's first quarter' -> 1990-Q1, 'year's end' -> the anchor's year."""
    match = pattern(r"(?P<owner>.+?)'s?\s+(?P<part>.+)").fullmatch(text)
    if not match:
        return None
    owner = match.group("owner")
    if owner in ("year", "the year"):
        owner = "this year"
    owner_value = _normalize(owner, anchor, tense)[1]
    if owner_value is None or not pattern(r"\d{4}").fullmatch(owner_value):
        return None
    part = match.group("part")
    if part in ("end", "beginning", "start", "close", "middle", "first half", "second half"):
        half = {"first half": "-H1", "second half": "-H2"}.get(part, "")
        return DATE, owner_value + half
    quarter = pattern(r"(?:fiscal\s+)?(?P<ord>[a-z0-9]+)[\s-](?P<kind>quarter|half)").fullmatch(part)
    if quarter and ORDINALS.get(quarter.group("ord"), 0) > 0:
        return DATE, f"{owner_value}-{'Q' if quarter.group('kind') == 'quarter' else 'H'}{ORDINALS[quarter.group('ord')]}"
    return None


def in_units(text, anchor, tense):
    """'within two weeks', 'for 10 years', 'in three days': the preposition is outside the
    TimeML extent, but callers may still pass it."""
    match = pattern(r"(?:in|within|for|over|during|after|since)\s+(?P<rest>.+)").fullmatch(text)
    if match:
        return _normalize(match.group("rest"), anchor, tense)
    return None


def and_span(text, anchor, tense):
    """'the 1980s and 1990s', 'Monday and Tuesday' marked as one: the first part's value."""
    match = pattern(r"(?P<a>.+?)\s+(?:and|or|to|through|-)\s+(?P<b>.+)").fullmatch(text)
    if match:
        result = _normalize(match.group("a"), anchor, tense)
        if result[1] is not None:
            return result
    return None


def _reading_parts(rule):
    """The recognizer with the full normalizer to read the parts it is made of."""
    return partial(rule, normalize_part=_normalize)


# The recognizers in the order `_normalize` tries them; the first that answers wins. Most read
# forms no other reads; the order decides where two read the same text (each case checked):
# - fuzzy_reference before duration: "the coming days" is FUTURE_REF, not a duration PXD;
# - numeric_date before year_expression: "2004-11" is a month, not the first year of "1998-99";
# - quarter_expression before relative_unit: "the last quarter" is the year's fourth quarter,
#   while "last quarter" (no "the", which quarter_expression declines) is the one before;
# - relative_unit before weekday and calendar_date: "this Friday" is the Friday of the anchor's
#   week (weekday alone takes the latest Friday), "last January" the one a year back;
# - the fallbacks last: in_units drops a preposition and and_span takes the first of two
#   dates, so "a minute and a half" (duration), "a week or so ago" (relative_ago) and
#   "2017 - Q3" (quarter_expression) are read whole first.
# Rules that read a part of the text ("the first quarter of" + "next year") get the full
# normalizer through _reading_parts. Grouped by family:
RULES = (
    # tables of whole phrases: fuzzy references and sets
    fuzzy_reference, set_expression,
    # dates written with digits or as a year, which no anchor changes
    numeric_date, year_expression, year_in_words, _reading_parts(quarter_expression),
    # fixed forms: possessives, holidays that move, "the 22nd", day ranges, "today"
    possessive, movable_holiday, day_of_month, _reading_parts(day_range), deictic_day,
    # counted from the anchor
    season_expression, relative_ago, _reading_parts(from_deictic_day), duration, relative_unit,
    _reading_parts(relative_period), holiday, _reading_parts(part_of_day),
    # the broad ones: a weekday or month name with anything after it, a clock time tried at
    # every split of the text
    _reading_parts(weekday), calendar_date, _reading_parts(clock_time),
    # fallbacks that read a part only
    in_units, and_span,
)
# (After every recognizer, `_normalize` strips modifiers ("about", "the end of") and tries again.)
