"""Recognizers of expressions not placed on the calendar by a date of their own: fuzzy
references ("recently", "the future"), sets ("every week", "twice a month") and durations
("three weeks", "two to three years", "recent months").

Same signature as every recognizer: (text, anchor, tense) -> (timex_type, value) or None.
"""
from __future__ import annotations

import re

from .anchor import shifted
from .format import duration_value
from .parse import parse_count, singular
from .words import (DATE, DURATION, FUZZY, MONTHS, NUM, PARTS_OF_DAY, SET, SET_ADVERBS, UNIT_WORDS, UNITS,
                    WEEKDAYS, pattern)

# "recent years", "past months": a bare stretch before the anchor is the past itself,
# while "the last few weeks" and "recent weeks" stay durations of unknown length.
_VAGUE_PAST = re.compile(rf"(?:the\s+)?(?:recent|past|previous)\s+(?:(?:{UNIT_WORDS})s|centuries)"
                         rf"(?:\s+(?:and|or)\s+(?:{UNIT_WORDS})s)?")

_RANGE = re.compile(rf"(?:(?:the\s+)?(?:past|last|next|first|coming)\s+)?(?P<a>{NUM})\s*(?:to|-|or)\s*(?P<b>{NUM})\s+"
                    rf"(?P<unit>(?:{UNIT_WORDS})s?)")

_DURATION = re.compile(rf"^(?:(?:the|a|an|its|their|his|her|our|my|your)\s+)?"
                       rf"(?:(?:past|last|next|previous|first|coming|recent|final|following|preceding|"
                       rf"initial|remaining|ensuing|subsequent|latest|upcoming|prior|succeeding|same|other|"
                       rf"additional|extra|further|intervening|better part of the|best part of the)\s+)*"
                       rf"(?P<count>{NUM})[\s-]+(?:(?:more|full|straight|consecutive|long|whole|calendar|"
                       rf"fiscal|business|working|trading|odd)[\s-]+)?"
                       rf"(?P<unit>{UNIT_WORDS}|centuries|millennia)s?(?:[\s-](?:long|old|period|span|stretch|"
                       rf"term|run|time|window|programme|program|plan|high|low|period|old))?(?:'s?)?$")


_BARE_UNITS = re.compile(rf"^(?:(?:the|recent|past|last|next|coming|following|previous|few|early|first|later|"
                         rf"ensuing|subsequent|intervening|remaining|upcoming|preceding)\s+)*"
                         rf"(?P<unit>(?:{UNIT_WORDS})s|centuries|millennia)$")


def fuzzy_reference(text, anchor, tense):
    if text in FUZZY:
        return DATE, FUZZY[text]
    match = pattern(r"(?:a|any)\s+(?:given|particular)\s+(?P<unit>day|week|month|year)").fullmatch(text)
    if match:  # "in a given week": some week, which one unsaid
        return DATE, {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[match.group("unit")]
    if pattern(rf"(?:the\s+|all\s+|any\s+)?future\s+(?:(?:{UNIT_WORDS})s|centuries|generations)").fullmatch(text):
        return DATE, "FUTURE_REF"  # "in future quarters"
    if text in ("year-earlier", "year-ago", "the year-earlier", "the year-ago", "a year-earlier", "a year-ago"):
        return shifted(anchor, "year", -1)
    return None


def set_expression(text, anchor, tense):
    if text in SET_ADVERBS:
        return SET, SET_ADVERBS[text]
    match = pattern(rf"(?:every|each|per)\s+(?:(?P<count>{NUM})\s+)?(?P<unit>{UNIT_WORDS}|[a-z]+)s?").fullmatch(text)
    if match:
        unit = singular(match.group("unit"))
        count = parse_count(match.group("count")) if match.group("count") else 1
        if unit in UNITS and count is not None:
            return SET, duration_value(count, unit)
        if unit in WEEKDAYS:
            return SET, f"XXXX-WXX-{WEEKDAYS[unit]}"
        if unit in PARTS_OF_DAY:
            return SET, f"TXX{PARTS_OF_DAY[unit]}"
        if unit in MONTHS:
            return SET, f"XXXX-{MONTHS[unit]:02d}"
    match = pattern(r"(?:(?:every|each|on)\s+)?(?P<day>[a-z]+day)s?\s+"
                    r"(?P<part>morning|afternoon|evening|night)s").fullmatch(text)
    if match and match.group("day") in WEEKDAYS:  # "Tuesday nights": every Tuesday night
        return SET, f"XXXX-WXX-{WEEKDAYS[match.group('day')]}T{PARTS_OF_DAY[match.group('part')]}"
    match = pattern(r"(?:every|each|on)\s+(?P<day>[a-z]+)s").fullmatch(text) \
        or pattern(r"(?P<day>[a-z]+day)s").fullmatch(text)
    if match and match.group("day") in WEEKDAYS:
        return SET, f"XXXX-WXX-{WEEKDAYS[match.group('day')]}"
    match = pattern(r"(?:once|twice|\w+ times)\s+(?:a|an|per|every|each)\s+(?P<unit>[a-z]+)").fullmatch(text)
    if match and singular(match.group("unit")) in UNITS:
        return SET, duration_value(1, match.group("unit"))
    return None


def duration(text, anchor, tense):
    match = pattern(r"(?:the\s+)?(?:most\s+)?recent\s+(?P<unit>days|weeks|months|quarters)").fullmatch(text)
    if match:  # "in recent weeks": a stretch of unknown length up to now; "recent years" is the past itself
        return DURATION, duration_value("X", singular(match.group("unit")))
    if _VAGUE_PAST.fullmatch(text):
        return DATE, "PAST_REF"
    match = _RANGE.fullmatch(text)
    if match:  # "two to three weeks": the lower bound, as TimeBank writes it
        count = parse_count(match.group("a"))
        if count is not None and parse_count(match.group("b")) is not None:
            return DURATION, duration_value(count, match.group("unit"))
    if text in ("a while", "a little while", "a short while"):  # "for a while": a stretch of unknown length
        return DURATION, "PXX"
    if text in ("half an hour", "a half hour", "half-hour", "a half-hour", "half hour"):
        return DURATION, "PT30M"
    match = pattern(rf"(?:(?:a|an|one)\s+)?(?P<unit>{UNIT_WORDS})\s+and\s+a\s+half").fullmatch(text)
    if match:
        return DURATION, duration_value(1.5, match.group("unit"))
    match = pattern(rf"half\s+(?:a|an)\s+(?P<unit>{UNIT_WORDS})").fullmatch(text)
    if match:
        return DURATION, duration_value(0.5, match.group("unit"))
    match = _DURATION.fullmatch(text)
    if match:
        count = parse_count(match.group("count"))
        if count is not None and count != 0 and not (isinstance(count, int) and count >= 1000):
            return DURATION, duration_value(count, match.group("unit"))
    match = _BARE_UNITS.fullmatch(text)
    if match:
        unit = singular(match.group("unit"))
        if unit in UNITS and unit not in ("night",):
            return DURATION, duration_value("X", unit)
    return None

