"""Recognizers of expressions counted from the anchor (the publication date): "today",
"yesterday morning", "two years ago", "three weeks from tomorrow", "last year", "next Tuesday",
"earlier this month", "Friday night", "Monday".

Same signature as every recognizer: (text, anchor, tense) -> (timex_type, value) or None.
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from .anchor import date_on_weekday, reported_quarter, shift, shifted, weekday_date, year_for
from .format import duration_value, part_type
from .parse import parse_count, singular
from .rules_calendar import season_expression
from .words import (DATE, DEICTIC_DAYS, DURATION, MONTHS, NUM, PARTS_OF_DAY, SEASONS, TIME, UNIT_WORDS, UNITS, WEEKDAYS,
                    PartNormalizer, pattern)

_AGO = re.compile(rf"^(?P<count>{NUM}|a few|several|many|some)\s+(?:more\s+)?(?P<unit>{UNIT_WORDS}|centuries|millennia)s?"
                  r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|before|later|after|hence|from now|back|previously)$")


_RELATIVE_UNIT = re.compile(rf"^(?P<dir>last|this|next|past|previous|coming|current|the current|the past|"
                            rf"the last|the previous|the coming|the next|the following|the preceding|"
                            rf"the same|that|the|a|an|one|latest|the latest|recent|the recent|prior|the prior|"
                            rf"following|upcoming|the upcoming|year-ago|year-earlier|the year-ago|the year-earlier)"
                            rf"\s+(?:(?:fiscal|calendar|financial|full|entire|whole)\s+)?"
                            rf"(?P<unit>day|week|weekend|month|quarter|year|decade|century|season|night|"
                            rf"morning|afternoon|evening|period|spring|summer|autumn|fall|winter|"
                            rf"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                            rf"january|february|march|april|may|june|july|august|september|october|november|december)"
                            rf"(?:'s)?$")


def deictic_day(text, anchor, tense):
    part = None
    # "mid-afternoon yesterday", "mid afternoon": the part of the day, of that day or the anchor's
    early_late = pattern(r"(?:mid|early|late)[\s-]*(?P<part>morning|afternoon|evening)"
                         r"(?:\s+(?P<day>today|yesterday|tomorrow))?").fullmatch(text)
    if early_late:
        text = f"{early_late.group('day') or 'today'} {early_late.group('part')}"
    match = pattern(r"(?P<day>[a-z ]+?)(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?") \
        .fullmatch(text)
    if match and match.group("day") in DEICTIC_DAYS:
        day = DEICTIC_DAYS[match.group("day")]
        part = match.group("part")
        if match.group("day") in ("tonight", "tonite"):
            part = "night"
    elif text in ("this morning", "this afternoon", "this evening", "last night", "last evening",
                  "overnight", "late last night", "early this morning", "this night",
                  "earlier today", "later today", "earlier this morning", "later this afternoon",
                  "early today", "late yesterday", "earlier yesterday", "late today", "later in the day",
                  "earlier in the day"):
        day = -1 if ("last" in text or "yesterday" in text) else 0
        word = text.split()[-1]
        part = None if word in ("today", "yesterday", "day") else word
    else:
        return None
    if part and part not in PARTS_OF_DAY:
        return None
    if anchor is None:
        return (TIME if part else DATE), None
    value = (anchor + dt.timedelta(days=day)).isoformat()
    if part:
        return part_type(part), value + "T" + PARTS_OF_DAY[part]
    return DATE, value


def relative_ago(text, anchor, tense):
    match = _AGO.fullmatch(text)
    if not match:
        return None
    unit = singular(match.group("unit"))
    count = parse_count(match.group("count"))
    if unit not in UNITS or count is None:
        return None
    direction = match.group("dir")
    if direction in ("earlier", "later", "before", "after") and not (isinstance(count, int) and unit != "week"):
        # "a day earlier" counts from an event, not the anchor: a duration is all that is known.
        return DURATION, duration_value(count, unit)
    if count == "X" or not isinstance(count, int):
        return DATE, "PAST_REF" if direction not in ("later", "after", "hence", "from now") else "FUTURE_REF"
    sign = 1 if direction in ("later", "after", "hence", "from now") else -1
    if anchor is None:
        return DATE, None
    if unit in ("hour", "minute", "second", "night"):
        return DATE, (anchor + dt.timedelta(days=sign * (count // 24 if unit == "hour" else 0))).isoformat() \
            if unit != "night" else (anchor + dt.timedelta(days=sign * count)).isoformat()
    return DATE, shift(anchor, unit, sign * count)


def from_deictic_day(text, anchor, tense, *, normalize_part: PartNormalizer):
    """'two days after today', 'three weeks from tomorrow', 'the day before yesterday', and
    'the day before last Tuesday' (any base that is a calendar day)."""
    match = pattern(rf"(?P<count>{NUM}|the|a)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>after|before|from)\s+"
                    r"(?P<base>.+)").fullmatch(text)
    if not match:
        return None
    count = 1 if match.group("count") in ("the", "a") else parse_count(match.group("count"))
    if not isinstance(count, int):
        return None
    deictic = {"today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
    if match.group("base") in deictic:
        if anchor is None:
            return DATE, None
        base = anchor + dt.timedelta(days=deictic[match.group("base")])
    else:
        base_value = normalize_part(match.group("base"), anchor, tense)[1]
        if not base_value or not pattern(r"\d{4}-\d\d-\d\d").fullmatch(base_value):
            return None
        base = dt.date.fromisoformat(base_value)
    sign = -1 if match.group("dir") == "before" else 1
    day = base + relativedelta(**{match.group("unit") + "s": sign * count})
    return DATE, day.isoformat()


def relative_unit(text, anchor, tense):
    """'last year', 'this month', 'next week', 'the past year', 'that day', 'last Tuesday'."""
    match = _RELATIVE_UNIT.fullmatch(text)
    if not match:
        return None
    direction = match.group("dir").replace("the ", "")
    unit = match.group("unit")
    if unit in SEASONS:
        return season_expression(text.replace("the past", "last"), anchor, tense)
    if unit in PARTS_OF_DAY:
        if direction == "last" and unit in ("night", "evening"):
            return deictic_day(text, anchor, tense)
        if direction == "this":
            return deictic_day(f"this {unit}", anchor, tense)
        return None
    if unit in WEEKDAYS:
        return _relative_weekday(direction, WEEKDAYS[unit], anchor, tense)
    if unit in MONTHS:
        return _relative_month(direction, MONTHS[unit], anchor, tense)
    if direction in ("the", "latest", "recent") and unit in ("quarter", "period") and anchor is not None:
        return DATE, reported_quarter(anchor)
    if unit == "period":
        return None
    if unit == "season":
        return None
    the = text.startswith("the ")
    # "the past year": TimeBank reads it as the year before, like "last year".
    if the and direction in ("past", "last", "previous") and unit in ("week", "month", "year", "decade", "quarter"):
        return shifted(anchor, unit, -1)
    # "past decade", "the next month": a stretch of time next to the anchor, a duration.
    if direction in ("past", "last", "previous", "next", "coming", "following", "recent", "latest", "prior",
                     "preceding", "upcoming") and (the or direction in ("past", "coming", "recent")):
        if unit in ("day", "week", "month", "year", "decade", "century", "quarter", "weekend", "night"):
            if direction in ("latest", "recent") and unit in ("quarter", "year", "month", "week"):
                return shifted(anchor, unit, -1)
            return DURATION, duration_value(1, unit)
    if direction in ("a", "an", "one"):
        return DURATION, duration_value(1, unit)
    if direction in ("year-ago", "year-earlier", "year-before"):
        return shifted(anchor, unit, -4 if unit == "quarter" else -12 if unit == "month" else -1)
    if direction in ("last", "previous", "past", "prior", "latest", "recent"):
        return shifted(anchor, unit, -1)
    if direction in ("next", "coming", "following", "upcoming"):
        return shifted(anchor, unit, 1)
    if direction in ("this", "current"):
        return shifted(anchor, unit, 0)
    if direction == "same" or direction == "that":
        return None
    if direction == "the" and unit in ("year", "month", "week"):
        return shifted(anchor, unit, 0)
    return None


def _relative_weekday(direction: str, weekday: int, anchor, tense) -> tuple:
    """'last Tuesday', 'next Friday', 'this Monday' (the day of the anchor's own week)."""
    if anchor is None:
        return DATE, f"XXXX-WXX-{weekday}"
    if direction in ("last", "past", "previous"):
        day = weekday_date(anchor - dt.timedelta(days=1), weekday, "past")
    elif direction in ("next", "coming", "following", "upcoming"):
        day = weekday_date(anchor + dt.timedelta(days=1), weekday, "future")
    elif direction == "this":  # the day of the anchor's own week
        day = anchor + dt.timedelta(days=weekday - anchor.isoweekday())
    else:
        day = weekday_date(anchor, weekday, tense)
    return DATE, day.isoformat()


def _relative_month(direction: str, month: int, anchor, tense) -> tuple:
    """'last February', 'next March', 'this October'."""
    if anchor is None:
        return DATE, f"XXXX-{month:02d}"
    if direction in ("last", "past", "previous"):
        # The latest one before the anchor, but not the month just ended: that one would be
        # "last month", so "last February" written in March means the February a year back.
        year = anchor.year if month < anchor.month - 1 else anchor.year - 1
    elif direction in ("next", "coming", "following", "upcoming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif direction in ("this", "current"):
        year = anchor.year
    else:
        year = year_for(month, None, anchor, tense)
    return DATE, f"{year}-{month:02d}"


def relative_period(text, anchor, tense, *, normalize_part: PartNormalizer):
    """'earlier this year', 'later this month', 'the end of last year', 'early next week'."""
    match = pattern(r"(?:(?:earlier|later|early|late|the end of|the beginning of|the start of|the middle of|"
                    r"mid|end of|beginning of|start of|the rest of|the remainder of|the first half of|"
                    r"the second half of|the latter part of|the early part of)[\s-]+)+"
                    r"(?P<rest>(?:this|last|next|the|that|the past|the current)\s+.+|today|yesterday|tomorrow)") \
        .fullmatch(text)
    if match:
        rest = match.group("rest")
        result = normalize_part(rest, anchor, tense)
        if result[0] == DURATION and rest.startswith("the "):
            return shifted(anchor, singular(rest.split()[-1]), 0) if anchor else (DATE, None)
        if "the first half of" in text or "the second half of" in text:
            half = "H1" if "first" in text else "H2"
            if result[1] and pattern(r"\d{4}").fullmatch(result[1]):
                return DATE, f"{result[1]}-{half}"
        return result
    return None


def part_of_day(text, anchor, tense, *, normalize_part: PartNormalizer):
    """'Friday morning', 'Wednesday night', 'the morning', 'the weekend'."""
    match = pattern(r"(?P<rel>(?:last|next|this|this coming|this past)\s+)?(?P<day>[a-z]+)(?:'s)?\s+"
                    r"(?P<part>morning|afternoon|evening|night|overnight)").fullmatch(text)
    if match and match.group("rel") and match.group("day") in WEEKDAYS:
        _, day_value = normalize_part(f"{match.group('rel')}{match.group('day')}", anchor, tense)
        if day_value is None:
            return part_type(match.group("part")), None
        return part_type(match.group("part")), f"{day_value}T{PARTS_OF_DAY[match.group('part')]}"
    if match and match.group("day") in WEEKDAYS:
        timex_type = part_type(match.group("part"))
        if anchor is None:
            return timex_type, f"XXXX-WXX-{WEEKDAYS[match.group('day')]}T{PARTS_OF_DAY[match.group('part')]}"
        day = weekday_date(anchor, WEEKDAYS[match.group("day")], tense)
        return timex_type, f"{day.isoformat()}T{PARTS_OF_DAY[match.group('part')]}"
    if text in ("the weekend", "this weekend", "weekend"):
        if anchor is None:
            return DATE, None
        if tense == "future" or text == "this weekend":
            return DATE, shift(anchor, "weekend", 0)
        # Unless the clause looks ahead, the weekend just past: "said over the weekend".
        last_sunday = anchor - dt.timedelta(days=anchor.isoweekday() % 7)
        return DATE, shift(last_sunday, "weekend", 0)
    return None


def weekday(text, anchor, tense, *, normalize_part: PartNormalizer):
    match = pattern(r"(?:(?:on|early|late|this)\s+)?(?P<day>[a-z]+)\.?(?:,\s*|\s+)?(?P<rest>.*)").fullmatch(text)
    if not match or match.group("day") not in WEEKDAYS:
        return None
    rest = match.group("rest").strip(", ")
    if rest:  # "Monday, March 3": the date decides, the weekday only confirms it
        result = normalize_part(rest, anchor, tense)
        if result[1] and pattern(r"\d\d-\d\d$").search(result[1]):
            if anchor and not pattern(r"\d{4}").search(rest):
                return date_on_weekday(rest, WEEKDAYS[match.group("day")], anchor) or result
            return result
        return None
    if len(match.group("day")) <= 3 and match.group("day") in ("sun", "sat", "wed", "mon"):
        return None  # bare abbreviations are too often words
    if anchor is None:
        return DATE, f"XXXX-WXX-{WEEKDAYS[match.group('day')]}"
    return DATE, weekday_date(anchor, WEEKDAYS[match.group("day")], tense).isoformat()

