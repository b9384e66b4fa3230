"""TIMEX3 normalization: (expression, anchor, tense) -> (type, value), as the spec reads."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize.timex import anaphoric, expand_two_digit_year, has_temporal_word, normalize

ANCHOR = dt.date(2022, 2, 7)  # a Monday
OCT_1989 = dt.date(1989, 10, 26)  # a Thursday, early in a quarter

CASES = [
    # absolute dates
    ("Feb. 7, 2022", None, None, "DATE", "2022-02-07"),
    ("7 February 2022", None, None, "DATE", "2022-02-07"),
    ("2022-02-07", None, None, "DATE", "2022-02-07"),
    ("February 7th, 2022", None, None, "DATE", "2022-02-07"),
    ("the 7th of February 2022", None, None, "DATE", "2022-02-07"),
    ("02/07/2022", None, None, "DATE", "2022-02-07"),
    ("Sept. 27, 1989", None, None, "DATE", "1989-09-27"),
    ("Monday, March 3", dt.date(2025, 2, 7), None, "DATE", "2025-03-03"),
    ("Saturday, April 25", dt.date(1998, 4, 24), None, "DATE", "1998-04-25"),
    ("March 2021", None, None, "DATE", "2021-03"),
    ("March of 2021", None, None, "DATE", "2021-03"),
    ("1998", None, None, "DATE", "1998"),
    ("fiscal 1989", None, None, "DATE", "1989"),
    ("the 1990s", None, None, "DATE", "199"),
    ("the late 1970s", None, None, "DATE", "197"),
    ("the '90s", None, None, "DATE", "199"),
    ("the nineties", None, None, "DATE", "199"),
    ("the 19th century", None, None, "DATE", "18"),
    ("nineteen ninety-six", None, None, "DATE", "1996"),
    ("summer 2021", None, None, "DATE", "2021-SU"),
    ("the winter of 1994", None, None, "DATE", "1994-WI"),
    ("Q3 2020", None, None, "DATE", "2020-Q3"),
    ("the third quarter of 2020", None, None, "DATE", "2020-Q3"),
    ("the first half of 2004", None, None, "DATE", "2004-H1"),
    # TIMEX3 has no half of a decade: the decade itself
    ("the last half of the '70s", None, None, "DATE", "197"),
    ("the first half of the 1960s", None, None, "DATE", "196"),
    ("1998-99", None, None, "DATE", "1998"),
    ("Christmas 2004", None, None, "DATE", "2004-12-25"),
    ("Sept. 7-13, 2020", None, None, "DATE", "2020-W37"),
    # relative to the anchor
    ("today", ANCHOR, None, "DATE", "2022-02-07"),
    ("yesterday", ANCHOR, None, "DATE", "2022-02-06"),
    ("tomorrow", ANCHOR, None, "DATE", "2022-02-08"),
    ("last year", ANCHOR, None, "DATE", "2021"),
    ("this year", ANCHOR, None, "DATE", "2022"),
    ("next year", ANCHOR, None, "DATE", "2023"),
    ("earlier this year", ANCHOR, None, "DATE", "2022"),
    ("this month", ANCHOR, None, "DATE", "2022-02"),
    ("last month", ANCHOR, None, "DATE", "2022-01"),
    ("next week", ANCHOR, None, "DATE", "2022-W07"),
    ("last week", ANCHOR, None, "DATE", "2022-W05"),
    ("the weekend", ANCHOR, None, "DATE", "2022-W05-WE"),
    ("last quarter", ANCHOR, None, "DATE", "2021-Q4"),
    ("the third quarter", OCT_1989, "past", "DATE", "1989-Q3"),
    ("the quarter", OCT_1989, None, "DATE", "1989-Q3"),
    ("third-quarter", OCT_1989, None, "DATE", "1989-Q3"),
    ("next year's first quarter", OCT_1989, None, "DATE", "1990-Q1"),
    ("year-earlier", OCT_1989, None, "DATE", "1988"),
    ("last decade", ANCHOR, None, "DATE", "201"),
    ("last summer", ANCHOR, None, "DATE", "2021-SU"),
    ("Tuesday", ANCHOR, "past", "DATE", "2022-02-01"),
    ("Tuesday", ANCHOR, "future", "DATE", "2022-02-08"),
    ("Tuesday", ANCHOR, None, "DATE", "2022-02-01"),
    ("Monday", ANCHOR, "past", "DATE", "2022-02-07"),
    ("last Friday", ANCHOR, None, "DATE", "2022-02-04"),
    ("next Friday", ANCHOR, None, "DATE", "2022-02-11"),
    ("January 28", ANCHOR, "past", "DATE", "2022-01-28"),
    ("December 20", ANCHOR, "past", "DATE", "2021-12-20"),
    ("March 10", ANCHOR, "future", "DATE", "2022-03-10"),
    ("Dec. 15", OCT_1989, "past", "DATE", "1989-12-15"),
    ("June", dt.date(1989, 10, 30), None, "DATE", "1989-06"),
    ("April", dt.date(1998, 12, 5), "future", "DATE", "1999-04"),
    ("last April", dt.date(1989, 10, 27), None, "DATE", "1989-04"),
    ("last November", dt.date(1989, 10, 27), None, "DATE", "1988-11"),
    ("July last year", dt.date(1998, 2, 19), None, "DATE", "1997-07"),
    ("two years ago", ANCHOR, None, "DATE", "2020"),
    ("six weeks ago", dt.date(2000, 1, 6), None, "DATE", "1999-W47"),
    ("three days ago", ANCHOR, None, "DATE", "2022-02-04"),
    ("a decade ago", ANCHOR, None, "DATE", "201"),
    ("a year earlier", OCT_1989, None, "DATE", "1988"),
    ("the 22nd", ANCHOR, None, "DATE", "2022-02-22"),
    ("two days after today", ANCHOR, None, "DATE", "2022-02-09"),
    ("three weeks from tomorrow", ANCHOR, None, "DATE", "2022-03-01"),
    ("the day before yesterday", ANCHOR, None, "DATE", "2022-02-05"),
    ("this Friday", ANCHOR, None, "DATE", "2022-02-11"),
    ("the latest quarter", OCT_1989, None, "DATE", "1989-Q3"),
    ("last Thanksgiving", dt.date(2000, 1, 7), None, "DATE", "1999-11-25"),
    ("Thanksgiving Day", dt.date(1999, 12, 1), "past", "DATE", "1999-11-25"),
    ("Easter 2000", None, None, "DATE", "2000-04-23"),
    ("Easter week", dt.date(2003, 4, 14), None, "DATE", "2003-W16"),
    # a holiday's week begins on the Monday before it: "Easter week began" said that Monday
    ("Easter week", dt.date(2022, 4, 11), "past", "DATE", "2022-W15"),
    ("Easter", dt.date(2022, 4, 11), "past", "DATE", "2021-04-04"),
    ("Election Day", dt.date(1998, 10, 26), "future", "DATE", "1998-11-03"),
    # no anchor: what can be known, nothing more
    ("January 28", None, None, "DATE", "XXXX-01-28"),
    ("March", None, None, "DATE", "XXXX-03"),
    ("Tuesday", None, None, "DATE", "XXXX-WXX-2"),
    ("last year", None, None, "DATE", None),
    ("yesterday", None, None, "DATE", None),
    # durations
    ("7 days", None, None, "DURATION", "P7D"),
    ("four months", None, None, "DURATION", "P4M"),
    ("four days", None, None, "DURATION", "P4D"),
    ("half an hour", None, None, "DURATION", "PT30M"),
    ("decades", None, None, "DURATION", "PXDE"),
    ("days", None, None, "DURATION", "PXD"),
    ("several years", None, None, "DURATION", "PXY"),
    ("a few minutes", None, None, "DURATION", "PTXM"),
    ("the past 10 years", None, None, "DURATION", "P10Y"),
    ("the last three years", None, None, "DURATION", "P3Y"),
    ("the first nine months", None, None, "DURATION", "P9M"),
    ("at least 30 days", None, None, "DURATION", "P30D"),
    ("2 1/2 years", None, None, "DURATION", "P2Y6M"),
    ("5 1/2 hours", None, None, "DURATION", "PT5H30M"),
    ("a minute and a half", None, None, "DURATION", "PT1M30S"),
    ("a couple of years", None, None, "DURATION", "P2Y"),
    ("two decades", None, None, "DURATION", "P20Y"),
    ("10-year", None, None, "DURATION", "P10Y"),
    ("24 hours", None, None, "DURATION", "PT24H"),
    ("the past year", ANCHOR, None, "DATE", "2021"),
    ("a week", None, None, "DURATION", "P1W"),
    ("the next three quarters", None, None, "DURATION", "P9M"),
    ("two to three weeks", None, None, "DURATION", "P2W"),
    ("the last few months", None, None, "DURATION", "PXM"),
    # sets
    ("every week", None, None, "SET", "P1W"),
    ("daily", None, None, "SET", "P1D"),
    ("annually", None, None, "SET", "P1Y"),
    ("each month", None, None, "SET", "P1M"),
    ("every Monday", None, None, "SET", "XXXX-WXX-1"),
    ("twice a week", None, None, "SET", "P1W"),
    # fuzzy references
    ("now", ANCHOR, None, "DATE", "PRESENT_REF"),
    ("currently", ANCHOR, None, "DATE", "PRESENT_REF"),
    ("recently", ANCHOR, None, "DATE", "PAST_REF"),
    ("the past", ANCHOR, None, "DATE", "PAST_REF"),
    ("in the future", ANCHOR, None, "DATE", "FUTURE_REF"),
    ("the near future", ANCHOR, None, "DATE", "FUTURE_REF"),
    ("coming weeks", ANCHOR, None, "DATE", "FUTURE_REF"),
    ("recent years", ANCHOR, None, "DATE", "PAST_REF"),
    # times
    ("3pm", ANCHOR, None, "TIME", "2022-02-07T15:00"),
    ("10:30 a.m. EST", ANCHOR, None, "TIME", "2022-02-07T10:30"),
    ("noon", ANCHOR, None, "TIME", "2022-02-07T12:00"),
    ("2000 GMT", ANCHOR, None, "TIME", "2022-02-07T20:00"),
    ("this morning", ANCHOR, None, "TIME", "2022-02-07TMO"),
    ("tonight", ANCHOR, None, "DATE", "2022-02-07TNI"),
    ("last night", ANCHOR, None, "DATE", "2022-02-06TNI"),
    ("Friday morning", ANCHOR, "past", "TIME", "2022-02-04TMO"),
    ("10 p.m. Wednesday", ANCHOR, "past", "TIME", "2022-02-02T22:00"),
    ("9 a.m. EST Tuesday", ANCHOR, "future", "TIME", "2022-02-08T09:00"),
    ("8am this morning", ANCHOR, None, "TIME", "2022-02-07T08:00"),
    ("next Monday afternoon", ANCHOR, None, "TIME", "2022-02-14TAF"),
    ("Wednesday night", ANCHOR, "past", "DATE", "2022-02-02TNI"),
    # years and days said in words, as transcripts write them
    ("January nineteen ninety-seven", None, None, "DATE", "1997-01"),
    ("the winter of nineteen ninety-four", None, None, "DATE", "1994-WI"),
    ("nineteen oh five", None, None, "DATE", "1905"),
    ("March eighth", dt.date(1998, 3, 5), None, "DATE", "1998-03-08"),
    ("Sunday, March eighth", dt.date(1998, 3, 5), None, "DATE", "1998-03-08"),
    ("the twenty-first of May", None, None, "DATE", "XXXX-05-21"),
    # parts of the day with a modifier
    ("mid-afternoon yesterday", ANCHOR, None, "TIME", "2022-02-06TAF"),
    ("mid afternoon", ANCHOR, None, "TIME", "2022-02-07TAF"),
    ("late morning", ANCHOR, None, "TIME", "2022-02-07TMO"),
    ("later in the day", ANCHOR, None, "DATE", "2022-02-07"),
    # vague stretches and references
    ("recent weeks", ANCHOR, None, "DURATION", "PXW"),
    ("recent quarters", ANCHOR, None, "DURATION", "PXM"),
    ("in recent days", ANCHOR, None, "DURATION", "PXD"),
    ("future quarters", ANCHOR, None, "DATE", "FUTURE_REF"),
    ("a later date", ANCHOR, None, "DATE", "FUTURE_REF"),
    ("a given week", ANCHOR, None, "DATE", "XXXX-WXX"),
    ("any given day", ANCHOR, None, "DATE", "XXXX-XX-XX"),
    ("a single week", ANCHOR, None, "DURATION", "P1W"),
    ("a while", ANCHOR, None, "DURATION", "PXX"),
    # plural weekday parts are sets
    ("Tuesday nights", ANCHOR, None, "SET", "XXXX-WXX-2TNI"),
    ("on Monday mornings", ANCHOR, None, "SET", "XXXX-WXX-1TMO"),
    ("the fiscal-first quarter", OCT_1989, None, "DATE", "1989-Q1"),
    # "last <month>": the month just ended would be "last month", so a year back
    ("last February", dt.date(2022, 3, 1), None, "DATE", "2021-02"),
    ("last January", dt.date(2022, 3, 1), None, "DATE", "2022-01"),
    ("last December", dt.date(2022, 1, 10), None, "DATE", "2021-12"),
    # a day counted from another calendar day
    ("the day before last Tuesday", dt.date(2000, 2, 24), None, "DATE", "2000-02-21"),
    ("a week after March 3, 2004", None, None, "DATE", "2004-03-10"),
]


@pytest.mark.parametrize("text, anchor, tense, timex_type, value", CASES,
                         ids=[f"{c[0]}|{c[2]}|{c[1]}" for c in CASES])
def test_normalize(text, anchor, tense, timex_type, value):
    assert normalize(text, anchor, tense) == (timex_type, value)


# Expressions counted from the reference time (the date the text mentioned last).
ANAPHORA = [
    ("the following year", "1995-05-22", ("DATE", "1996")),
    ("later that year", "1998-06", ("DATE", "1998")),
    ("that year", "1988", ("DATE", "1988")),
    ("the same year", "2001-Q3", ("DATE", "2001")),
    ("the following month", "1989-03", ("DATE", "1989-04")),
    ("the previous month", "1989-01-15", ("DATE", "1988-12")),
    ("the next day", "2000-02-22", ("DATE", "2000-02-23")),
    ("earlier that day", "2000-02-22", ("DATE", "2000-02-22")),
    ("the next morning", "2000-02-22", ("TIME", "2000-02-23TMO")),
    ("the day before", "1998-11-03", ("DATE", "1998-11-02")),
    ("the following week", "2022-02-07", ("DATE", "2022-W07")),
    ("the previous Friday", "1989-10-27", ("DATE", "1989-10-20")),
    ("the following Monday", "1989-10-27", ("DATE", "1989-10-30")),
    ("that day", "1998", None),  # the reference is too coarse
    ("the next year", "1995", None),  # mostly the stretch ahead of now
    ("that Friday", "1989-10-27", None),
    ("last year", "1995", None),  # not anaphoric: counts from the anchor
    ("the following year", None, None),
]


@pytest.mark.parametrize("text, reference, expected", ANAPHORA, ids=[f"{a[0]}|{a[1]}" for a in ANAPHORA])
def test_anaphoric(text, reference, expected):
    assert anaphoric(text, reference) == expected


@pytest.mark.parametrize("text", ["Tuesday", "the 1990s", "3pm", "four months", "Q3", "recently",
                                  "nineteen ninety-six"])
def test_temporal_words_are_recognized(text):
    assert has_temporal_word(text)


@pytest.mark.parametrize("text", ["the company", "'s", "Netflix Top 10"])
def test_other_words_are_not_temporal(text):
    assert not has_temporal_word(text)


# One two-digit-year rule for every form that writes a year short (it once gave "Q3 '98" -> 2098-Q3).
@pytest.mark.parametrize("text, value", [
    ("Q3 '98", "1998-Q3"),
    ("Q3 95", "1995-Q3"),
    ("Q1-05", "2005-Q1"),
    ("Q4 2001", "2001-Q4"),
    ("the third quarter of '98", "1998-Q3"),
    ("'98", "1998"),
    ("fiscal '05", "2005"),
    ("summer '98", "1998-SU"),
    ("March '98", "1998-03"),
    ("3/4/98", "1998-03-04"),
    ("3/4/05", "2005-03-04"),
])
def test_two_digit_years(text, value):
    assert normalize(text, ANCHOR) == ("DATE", value)


@pytest.mark.parametrize("written, year", [("98", "1998"), ("'98", "1998"), ("31", "1931"), ("30", "2030"),
                                           ("'05", "2005"), ("1998", "1998")])
def test_expand_two_digit_year(written, year):
    assert expand_two_digit_year(written) == year


# Where two recognizers read the same text, the order in resolve.RULES decides.
@pytest.mark.parametrize("text, expected", [
    ("the coming days", ("DATE", "FUTURE_REF")),  # a fuzzy reference, not a duration
    ("2004-11", ("DATE", "2004-11")),  # a month, not the first year of a span
    ("the last quarter", ("DATE", "2022-Q4")),  # the year's fourth quarter ...
    ("last quarter", ("DATE", "2021-Q4")),  # ... but "last quarter" is the one before
    ("this Friday", ("DATE", "2022-02-11")),  # the anchor's week, not the latest Friday
    ("last January", ("DATE", "2021-01")),
    ("a minute and a half", ("DURATION", "PT1M30S")),  # read whole before the first of two parts
])
def test_recognizer_order(text, expected):
    assert normalize(text, ANCHOR) == expected
