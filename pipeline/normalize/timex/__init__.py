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
the document's date.

The package, by what each part decides:
  words.py            the vocabulary: TIMEX3 types, word tables, regex pieces
  parse.py            reading pieces: clean text, counts, ordinals, two-digit years, clock times
  anchor.py           date arithmetic against the anchor and the reference time
  format.py           TIMEX3 durations and the type of a part of the day
  rules_calendar.py   recognizers of calendar names (years, quarters, months, holidays, clocks)
  rules_relative.py   recognizers counted from the anchor ("last year", "two days ago")
  rules_durations.py  recognizers of durations, sets and fuzzy references
  resolve.py          `normalize`: the recognizers in their order (written down there)
"""
from __future__ import annotations

from .anchor import anaphoric, is_anaphoric, iso_week, quarter_of, reported_quarter, shift, shift_quarter, \
    weekday_date, year_for
from .format import duration_value, part_type
from .parse import clean, expand_two_digit_year, has_temporal_word, is_calendar_name, parse_count, \
    parse_with_dateparser, singular, strip_modifiers
from .resolve import RULES, normalize
from .words import (DATE, DURATION, FUZZY, MODIFIERS, MONTHS, NUMBER_WORDS, ORDINALS, PARTS_OF_DAY, SEASONS, SET,
                    SET_ADVERBS, TIME, UNIT_PLURALS, UNIT_WORDS, UNITS, VAGUE_COUNTS, WEEKDAYS, Result)

__all__ = [
    "DATE", "DURATION", "FUZZY", "MODIFIERS", "MONTHS", "NUMBER_WORDS", "ORDINALS", "PARTS_OF_DAY", "RULES", "SEASONS",
    "SET", "SET_ADVERBS", "TIME", "UNIT_PLURALS", "UNIT_WORDS", "UNITS", "VAGUE_COUNTS", "WEEKDAYS", "Result",
    "anaphoric", "clean", "duration_value", "expand_two_digit_year", "has_temporal_word", "is_anaphoric",
    "is_calendar_name", "iso_week", "normalize", "parse_count", "parse_with_dateparser", "part_type", "quarter_of",
    "reported_quarter", "shift", "shift_quarter", "singular", "strip_modifiers", "weekday_date", "year_for",
]
