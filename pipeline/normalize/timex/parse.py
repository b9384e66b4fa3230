"""Reading the pieces of a temporal expression: plain text, modifiers, counts, ordinals,
month-and-day, clock times, two-digit years, and full calendar dates through dateparser.

Pure functions of a string; the rules in `rules_*` put the pieces together.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .words import (CENTURY_ORDINALS, MODIFIERS, MONTHS, MONTH_PATTERN, DAY_PATTERN, NUMBER_WORDS, ORDINAL_DAY_WORDS,
                    ORDINALS, PARTS_OF_DAY, SEASONS, TWO_DIGIT_YEAR_PIVOT, UNIT_PLURALS, UNITS, VAGUE_COUNTS,
                    WEEKDAYS, YEAR, YEAR_IN_WORDS, pattern)

_MODIFIER_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(m) for m in sorted(MODIFIERS, key=len, reverse=True) if not m.endswith("-"))
    + r")\s+|mid-|early-|late-)"
)


@lru_cache(maxsize=16384)
def clean(text: str) -> str:
    """Lower case, one space between words, typographic quotes and dashes made plain. Remembered: the date
    rules clean the same few phrases many times (a span, its parts, its value in and out of context)."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = pattern(r"[\u2010-\u2015]").sub("-", text)
    text = pattern(r"\s+").sub(" ", text).strip()
    # (?<!\d): tried only where a run of digits starts. Tried inside the run too, `\d+` backtracked
    # through every length at every digit: quadratic, 0.9 s for a 5,000-digit number.
    text = pattern(r"(?<!\d)(\d+)(?:\s+|-)1/2\b|(?<!\d)(\d+)\s*\u00bd").sub(lambda m: f"{m.group(1) or m.group(2)}.5",
                  text)
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
    if pattern(r"\d+").fullmatch(text):
        return int(text)
    if pattern(r"\d*\.\d+").fullmatch(text):
        return float(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if text.endswith(" and a half"):
        whole = parse_count(text[: -len(" and a half")])
        return whole + 0.5 if isinstance(whole, (int, float)) else None
    total = 0
    for part in pattern(r"[\s-]+").split(text.replace(" and ", " ")):
        if part in ("", "a"):
            continue
        if part not in NUMBER_WORDS:
            return None
        number = NUMBER_WORDS[part]
        total = total * number if number in (100, 1000) and total else total + number
    return total or None


def singular(word: str) -> str:
    word = UNIT_PLURALS.get(word, word)
    if word.endswith("s") and word[:-1] in UNITS:
        return word[:-1]
    return word


def expand_two_digit_year(year: str) -> str:
    """A year as written, in four digits: '98' and "'98" -> '1998', '05' -> '2005', '1998' unchanged.

    The one two-digit-year rule: above TWO_DIGIT_YEAR_PIVOT the 1900s, else the 2000s."""
    digits = year.lstrip("'")
    if len(digits) != 2:
        return digits
    return ("19" if int(digits) > TWO_DIGIT_YEAR_PIVOT else "20") + digits


def ordinal_number(word: str) -> int | None:
    """'twentieth' -> 20, 'third' -> 3: the number of a century's ordinal (None for 'last')."""
    return CENTURY_ORDINALS.get(word) or (ORDINALS.get(word) if ORDINALS.get(word, -1) > 0 else None)


def ordinal_day(word: str) -> int | None:
    """'eighth' -> 8, 'twenty-first' -> 21, 'thirtieth' -> 30 (transcripts spell days out)."""
    match = pattern(r"(?:(?P<tens>twenty|thirty)[\s-])?(?P<unit>[a-z]+)").fullmatch(word)
    if not match or match.group("unit") not in ORDINAL_DAY_WORDS:
        return None
    unit = ORDINAL_DAY_WORDS[match.group("unit")]
    if match.group("tens") and unit > 9:
        return None
    day = unit + {"twenty": 20, "thirty": 30}.get(match.group("tens"), 0)
    return day if day <= 31 else None


def month_and_day(text):
    match = pattern(rf"{MONTH_PATTERN}\s+(?:the\s+)?(?P<word>[a-z]+(?:[\s-][a-z]+)?)").fullmatch(text) or \
        pattern(rf"(?:the\s+)?(?P<word>[a-z]+(?:[\s-][a-z]+)?)\s+of\s+{MONTH_PATTERN}").fullmatch(text)
    if match and ordinal_day(match.group("word")):  # "March eighth", "the twenty-first of May"
        return MONTHS[match.group("month")], ordinal_day(match.group("word"))
    match = pattern(rf"{MONTH_PATTERN}\s+(?:the\s+)?{DAY_PATTERN}").fullmatch(text) or \
        pattern(rf"(?:the\s+)?{DAY_PATTERN}\s+(?:of\s+)?{MONTH_PATTERN}").fullmatch(text)
    if match:
        month, day = MONTHS[match.group("month")], int(match.group("day"))
        if 1 <= day <= 31:
            return month, day
    return None


_CLOCK = re.compile(r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?::\d{2})?\s*"
                    r"(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?|o'clock|h\b|hrs?\b)?")




def clock_value(text: str) -> str | None:
    match = pattern(r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:\s*(?:gmt|bst|utc|cet|est|pst|cst|et|pt|hrs|hours|h))") \
        .fullmatch(text)
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


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    # Only absolute formats: relative words are resolved here against the document's
    # anchor, never against the wall clock.
    return DateDataParser(languages=["en"], settings={"PARSERS": ["absolute-time"], "PREFER_DAY_OF_MONTH": "first",
                                                      "DATE_ORDER": "MDY"})


_CALENDAR_WORDS = re.compile(r"(?:" + "|".join(sorted({*MONTHS, *WEEKDAYS}, key=len, reverse=True))
                             + r"|of|the|\d{1,4}(?:st|nd|rd|th)?|[\s.,/-])+")


@lru_cache(maxsize=4096)
def parse_with_dateparser(text: str) -> str | None:
    """A full calendar date in any spelling dateparser knows, at the granularity written (remembered:
    dateparser takes a millisecond a date, and the same dates recur under other anchors and tenses)."""
    if not pattern(rf"\b{YEAR}\b").search(text):
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


_TEMPORAL_WORD = re.compile(
    r"\b(?:" + "|".join(sorted({*MONTHS, *WEEKDAYS, *SEASONS, *PARTS_OF_DAY, *UNITS, *UNIT_PLURALS}, key=len, reverse=True))
    + r")s?\b|\b(?:today|yesterday|tomorrow|tonight|now|ago|recently|currently|lately|previously|formerly|"
      r"nowadays|future|past|present|current|recent|daily|weekly|monthly|annually|yearly|quarterly|hourly|"
      r"nightly|biweekly|fortnightly|midnight|noon|moment|time|christmas|halloween|eve|thanksgiving|easter|"
      r"soon|term|period|later|earlier|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|"
      r"(?:first|second|third|fourth)-(?:quarter|half)|year-earlier|year-ago)\b|" + YEAR_IN_WORDS.pattern
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

