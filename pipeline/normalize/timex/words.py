"""The vocabulary of temporal expressions: TIMEX3 types, word tables and the regex pieces built from them.

Tables only, no logic: the parsing, anchoring and formatting modules read them, and
`pipeline.normalize.quantities` and the numbers extractor read MONTHS and WEEKDAYS.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Callable, Optional

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
    "the coming quarters": "FUTURE_REF", "the upcoming": "FUTURE_REF",
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
# A count in digits or words, for the rule patterns ("3", "2.5", "twenty-five").
NUM = r"(?:\d+(?:\.\d+)?|[a-z]+(?:[\s-][a-z]+)*?)"
YEAR = r"(?:1[0-9]|20)\d\d"
MONTH_PATTERN = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY_PATTERN = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

_TENS_WORDS = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
               "forty|fifty|sixty|seventy|eighty|ninety")
# A year said in words, as broadcast transcripts write it: "nineteen ninety-six", "nineteen oh five".
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
YEAR_IN_WORDS = re.compile(rf"\b(?:eighteen|nineteen|twenty)[\s-]+(?:oh[\s-]+(?:{_DIGIT_WORDS})|"
                           rf"hundred|(?:{_TENS_WORDS})(?:-(?:{_DIGIT_WORDS}))?)\b"
                           rf"(?![\s-]+(?:{UNIT_WORDS}|percent|per|dollars?|people|of)\b)")
# Days of the month spelled out, as transcripts write them ("the twenty-first").
ORDINAL_DAY_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                     "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                     "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                     "nineteenth": 19, "twentieth": 20, "thirtieth": 30}

# Decades in words: "the nineties" -> 199 (always the 1900s).
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
# Ordinals of centuries beyond ORDINALS: "the twentieth century" -> 19.
CENTURY_ORDINALS = {"twentieth": 20, "twenty-first": 21, "nineteenth": 19, "eighteenth": 18, "twenty-second": 22,
                    "seventeenth": 17, "sixteenth": 16, "fifteenth": 15, "fourteenth": 14, "thirteenth": 13}
# Holidays on the same day every year: name -> (month, day).
FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                  "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1), "new year": (1, 1),
                  "halloween": (10, 31), "valentine's day": (2, 14), "independence day": (7, 4),
                  "the fourth of july": (7, 4), "july fourth": (7, 4), "boxing day": (12, 26),
                  "st patrick's day": (3, 17), "st. patrick's day": (3, 17)}
# Days named from the anchor: word -> days from it.
DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                "the day after tomorrow": 2, "this day": 0, "tonight": 0, "tonite": 0}
# Two-digit years above this are the 1900s ("'98" -> 1998), the rest the 2000s ("'05" -> 2005).
TWO_DIGIT_YEAR_PIVOT = 30

# A rule that reads part of an expression on its own ("the first quarter of" + "next year")
# calls back into the full normalizer through this: (text, anchor, tense) -> Result.
PartNormalizer = Callable[[str, Optional[dt.date], Optional[str]], tuple]


@functools.lru_cache(maxsize=1024)
def pattern(source: str) -> re.Pattern:
    """`re.compile`, remembered. The rules match ~200,000 times on 400 articles; `re.fullmatch(source, text)`
    looks its pattern up again in re's own cache at each call, which costs twice the match."""
    return re.compile(source)
