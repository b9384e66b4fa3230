"""TIMEX3 normalization as pure functions: a temporal expression's text -> (type, value).

`normalize("last year", anchor=date(2022, 2, 7))` -> `("DATE", "2021")`. The
anchor is the document's publication date; without one, relative expressions
keep what can be known ("January 28" -> `XXXX-01-28`) or get no value (None).
`tense` ("past", "future" or None) is the tense of the clause the expression
sits in; it decides whether a bare "Tuesday" or "March" lies before or after
the anchor (without one, news mostly reports the past).

Values follow TimeML/TIMEX3 as TempEval-3 uses them: `2022-02-07`, `2022-02`,
`2022`, `202` (a decade), `2022-W06`, `2022-Q1`, `2022-SU`, `2022-02-07T15:00`,
`2022-02-07TMO`, durations `P7D`/`PT3H`/`PXY`, sets `P1W`, and the fuzzy
`PRESENT_REF`/`PAST_REF`/`FUTURE_REF`.

Calendar dates written in full ("Feb. 7, 2022", "7 February 2022",
"02/07/2022") are parsed by dateparser, which knows far more spellings than a
regex would; everything relative, durations, sets, seasons, quarters, decades,
parts of the day and fuzzy references are resolved here, because dateparser
either does not read them or resolves them against the wall clock instead of
the document's date. dateutil does the calendar arithmetic (months, Easter).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"

Result = tuple  # (timex_type, value or None)

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI", "dawn": "MO", "daybreak": "MO",
}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12, "12th": 12,
    "last": -1, "final": -1,
}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a": 1, "an": 1, "single": 1, "dozen": 12, "couple": 2, "a couple of": 2,
    "a dozen": 12, "half a dozen": 6, "couple of": 2, "a couple": 2, "dozens of": "X", "hundreds of": "X",
    "a half-dozen": 6, "a hundred": 100, "a thousand": 1000,
    "thousand": 1000,
}
# Quantities that say "some number of": TIMEX3 writes the count as X.
VAGUE_COUNTS = (
    "several", "a few", "few", "many", "some", "numerous", "a number of", "a couple", "countless",
    "multiple", "various", "a handful of", "recent", "the past few", "the last few", "the next few",
    "past few", "last few", "next few", "recent few",
)
# unit word -> (TIMEX3 unit letter(s), counts time of day -> needs "T" in durations)
UNITS = {
    "second": ("S", True), "sec": ("S", True), "minute": ("M", True), "min": ("M", True),
    "hour": ("H", True), "hr": ("H", True), "day": ("D", False), "night": ("D", False),
    "week": ("W", False), "wk": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False),
    "month": ("M", False), "mo": ("M", False), "quarter": ("Q", False), "season": ("X", False),
    "year": ("Y", False), "yr": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
    "millennium": ("ML", False), "millenium": ("ML", False),
}
UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
UNIT_PLURALS = {"centuries": "century", "millennia": "millennium", "nights": "night"}
SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
    "monthly": "P1M", "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
    "every day": "P1D", "each day": "P1D", "every night": "P1D", "every morning": "P1D",
    "every year": "P1Y", "each year": "P1Y", "every week": "P1W", "each week": "P1W",
    "every month": "P1M", "each month": "P1M", "every quarter": "P1Q", "each quarter": "P1Q",
    "every hour": "PT1H", "every weekend": "P1WE", "per year": "P1Y",
    "per day": "P1D", "per week": "P1W",
    "per month": "P1M", "per hour": "PT1H", "twice a year": "P1Y",
    "twice a week": "P1W", "twice a month": "P1M", "twice a day": "P1D", "once a year": "P1Y",
    "once a week": "P1W", "once a month": "P1M", "once a day": "P1D",
}
FUZZY = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF", "the present": "PRESENT_REF",
    "present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "today's": "PRESENT_REF",
    "the moment": "PRESENT_REF", "this moment": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "the time being": "PRESENT_REF", "this time": "PRESENT_REF", "immediately": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF",
    "formerly": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF", "earlier": "PAST_REF",
    "once": "PAST_REF", "ago": "PAST_REF", "long ago": "PAST_REF", "a while ago": "PAST_REF",
    "some time ago": "PAST_REF", "not long ago": "PAST_REF", "years ago": "PAST_REF", "historically": "PAST_REF",
    "then": "PAST_REF", "at the time": "PAST_REF", "that time": "PAST_REF", "the time": "PAST_REF",
    "the future": "FUTURE_REF", "in the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF", "later": "FUTURE_REF", "eventually": "FUTURE_REF", "someday": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the coming": "FUTURE_REF", "the years ahead": "FUTURE_REF",
    "the days ahead": "FUTURE_REF", "the months ahead": "FUTURE_REF", "the weeks ahead": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF", "the long term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the near term": "FUTURE_REF", "the long run": "FUTURE_REF",
    "coming years": "FUTURE_REF", "the coming years": "FUTURE_REF", "coming months": "FUTURE_REF",
    "the coming months": "FUTURE_REF", "coming weeks": "FUTURE_REF", "the coming weeks": "FUTURE_REF",
    "coming days": "FUTURE_REF", "the coming days": "FUTURE_REF", "coming quarters": "FUTURE_REF",
    "the coming quarters": "FUTURE_REF", "the upcoming": "FUTURE_REF", "tomorrow's": "FUTURE_REF",
    "a later date": "FUTURE_REF", "a future date": "FUTURE_REF", "some future date": "FUTURE_REF",
}
# Words that qualify an expression (TimeML's MOD attribute) but leave its value alone.
MODIFIERS = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "more than",
    "less than", "fewer than", "at least", "at most", "up to", "only", "just", "barely", "well over",
    "no more than", "no less than", "not quite", "as many as", "as much as", "as long as", "as early as",
    "as late as", "as recently as", "the end of", "the beginning of", "the start of", "the middle of",
    "the close of", "the turn of", "the rest of", "the remainder of", "the balance of", "the height of",
    "the same", "the very", "the latter part of", "the early part of", "the first part of", "the end",
    "end of", "beginning of", "start of", "middle of", "early", "late", "mid", "mid-", "earlier",
    "later", "the first", "the", "this past", "this coming", "so far", "a full", "full", "an entire",
    "entire", "the entire", "the whole", "a whole", "an estimated", "an additional", "another",
    "a further", "the full", "all", "more", "almost exactly", "exactly", "sometime", "some time",
    "each of", "every one of", "year-earlier", "year-ago", "the year-earlier", "the year-ago",
)
_MODIFIER_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(m) for m in sorted(MODIFIERS, key=len, reverse=True) if not m.endswith("-"))
    + r")\s+|mid-|early-|late-)"
)


def clean(text: str) -> str:
    """Lower case, one space between words, typographic quotes and dashes made plain."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(\d+)(?:\s+|-)1/2\b|(\d+)\s*\u00bd", lambda m: f"{m.group(1) or m.group(2)}.5", text)
    return text.strip(" ,;:")


def strip_modifiers(text: str) -> str:
    """'about three weeks' -> 'three weeks'; 'the end of the year' -> 'year' and so on."""
    previous = None
    while previous != text:
        previous = text
        text = _MODIFIER_RE.sub("", text, count=1).strip()
    return text


def parse_count(text: str) -> int | float | str | None:
    """A count in digits or words: '10' -> 10, 'twenty-five' -> 25, 'several' -> 'X', '2.5' -> 2.5."""
    text = text.strip().replace(",", "")
    if text in VAGUE_COUNTS:
        return "X"
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d*\.\d+", text):
        return float(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if text.endswith(" and a half"):
        whole = parse_count(text[: -len(" and a half")])
        return whole + 0.5 if isinstance(whole, (int, float)) else None
    total = 0
    for part in re.split(r"[\s-]+", text.replace(" and ", " ")):
        if part in ("", "a"):
            continue
        if part not in NUMBER_WORDS:
            return None
        number = NUMBER_WORDS[part]
        total = total * number if number in (100, 1000) and total else total + number
    return total or None


def _number(count) -> str:
    if isinstance(count, float):
        return f"{count:g}"
    return str(count)


# A fraction of a unit, written in the next smaller one: 2.5 years -> P2Y6M.
SMALLER_UNIT = {"Y": (12, "M", False), "D": (24, "H", True), "H": (60, "M", True), "DE": (10, "Y", False),
                "W": (7, "D", False), "CE": (100, "Y", False)}


def duration_value(count, unit_word: str) -> str | None:
    """(3, 'hour') -> 'PT3H'; ('X', 'year') -> 'PXY'; (0.5, 'hour') -> 'PT30M'; (2.5, 'year') -> 'P2Y6M'."""
    unit_word = singular(unit_word)
    if unit_word not in UNITS:
        return None
    letter, is_clock = UNITS[unit_word]
    if unit_word == "fortnight" and isinstance(count, (int, float)):
        count *= 2
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    if letter == "DE" and isinstance(count, int):
        count, letter = count * 10, "Y"  # "two decades" -> P20Y, as TimeBank writes it
    if letter == "Q":
        count, letter = (count * 3 if isinstance(count, (int, float)) else count), "M"  # quarters in months
    if isinstance(count, float) and letter in SMALLER_UNIT and not (letter == "M" and not is_clock):
        whole, fraction = int(count), count - int(count)
        factor, small_letter, small_clock = SMALLER_UNIT[letter]
        if (fraction * factor).is_integer():
            small = f"{int(fraction * factor)}{small_letter}"
            if whole == 0:
                return f"P{'T' if small_clock else ''}{small}"
            if small_clock and not is_clock:  # 2.5 days -> P2DT12H
                return f"P{whole}{letter}T{small}"
            return f"P{'T' if is_clock else ''}{whole}{letter}{small}"
    if unit_word == "minute" and isinstance(count, float) and (count * 60).is_integer():
        whole, seconds = int(count), int((count - int(count)) * 60)
        return f"PT{whole}M{seconds}S" if whole else f"PT{seconds}S"
    return f"P{'T' if is_clock else ''}{_number(count)}{letter}"


def singular(word: str) -> str:
    word = UNIT_PLURALS.get(word, word)
    if word.endswith("s") and word[:-1] in UNITS:
        return word[:-1]
    return word


# ---------------------------------------------------------------- calendar arithmetic

def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift(anchor: dt.date, unit: str, amount: int) -> str | None:
    """The calendar unit `amount` units away from the anchor, at that unit's granularity."""
    if unit == "day":
        return (anchor + dt.timedelta(days=amount)).isoformat()
    if unit in ("week", "weekend"):
        week = iso_week(anchor + dt.timedelta(weeks=amount))
        return week + "-WE" if unit == "weekend" else week
    if unit == "month":
        day = anchor + relativedelta(months=amount)
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        index = anchor.year * 4 + quarter_of(anchor) - 1 + amount
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "year":
        return f"{anchor.year + amount:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + amount:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + amount:02d}"
    return None


def shift_quarter(value: str, amount: int) -> str:
    """'1989-Q3' moved by `amount` quarters."""
    year, quarter = int(value[:4]), int(value[-1])
    index = year * 4 + quarter - 1 + amount
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def weekday_date(anchor: dt.date, weekday: int, tense: str | None) -> dt.date:
    """The date of a bare weekday name: in a future clause the next one not before the
    anchor, otherwise the latest one not after it."""
    delta = weekday - anchor.isoweekday()
    if tense == "past":
        return anchor + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    if tense == "future":
        return anchor + dt.timedelta(days=delta if delta >= 0 else delta + 7)
    # Without a tense, the past: news reports what happened (in TimeBank, weekday names
    # fall on or before the publication date 19 times in 20).
    return anchor + dt.timedelta(days=delta if delta <= 0 else delta - 7)


def year_for(month: int, day: int | None, anchor: dt.date, tense: str | None) -> int:
    """The year of 'January 28' or 'March': of the anchor's year and its neighbours, the one
    nearest the anchor that the clause's tense allows (a past clause may still name a date
    a few weeks ahead: "payable Dec. 15" in an October article)."""
    grace = dt.timedelta(days=62)
    best = None
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        candidate = dt.date(year, month, min(day or 15, 28 if month == 2 else 30))
        if tense == "past" and candidate > anchor + grace:
            continue
        if tense == "future" and candidate < anchor - grace:
            continue
        # Untensed, news looks back more often than ahead: a date ahead counts as twice as far.
        distance = (candidate - anchor).days
        distance = distance * 2 if distance > 0 and tense is None else abs(distance)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else anchor.year


# ---------------------------------------------------------------- the rules

NUM = r"(?:\d+(?:\.\d+)?|[a-z]+(?:[\s-][a-z]+)*?)"
_AGO = re.compile(rf"^(?P<count>{NUM}|a few|several|many|some)\s+(?:more\s+)?(?P<unit>{UNIT_WORDS}|centuries|millennia)s?"
                  r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|before|later|after|hence|from now|back|previously)$")
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
_CLOCK = re.compile(r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?::\d{2})?\s*"
                    r"(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?|o'clock|h\b|hrs?\b)?")
_TIMEZONE = re.compile(r"\s+(?:[a-z]st|[a-z]dt|gmt|utc|et|pt|ct|mt|local time|[a-z]+ time)$")
_YEAR = r"(?:1[0-9]|20)\d\d"


def normalize(text: str, anchor: dt.date | None = None, tense: str | None = None) -> Result:
    """(timex_type, value) of one temporal expression; value None when it cannot be normalized.

    The type is always given (DATE when nothing better is known), so a span kept
    for its extent still carries a plausible type.
    """
    return _normalize(clean(text), anchor, tense)


@lru_cache(maxsize=4096)
def _normalize(text: str, anchor: dt.date | None, tense: str | None) -> Result:
    if not text:
        return DATE, None
    text = re.sub(r"'s$", "", text) if not text.endswith("today's") else text
    if _YEAR_WORDS.search(text) and not _YEAR_WORDS.fullmatch(text):
        # "January nineteen ninety-seven", "the winter of nineteen ninety-four": the year in digits
        digits = _YEAR_WORDS.sub(lambda m: year_in_words(m.group(0), None, None)[1], text)
        if digits != text:
            return _normalize(digits, anchor, tense)
    for rule in RULES:
        result = rule(text, anchor, tense)
        if result is not None:
            return result
    core = strip_modifiers(text)
    if core in ("year", "month", "week", "quarter", "fiscal year", "full year", "year end", "year-end",
                "day", "decade", "century"):
        if re.match(r"(?:a|an|another|an additional|one|a full|an extra)\s", text):
            return DURATION, duration_value(1, core)
        unit = "year" if "year" in core else core
        return _shifted(anchor, unit, 0) if unit != "day" else (DATE, None)
    if core != text and core:
        return _normalize(core, anchor, tense)
    if re.search(rf"\b(?:{UNIT_WORDS})s\b", text) and not re.search(r"\b(?:ago|earlier|later|before|after)\b", text):
        return DURATION, None
    return DATE, None


def fuzzy_reference(text, anchor, tense):
    if text in FUZZY:
        return DATE, FUZZY[text]
    match = re.fullmatch(r"(?:a|any)\s+(?:given|particular)\s+(?P<unit>day|week|month|year)", text)
    if match:  # "in a given week": some week, which one unsaid
        return DATE, {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[match.group("unit")]
    if re.fullmatch(rf"(?:the\s+|all\s+|any\s+)?future\s+(?:(?:{UNIT_WORDS})s|centuries|generations)", text):
        return DATE, "FUTURE_REF"  # "in future quarters"
    if text in ("year-earlier", "year-ago", "the year-earlier", "the year-ago", "a year-earlier", "a year-ago"):
        return _shifted(anchor, "year", -1)
    return None


def set_expression(text, anchor, tense):
    if text in SET_ADVERBS:
        return SET, SET_ADVERBS[text]
    match = re.fullmatch(rf"(?:every|each|per)\s+(?:(?P<count>{NUM})\s+)?(?P<unit>{UNIT_WORDS}|[a-z]+)s?", text)
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
    match = re.fullmatch(r"(?:(?:every|each|on)\s+)?(?P<day>[a-z]+day)s?\s+"
                         r"(?P<part>morning|afternoon|evening|night)s", text)
    if match and match.group("day") in WEEKDAYS:  # "Tuesday nights": every Tuesday night
        return SET, f"XXXX-WXX-{WEEKDAYS[match.group('day')]}T{PARTS_OF_DAY[match.group('part')]}"
    match = re.fullmatch(r"(?:every|each|on)\s+(?P<day>[a-z]+)s", text) or re.fullmatch(r"(?P<day>[a-z]+day)s", text)
    if match and match.group("day") in WEEKDAYS:
        return SET, f"XXXX-WXX-{WEEKDAYS[match.group('day')]}"
    match = re.fullmatch(r"(?:once|twice|\w+ times)\s+(?:a|an|per|every|each)\s+(?P<unit>[a-z]+)", text)
    if match and singular(match.group("unit")) in UNITS:
        return SET, duration_value(1, match.group("unit"))
    return None


def numeric_date(text, anchor, tense):
    match = re.fullmatch(r"(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?", text)
    if match:
        y, m, d = match.group("y"), int(match.group("m")), match.group("d")
        if 1 <= m <= 12:
            return DATE, f"{y}-{m:02d}" + (f"-{int(d):02d}" if d else "")
    match = re.fullmatch(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?", text)
    if match:
        m, d, y = int(match.group("m")), int(match.group("d")), match.group("y")
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        if y is None:
            year = str(year_for(m, d, anchor, tense)) if anchor else "XXXX"
        else:
            year = y if len(y) == 4 else ("19" if int(y) > 30 else "20") + y
        return DATE, f"{year}-{m:02d}-{d:02d}"
    return None


def year_expression(text, anchor, tense):
    match = re.fullmatch(rf"(?:(?:the\s+)?(?:calendar|fiscal|financial|model|school|tax)\s+(?:year\s+)?|the year\s+|year\s+|"
                         rf"fy\s*|fiscal-)?(?P<y>{_YEAR}|\d{{3}})(?:\s*(?:ad|a\.d\.|ce))?", text)
    if match:
        return DATE, match.group("y").zfill(4)
    match = re.fullmatch(r"(?:fiscal\s+)?'(?P<y>\d\d)", text)
    if match:
        return DATE, ("19" if int(match.group("y")) > 30 else "20") + match.group("y")
    match = re.fullmatch(rf"(?P<a>{_YEAR})\s*(?:-|/|to|through|and)\s*(?P<b>\d{{2,4}})", text)
    if match:  # "1998-99": the span of a season or fiscal year counts from its first year
        return DATE, match.group("a")
    match = re.fullmatch(r"(?:the\s+)?(?:(?:early|late|mid|middle)[\s-]+)?(?:'|(?P<c>1[0-9]|20))?(?P<d>\d)0'?s", text)
    if match:
        century = match.group("c") or "19"
        if match.group("c") is None and int(match.group("d")) < 3 and anchor and anchor.year >= 2010:
            century = "20"
        return DATE, f"{century}{match.group('d')}"
    match = re.fullmatch(r"(?:the\s+)?(?P<c>1[0-9]|20)00s", text)
    if match:
        return DATE, match.group("c")
    decade_words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                    "eighties": 8, "nineties": 9}
    match = re.fullmatch(r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:nineteen[\s-]?)?(?P<w>[a-z]+ies)", text)
    if match and match.group("w") in decade_words:
        return DATE, f"19{decade_words[match.group('w')]}"
    match = re.fullmatch(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century", text) or \
        re.fullmatch(r"(?:the\s+)?(?P<w>[a-z]+(?:-[a-z]+)?)\s+century", text)
    if match:
        n = int(match.group("n")) if match.groupdict().get("n") else _ordinal_number(match.group("w"))
        if n:
            return DATE, f"{n - 1:02d}"
    return None


_TENS_WORDS = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
               "forty|fifty|sixty|seventy|eighty|ninety")
# A year said in words, as broadcast transcripts write it: "nineteen ninety-six", "nineteen oh five".
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_YEAR_WORDS = re.compile(rf"\b(?:eighteen|nineteen|twenty)[\s-]+(?:oh[\s-]+(?:{_DIGIT_WORDS})|"
                         rf"hundred|(?:{_TENS_WORDS})(?:-(?:{_DIGIT_WORDS}))?)\b"
                         rf"(?![\s-]+(?:{UNIT_WORDS}|percent|per|dollars?|people|of)\b)")


def year_in_words(text, anchor, tense):
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000, 'two thousand and three' -> 2003."""
    text = re.sub(r"^(?:the\s+)?(?:year\s+)?", "", text)
    match = re.fullmatch(r"(?P<c>eighteen|nineteen|twenty)[\s-]+(?P<rest>.+)", text)
    if match:
        rest = 0 if match.group("rest") == "hundred" else parse_count(match.group("rest").replace("oh ", ""))
        if isinstance(rest, int) and 0 <= rest < 100:
            return DATE, f"{NUMBER_WORDS[match.group('c')]}{rest:02d}"
    match = re.fullmatch(r"two thousand(?:\s+(?:and\s+)?(?P<rest>.+))?", text)
    if match:
        rest = parse_count(match.group("rest")) if match.group("rest") else 0
        if isinstance(rest, int) and 0 <= rest < 100:
            return DATE, f"{2000 + rest}"
    return None


def possessive(text, anchor, tense):
    """'next year's first quarter' -> 1990-Q1, 'year's end' -> the anchor's year."""
    match = re.fullmatch(r"(?P<owner>.+?)'s?\s+(?P<part>.+)", text)
    if not match:
        return None
    owner = match.group("owner")
    if owner in ("year", "the year"):
        owner = "this year"
    owner_value = _normalize(owner, anchor, tense)[1]
    if owner_value is None or not re.fullmatch(r"\d{4}", owner_value):
        return None
    part = match.group("part")
    if part in ("end", "beginning", "start", "close", "middle", "first half", "second half"):
        half = {"first half": "-H1", "second half": "-H2"}.get(part, "")
        return DATE, owner_value + half
    quarter = re.fullmatch(r"(?:fiscal\s+)?(?P<ord>[a-z0-9]+)[\s-](?P<kind>quarter|half)", part)
    if quarter and ORDINALS.get(quarter.group("ord"), 0) > 0:
        return DATE, f"{owner_value}-{'Q' if quarter.group('kind') == 'quarter' else 'H'}{ORDINALS[quarter.group('ord')]}"
    return None


def _ordinal_number(word: str) -> int | None:
    tens = {"twentieth": 20, "twenty-first": 21, "nineteenth": 19, "eighteenth": 18, "twenty-second": 22,
            "seventeenth": 17, "sixteenth": 16, "fifteenth": 15, "fourteenth": 14, "thirteenth": 13}
    return tens.get(word) or (ORDINALS.get(word) if ORDINALS.get(word, -1) > 0 else None)


def quarter_expression(text, anchor, tense):
    match = re.fullmatch(rf"q(?P<q>[1-4])(?:\s+|-|')(?P<y>{_YEAR}|\d\d)", text) or \
        re.fullmatch(rf"(?P<y>{_YEAR})[\s-]*q(?P<q>[1-4])", text)
    if match:
        y = match.group("y")
        return DATE, f"{y if len(y) == 4 else '20' + y}-Q{match.group('q')}"
    half_or_quarter = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+(?P<part>quarter|half|qtr)"
    match = re.fullmatch(rf"(?:(?:the|its|their|this|that)\s+)?(?:(?:fiscal|calendar|fiscal-year)[\s-]+)?"
                         rf"(?:(?P<y1>{_YEAR})\s+)?{half_or_quarter}"
                         rf"(?:\s+(?:of|in|for)?\s*(?:(?:fiscal|calendar|the fiscal year|the year|fiscal year)\s+)?"
                         rf"(?P<rest>.+))?", text)
    if match:
        if match.group("ord") in ("last", "final") and not text.startswith("the") and not match.group("rest"):
            return None  # "last quarter" is the one before this, not the fourth
        ordinal = ORDINALS.get(match.group("ord"), -1)
        part = "H" if match.group("part") == "half" else "Q"
        if ordinal < 0:
            ordinal = 2 if part == "H" else 4
        year = match.group("y1")
        rest = match.group("rest")
        if rest:
            _, rest_value = _normalize(rest, anchor, tense)
            if rest_value and re.fullmatch(r"\d{4}", rest_value):
                year = rest_value
            elif part == "H" and rest_value and re.fullmatch(r"\d{3}", rest_value):
                return DATE, rest_value  # "the last half of the '80s": TIMEX3 has no half of a decade
            elif re.fullmatch(r"'?\d\d", rest):
                year = "19" + rest[-2:] if int(rest[-2:]) > 30 else "20" + rest[-2:]
            else:
                return None
        if year is None:
            if anchor is None:
                return DATE, f"XXXX-{part}{ordinal}"
            year = str(anchor.year)
            # The quarter just reported in a past clause can lie in the previous year.
            if part == "Q" and tense == "past" and ordinal > quarter_of(anchor):
                year = str(anchor.year - 1)
        return DATE, f"{year}-{part}{ordinal}"
    return None


def season_expression(text, anchor, tense):
    match = re.fullmatch(rf"(?:(?:the|this|last|next|early|late|mid|this past|this coming|the coming|the past|past|"
                         rf"coming)[\s-]+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}|'\d\d))?",
                         text)
    if not match:
        match = re.fullmatch(rf"(?P<y>{_YEAR})\s+(?P<s>spring|summer|autumn|fall|winter)", text)
        if not match:
            return None
    season = SEASONS[match.group("s")]
    y = match.group("y")
    if y:
        year = y if len(y) == 4 else ("19" if int(y[1:]) > 30 else "20") + y[1:]
        return DATE, f"{year}-{season}"
    if anchor is None:
        return DATE, f"XXXX-{season}"
    year = anchor.year
    if text.startswith("last") or text.startswith("the past") or text.startswith("past"):
        year -= 1 if _season_index(season) >= _season_index(_season_of(anchor)) else 0
    elif text.startswith("next") or "coming" in text:
        year += 1 if _season_index(season) <= _season_index(_season_of(anchor)) else 0
    return DATE, f"{year}-{season}"


def _season_of(day: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")


def _season_index(season: str) -> int:
    return ["WI", "SP", "SU", "FA"].index(season)


def deictic_day(text, anchor, tense):
    days = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
            "the day after tomorrow": 2, "this day": 0, "tonight": 0, "tonite": 0}
    part = None
    # "mid-afternoon yesterday", "mid afternoon": the part of the day, of that day or the anchor's
    early_late = re.fullmatch(r"(?:mid|early|late)[\s-]*(?P<part>morning|afternoon|evening)"
                              r"(?:\s+(?P<day>today|yesterday|tomorrow))?", text)
    if early_late:
        text = f"{early_late.group('day') or 'today'} {early_late.group('part')}"
    match = re.fullmatch(r"(?P<day>[a-z ]+?)(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night|overnight))?", text)
    if match and match.group("day") in days:
        day = days[match.group("day")]
        part = match.group("part")
        if match.group("day") in ("tonight", "tonite"):
            part = "night"
    elif text in ("this morning", "this afternoon", "this evening", "last night", "last evening",
                  "overnight", "this morning's", "late last night", "early this morning", "this night",
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


# "recent years", "past months": a bare stretch before the anchor is the past itself,
# while "the last few weeks" and "recent weeks" stay durations of unknown length.
_VAGUE_PAST = re.compile(rf"(?:the\s+)?(?:recent|past|previous)\s+(?:(?:{UNIT_WORDS})s|centuries)"
                         rf"(?:\s+(?:and|or)\s+(?:{UNIT_WORDS})s)?")
_RANGE = re.compile(rf"(?:(?:the\s+)?(?:past|last|next|first|coming)\s+)?(?P<a>{NUM})\s*(?:to|-|or)\s*(?P<b>{NUM})\s+"
                    rf"(?P<unit>(?:{UNIT_WORDS})s?)")


def from_deictic_day(text, anchor, tense):
    """'two days after today', 'three weeks from tomorrow', 'the day before yesterday', and
    'the day before last Tuesday' (any base that is a calendar day)."""
    match = re.fullmatch(rf"(?P<count>{NUM}|the|a)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>after|before|from)\s+"
                         r"(?P<base>.+)", text)
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
        base_value = _normalize(match.group("base"), anchor, tense)[1]
        if not base_value or not re.fullmatch(r"\d{4}-\d\d-\d\d", base_value):
            return None
        base = dt.date.fromisoformat(base_value)
    sign = -1 if match.group("dir") == "before" else 1
    day = base + relativedelta(**{match.group("unit") + "s": sign * count})
    return DATE, day.isoformat()


def duration(text, anchor, tense):
    match = re.fullmatch(r"(?:the\s+)?(?:most\s+)?recent\s+(?P<unit>days|weeks|months|quarters)", text)
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
    match = re.fullmatch(rf"(?:(?:a|an|one)\s+)?(?P<unit>{UNIT_WORDS})\s+and\s+a\s+half", text)
    if match:
        return DURATION, duration_value(1.5, match.group("unit"))
    match = re.fullmatch(rf"half\s+(?:a|an)\s+(?P<unit>{UNIT_WORDS})", text)
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
        if anchor is None:
            return DATE, f"XXXX-WXX-{WEEKDAYS[unit]}"
        weekday = WEEKDAYS[unit]
        if direction in ("last", "past", "previous"):
            day = weekday_date(anchor - dt.timedelta(days=1), weekday, "past")
        elif direction in ("next", "coming", "following", "upcoming"):
            day = weekday_date(anchor + dt.timedelta(days=1), weekday, "future")
        elif direction == "this":  # the day of the anchor's own week
            day = anchor + dt.timedelta(days=weekday - anchor.isoweekday())
        else:
            day = weekday_date(anchor, weekday, tense)
        return DATE, day.isoformat()
    if unit in MONTHS:
        if anchor is None:
            return DATE, f"XXXX-{MONTHS[unit]:02d}"
        month = MONTHS[unit]
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
    if direction in ("the", "latest", "recent") and unit in ("quarter", "period") and anchor is not None:
        return DATE, reported_quarter(anchor)
    if unit == "period":
        return None
    if unit == "season":
        return None
    the = text.startswith("the ")
    # "the past year": TimeBank reads it as the year before, like "last year".
    if the and direction in ("past", "last", "previous") and unit in ("week", "month", "year", "decade", "quarter"):
        return _shifted(anchor, unit, -1)
    # "past decade", "the next month": a stretch of time next to the anchor, a duration.
    if direction in ("past", "last", "previous", "next", "coming", "following", "recent", "latest", "prior",
                     "preceding", "upcoming") and (the or direction in ("past", "coming", "recent")):
        if unit in ("day", "week", "month", "year", "decade", "century", "quarter", "weekend", "night"):
            if direction in ("latest", "recent") and unit in ("quarter", "year", "month", "week"):
                return _shifted(anchor, unit, -1)
            return DURATION, duration_value(1, unit)
    if direction in ("a", "an", "one"):
        return DURATION, duration_value(1, unit)
    if direction in ("year-ago", "year-earlier", "year-before"):
        return _shifted(anchor, unit, -4 if unit == "quarter" else -12 if unit == "month" else -1)
    if direction in ("last", "previous", "past", "prior", "latest", "recent"):
        return _shifted(anchor, unit, -1)
    if direction in ("next", "coming", "following", "upcoming"):
        return _shifted(anchor, unit, 1)
    if direction in ("this", "current"):
        return _shifted(anchor, unit, 0)
    if direction == "same" or direction == "that":
        return None
    if direction == "the" and unit in ("year", "month", "week"):
        return _shifted(anchor, unit, 0)
    return None


# "that year", "the following month", "later that day", "the next morning", "the day before":
# times counted from the last date the text mentioned (TimeML's reference time), not from
# the publication date.
_ANAPHORIC = re.compile(r"(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?P<det>that|that same|the same|the very same|"
                        r"the following|the next|the previous|the prior|the preceding)\s+"
                        r"(?P<unit>day|week|month|year|morning|afternoon|evening|night|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
_ANAPHORIC_AFTER = re.compile(r"the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)")
_REFERENCE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?(?:$|-|T)")


def is_anaphoric(text: str) -> bool:
    """Whether the expression counts from the reference time ('that year', 'the next day')."""
    text = clean(text)
    match = _ANAPHORIC.fullmatch(text)
    if match:
        det, unit = match.group("det"), match.group("unit")
        if unit in WEEKDAYS:  # "the previous Friday"; "that Friday" and "next Friday" count from now
            return det in ("the following", "the previous", "the prior", "the preceding")
        return not (det == "the next" and unit in ("week", "month", "year"))
    return _ANAPHORIC_AFTER.fullmatch(text) is not None


def anaphoric(text: str, reference: str | None) -> Result | None:
    """(type, value) of 'that year', 'the following month', 'earlier that day', 'the next
    morning' or 'the day before' counted from `reference`, the value of the date mentioned
    last; None when the text is no such expression or the reference is too coarse for it.
    ("the next year" and "the next month" stay with the anchor: they mostly mean the stretch
    of time ahead.)"""
    if not is_anaphoric(text) or not reference:
        return None
    text = clean(text)
    match = _ANAPHORIC.fullmatch(text)
    if match:
        det, unit = match.group("det"), match.group("unit")
        amount = 1 if det in ("the following", "the next") else -1 if det in (
            "the previous", "the prior", "the preceding") else 0
    else:
        match = _ANAPHORIC_AFTER.fullmatch(text)
        unit, amount = match.group("unit"), (1 if match.group("dir") == "after" else -1)
    ref = _REFERENCE.match(reference)
    if not ref:
        return None
    part = PARTS_OF_DAY.get(unit)
    if unit == "year":
        return DATE, f"{int(ref.group('y')) + amount:04d}"
    if unit == "month":
        if not ref.group("m"):
            return None
        day = dt.date(int(ref.group("y")), int(ref.group("m")), 1) + relativedelta(months=amount)
        return DATE, f"{day.year:04d}-{day.month:02d}"
    if not ref.group("d"):
        return None
    try:
        day = dt.date(int(ref.group("y")), int(ref.group("m")), int(ref.group("d")))
    except ValueError:
        return None
    if unit == "week":
        return DATE, iso_week(day + dt.timedelta(weeks=amount))
    if unit in WEEKDAYS:  # the nearest such weekday before (or after) the reference day
        if amount > 0:
            return DATE, (day + dt.timedelta(days=(WEEKDAYS[unit] - day.isoweekday()) % 7 or 7)).isoformat()
        return DATE, (day - dt.timedelta(days=(day.isoweekday() - WEEKDAYS[unit]) % 7 or 7)).isoformat()
    day += dt.timedelta(days=amount)
    if part:
        return part_type(unit), f"{day.isoformat()}T{part}"
    return DATE, day.isoformat()


def reported_quarter(anchor: dt.date) -> str:
    """'the quarter' in a report: early in a quarter, the one just ended (results come out
    in the weeks after a quarter closes); later on, the current one."""
    start = dt.date(anchor.year, (quarter_of(anchor) - 1) * 3 + 1, 1)
    return shift(anchor, "quarter", -1 if (anchor - start).days < 60 else 0)


def _shifted(anchor, unit, amount):
    if unit == "night":
        unit = "day"
    if anchor is None:
        return DATE, None
    return DATE, shift(anchor, unit, amount)


def relative_period(text, anchor, tense):
    """'earlier this year', 'later this month', 'the end of last year', 'early next week'."""
    match = re.fullmatch(r"(?:(?:earlier|later|early|late|the end of|the beginning of|the start of|the middle of|"
                         r"mid|end of|beginning of|start of|the rest of|the remainder of|the first half of|"
                         r"the second half of|the latter part of|the early part of)[\s-]+)+"
                         r"(?P<rest>(?:this|last|next|the|that|the past|the current)\s+.+|today|yesterday|tomorrow)",
                         text)
    if match:
        rest = match.group("rest")
        result = _normalize(rest, anchor, tense)
        if result[0] == DURATION and rest.startswith("the "):
            return _shifted(anchor, singular(rest.split()[-1]), 0) if anchor else (DATE, None)
        if "the first half of" in text or "the second half of" in text:
            half = "H1" if "first" in text else "H2"
            if result[1] and re.fullmatch(r"\d{4}", result[1]):
                return DATE, f"{result[1]}-{half}"
        return result
    return None


def clock_time(text, anchor, tense):
    """'3pm', '10:30 a.m. EST', 'noon Tuesday', 'Monday at 3 p.m.', '3pm yesterday'."""
    if re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d\s+[a-z]{2,3}", text):
        hm = _clock_value(text)
        if hm:
            return TIME, f"{anchor.isoformat() if anchor else 'XXXX-XX-XX'}T{hm}"
    text = re.sub(r"\s+(?:[ecmp][sd]t|gmt|utc)\b", "", _TIMEZONE.sub("", text))
    day_part = None
    time_part = text
    candidates = [(text, None)]
    for split in re.finditer(r",?\s+(?:(?:at|on)\s+)?", text):
        left, right = text[:split.start()], text[split.end():]
        candidates += [(right, left), (left, right)]
    for time_part, day_part in candidates:
        hm = _clock_value(time_part)
        if hm is None:
            continue
        if day_part:
            day_part = re.sub(r"^(?:on|at)\s+", "", day_part)
            day_type, day_value = _normalize(day_part, anchor, tense)
            if day_value is not None:
                day_value = re.sub(r"T(?:MO|AF|EV|NI|MI)$", "", day_value)  # "8am this morning"
            if day_value is None or not re.fullmatch(r"\d{4}-\d\d-\d\d|XXXX-\d\d-\d\d|XXXX-WXX-\d", day_value):
                continue
            return TIME, f"{day_value}T{hm}"
        if anchor is None:
            return TIME, f"XXXX-XX-XXT{hm}"
        return TIME, f"{anchor.isoformat()}T{hm}"
    return None


def _clock_value(text: str) -> str | None:
    match = re.fullmatch(r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:\s*(?:gmt|bst|utc|cet|est|pst|cst|et|pt|hrs|hours|h))", text)
    if match:  # "2000 GMT": the 24-hour clock of broadcast schedules
        return f"{match.group('h')}:{match.group('m')}"
    if text in ("noon", "midday", "12 noon"):
        return "12:00"
    if text == "midnight":
        return "24:00"
    match = _CLOCK.fullmatch(text)
    if not match or (match.group("ampm") is None and match.group("minute") is None):
        return None
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    ampm = (match.group("ampm") or "").replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def part_type(part: str) -> str:
    """TimeBank marks "Friday night" a DATE but "Friday morning" a TIME, more often than not."""
    return DATE if part in ("night", "tonight", "tonite") else TIME


def part_of_day(text, anchor, tense):
    """'Friday morning', 'Wednesday night', 'the morning', 'the weekend'."""
    match = re.fullmatch(r"(?P<rel>(?:last|next|this|this coming|this past)\s+)?(?P<day>[a-z]+)(?:'s)?\s+"
                         r"(?P<part>morning|afternoon|evening|night|overnight)", text)
    if match and match.group("rel") and match.group("day") in WEEKDAYS:
        _, day_value = _normalize(f"{match.group('rel')}{match.group('day')}", anchor, tense)
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


def weekday(text, anchor, tense):
    match = re.fullmatch(r"(?:(?:on|early|late|this)\s+)?(?P<day>[a-z]+)\.?(?:,\s*|\s+)?(?P<rest>.*)", text)
    if not match or match.group("day") not in WEEKDAYS:
        return None
    rest = match.group("rest").strip(", ")
    if rest:  # "Monday, March 3": the date decides, the weekday only confirms it
        result = _normalize(rest, anchor, tense)
        if result[1] and re.search(r"\d\d-\d\d$", result[1]):
            if anchor and not re.search(r"\d{4}", rest):
                return _with_weekday_year(rest, WEEKDAYS[match.group("day")], anchor) or result
            return result
        return None
    if len(match.group("day")) <= 3 and match.group("day") in ("sun", "sat", "wed", "mon"):
        return None  # bare abbreviations are too often words
    if anchor is None:
        return DATE, f"XXXX-WXX-{WEEKDAYS[match.group('day')]}"
    return DATE, weekday_date(anchor, WEEKDAYS[match.group("day")], tense).isoformat()


def _with_weekday_year(rest, weekday_number, anchor):
    """The year (anchor's, or one either side) in which the month and day fall on the weekday."""
    month_day = _month_day(rest)
    if month_day is None:
        return None
    month, day = month_day
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            if dt.date(year, month, day).isoweekday() == weekday_number:
                return DATE, f"{year}-{month:02d}-{day:02d}"
        except ValueError:
            continue
    return DATE, f"{anchor.year}-{month:02d}-{day:02d}"


_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "thirtieth": 30}


def _ordinal_day(word: str) -> int | None:
    """'eighth' -> 8, 'twenty-first' -> 21, 'thirtieth' -> 30 (transcripts spell days out)."""
    match = re.fullmatch(r"(?:(?P<tens>twenty|thirty)[\s-])?(?P<unit>[a-z]+)", word)
    if not match or match.group("unit") not in _ORDINAL_WORDS:
        return None
    unit = _ORDINAL_WORDS[match.group("unit")]
    if match.group("tens") and unit > 9:
        return None
    day = unit + {"twenty": 20, "thirty": 30}.get(match.group("tens"), 0)
    return day if day <= 31 else None


def _month_day(text):
    match = re.fullmatch(rf"{_MONTH_RE}\s+(?:the\s+)?(?P<word>[a-z]+(?:[\s-][a-z]+)?)", text) or \
        re.fullmatch(rf"(?:the\s+)?(?P<word>[a-z]+(?:[\s-][a-z]+)?)\s+of\s+{_MONTH_RE}", text)
    if match and _ordinal_day(match.group("word")):  # "March eighth", "the twenty-first of May"
        return MONTHS[match.group("month")], _ordinal_day(match.group("word"))
    match = re.fullmatch(rf"{_MONTH_RE}\s+(?:the\s+)?{_DAY_RE}", text) or \
        re.fullmatch(rf"(?:the\s+)?{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}", text)
    if match:
        month, day = MONTHS[match.group("month")], int(match.group("day"))
        if 1 <= day <= 31:
            return month, day
    return None


def calendar_date(text, anchor, tense):
    """Month names with or without day and year: 'Feb. 7, 2022', '7 February 2022', 'January 28',
    'March 2021', 'mid-March', 'the end of June'."""
    if not re.search(r"\b(?:" + "|".join(MONTHS) + r")\b", text):
        return None
    bare = re.sub(r"^(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of|end of|"
                  r"beginning of|start of|middle of|the first half of|the second half of|the rest of|"
                  r"the first week of|the last week of|the second week of|the third week of)[\s-]+)+", "", text)
    relative = re.match(r"(last|this|next|this past|this coming)\s+", bare)
    if relative:
        bare = bare[relative.end():]
        tense = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(relative.group(1), tense)
    month_day = _month_day(bare)
    if month_day:
        month, day = month_day
        if anchor is None:
            return DATE, f"XXXX-{month:02d}-{day:02d}"
        return DATE, f"{year_for(month, day, anchor, tense)}-{month:02d}-{day:02d}"
    match = re.fullmatch(rf"{_MONTH_RE}", bare)
    if match:
        if bare in ("mar", "jan", "jun", "dec"):
            return None  # short forms alone are too often other words
        month = MONTHS[match.group("month")]
        if anchor is None:
            return DATE, f"XXXX-{month:02d}"
        return DATE, f"{year_for(month, None, anchor, tense)}-{month:02d}"
    match = re.fullmatch(rf"{_MONTH_RE},?\s+(?:of\s+)?(?P<year>{_YEAR}|'\d\d)", bare)
    if match:
        year = match.group("year")
        year = year if len(year) == 4 else ("19" if int(year[1:]) > 30 else "20") + year[1:]
        return DATE, f"{year}-{MONTHS[match.group('month')]:02d}"
    match = re.fullmatch(rf"{_MONTH_RE}\s+(?P<rel>this|last|next)\s+year", bare)
    if match:
        if anchor is None:
            return DATE, f"XXXX-{MONTHS[match.group('month')]:02d}"
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[match.group("rel")]
        return DATE, f"{year}-{MONTHS[match.group('month')]:02d}"
    parsed = parse_with_dateparser(bare)
    if parsed is not None:
        return DATE, parsed
    return None


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    # Only absolute formats: relative words are resolved here against the document's
    # anchor, never against the wall clock.
    return DateDataParser(languages=["en"], settings={"PARSERS": ["absolute-time"], "PREFER_DAY_OF_MONTH": "first",
                                                      "DATE_ORDER": "MDY"})


_CALENDAR_WORDS = re.compile(r"(?:" + "|".join(sorted({*MONTHS, *WEEKDAYS}, key=len, reverse=True))
                             + r"|of|the|\d{1,4}(?:st|nd|rd|th)?|[\s.,/-])+")


def parse_with_dateparser(text: str) -> str | None:
    """A full calendar date in any spelling dateparser knows, at the granularity written."""
    if not re.search(rf"\b{_YEAR}\b", text):
        return None  # without a written year dateparser would fill in the current one
    if not _CALENDAR_WORDS.fullmatch(text):
        return None  # dateparser reads past words it does not know; give it calendar words only
    data = _date_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return f"{day.year:04d}"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def holiday(text, anchor, tense):
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1), "new year": (1, 1),
             "halloween": (10, 31), "valentine's day": (2, 14), "independence day": (7, 4),
             "the fourth of july": (7, 4), "july fourth": (7, 4), "boxing day": (12, 26),
             "st patrick's day": (3, 17), "st. patrick's day": (3, 17), "new year's day's": (1, 1)}
    match = re.fullmatch(rf"(?:(?:this|last|next)\s+)?(?P<name>.+?)(?:\s+(?P<year>{_YEAR}))?", text)
    if not match or match.group("name") not in fixed:
        return None
    month, day = fixed[match.group("name")]
    if match.group("year"):
        return DATE, f"{match.group('year')}-{month:02d}-{day:02d}"
    if anchor is None:
        return DATE, f"XXXX-{month:02d}-{day:02d}"
    year = anchor.year
    if text.startswith("last"):
        year -= 1 if (month, day) >= (anchor.month, anchor.day) else 0
    elif text.startswith("next"):
        year += 1 if (month, day) <= (anchor.month, anchor.day) else 0
    else:
        year = year_for(month, day, anchor, tense)
    return DATE, f"{year}-{month:02d}-{day:02d}"


def _thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)  # the fourth Thursday


def _election_day(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + (7 if first.weekday() == 1 else 0))


# Holidays whose date moves from year to year (US usage).
MOVABLE_HOLIDAYS = {"thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving, "easter": easter,
                    "easter sunday": easter, "election day": _election_day}


def movable_holiday(text, anchor, tense):
    """'Thanksgiving Day', 'last Easter', 'Easter week', 'Election Day 1998'."""
    match = re.fullmatch(rf"(?:(?P<rel>last|this|next)\s+)?(?P<name>[a-z ]+?)(?P<week>\s+week)?"
                         rf"(?:\s+(?P<year>{_YEAR}))?", text)
    if not match or match.group("name") not in MOVABLE_HOLIDAYS:
        return None
    date_in = MOVABLE_HOLIDAYS[match.group("name")]
    if match.group("year"):
        year = int(match.group("year"))
    elif anchor is None:
        return DATE, None
    else:
        rel = match.group("rel")
        tense = {"last": "past", "next": "future"}.get(rel, tense)
        # "Easter week began": a holiday's week starts on the Monday before the holiday itself.
        lead = dt.timedelta(days=6 if match.group("week") else 0)
        candidates = [date_in(y) - lead for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        if tense == "past" or rel == "last":
            allowed = [d for d in candidates if d < anchor or (d == anchor and not rel)]
        elif tense == "future" or rel == "next":
            allowed = [d for d in candidates if d > anchor or (d == anchor and not rel)]
        else:
            allowed = candidates
        # Untensed, a date ahead counts as twice as far, as in year_for.
        year = min(allowed, key=lambda d: (d - anchor).days * 2 if d > anchor else (anchor - d).days).year
    day = date_in(year)
    return DATE, iso_week(day) if match.group("week") else day.isoformat()


def day_of_month(text, anchor, tense):
    """'the 22nd': a day of the anchor's month."""
    match = re.fullmatch(r"the\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)", text)
    if not match:
        return None
    if anchor is None:
        return DATE, None
    day = int(match.group("day"))
    try:
        return DATE, anchor.replace(day=day).isoformat()
    except ValueError:
        return DATE, None


def day_range(text, anchor, tense):
    """'Sept. 7-13, 2020' and 'the week of Sept. 7-13': a week when the range is one, else the month."""
    match = re.fullmatch(rf"(?:the\s+week\s+of\s+)?{_MONTH_RE}\s+(?P<a>\d{{1,2}})\s*-\s*(?P<b>\d{{1,2}})"
                         rf"(?:,?\s+(?P<year>{_YEAR}))?", text)
    if not match:
        match = re.fullmatch(r"the\s+week\s+of\s+(?P<rest>.+)", text)
        if match:
            _, value = _normalize(match.group("rest"), anchor, tense)
            if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                return DATE, iso_week(dt.date.fromisoformat(value))
        return None
    month, first, last = MONTHS[match.group("month")], int(match.group("a")), int(match.group("b"))
    if match.group("year"):
        year = int(match.group("year"))
    elif anchor is not None:
        year = year_for(month, first, anchor, tense)
    else:
        return DATE, f"XXXX-{month:02d}"
    try:
        start = dt.date(year, month, first)
    except ValueError:
        return None
    if 0 < last - first <= 6 and start.isocalendar()[1] == (start + dt.timedelta(days=last - first)).isocalendar()[1]:
        return DATE, iso_week(start)
    return DATE, f"{year}-{month:02d}"


def in_units(text, anchor, tense):
    """'within two weeks', 'for 10 years', 'in three days': the preposition is outside the
    TimeML extent, but callers may still pass it."""
    match = re.fullmatch(r"(?:in|within|for|over|during|after|since)\s+(?P<rest>.+)", text)
    if match:
        return _normalize(match.group("rest"), anchor, tense)
    return None


def and_span(text, anchor, tense):
    """'the 1980s and 1990s', 'Monday and Tuesday' marked as one: the first part's value."""
    match = re.fullmatch(r"(?P<a>.+?)\s+(?:and|or|to|through|-)\s+(?P<b>.+)", text)
    if match:
        result = _normalize(match.group("a"), anchor, tense)
        if result[1] is not None:
            return result
    return None


RULES = (
    fuzzy_reference, set_expression, numeric_date, year_expression, year_in_words, quarter_expression,
    possessive, movable_holiday, day_of_month, day_range, deictic_day,
    season_expression, relative_ago, from_deictic_day, duration, relative_unit, relative_period, holiday, part_of_day,
    weekday, calendar_date, clock_time, in_units, and_span,
)


_TEMPORAL_WORD = re.compile(
    r"\b(?:" + "|".join(sorted({*MONTHS, *WEEKDAYS, *SEASONS, *PARTS_OF_DAY, *UNITS, *UNIT_PLURALS}, key=len, reverse=True))
    + r")s?\b|\b(?:today|yesterday|tomorrow|tonight|now|ago|recently|currently|lately|previously|formerly|"
      r"nowadays|future|past|present|current|recent|daily|weekly|monthly|annually|yearly|quarterly|hourly|"
      r"nightly|biweekly|fortnightly|midnight|noon|moment|time|christmas|halloween|eve|thanksgiving|easter|"
      r"soon|term|period|later|earlier|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|"
      r"(?:first|second|third|fourth)-(?:quarter|half)|year-earlier|year-ago)\b|" + _YEAR_WORDS.pattern
    + r"|\ba (?:little |short )?while\b"
      r"|\bthe (?:[12]?\d|3[01])(?:st|nd|rd|th)\b|\b(?:1[0-9]|20)\d\d\b|\b\d*0'?s\b|\b\d{1,2}[:.]\d\d\b"
      r"|\b\d{1,2}\s*[ap]\.?m\b|\bq[1-4]\b|\b\d{1,2}/\d{1,2}\b"
)


def has_temporal_word(text: str) -> bool:
    """Whether the text holds anything a temporal expression is made of (a month, a unit,
    a year, a clock time ...): the model sometimes marks spans that hold none."""
    return _TEMPORAL_WORD.search(clean(text)) is not None


def is_calendar_name(word: str) -> bool:
    """A month or weekday name, abbreviated or not ('Aug.', 'Tuesday')."""
    word = word.lower().rstrip(".")
    return word in MONTHS or word in WEEKDAYS
