"""Fuzzing the pure normalizers: TIMEX3 (`normalize.timex`) and quantities (`normalize.quantities`).

Properties: nothing raises, whatever the text and whatever the anchor (0001-01-01 to 9999-12-31);
a TIMEX3 result is (type, value or None); a quantity's offsets lie in the text and its value is a
finite number JSON can hold; time grows linearly with the text (no regex backtracking blow-up).
Settings and strategies: tests/fuzzing.py.
"""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.normalize.quantities import scan_quantities, words_to_number
from pipeline.normalize.timex import normalize

from fuzzing import ODD_TEXT, cases

TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
TENSES = st.sampled_from([None, "past", "future", "present", "nonsense"])
ANCHORS = st.none() | st.dates() | st.sampled_from([dt.date.min, dt.date.max, dt.date(2022, 2, 7)])

# Pieces of temporal expressions and numbers, joined at random: far more of the rules fire than on
# random Unicode. Huge and odd numbers among them.
TIME_WORDS = st.sampled_from([
    "last", "next", "this", "the", "of", "year", "years", "month", "week", "day", "days", "decade", "century",
    "ago", "later", "earlier", "before", "after", "since", "until", "from", "to", "-", "/", ",", "'s", "early",
    "late", "mid", "end", "first", "second", "third", "quarter", "half", "fiscal", "Q4", "H1", "FY22",
    "January", "February", "Feb.", "31", "30", "29", "0", "00", "0000", "9999", "10000", "2022", "1990s",
    "'90s", "2022-02-31", "02/31/2022", "31/02/2022", "Monday", "Sunday", "weekend", "tonight", "today",
    "yesterday", "tomorrow", "morning", "noon", "3pm", "15:00", "25:61", "spring", "summer", "winter",
    "Christmas", "Easter", "every", "each", "daily", "twice", "a", "an", "one", "two", "nineteen", "ninety-seven",
    "hundred", "thousand", "million", "billion", "1e400", "9" * 30, "1" * 5000, "-5", "1.5", "½",
])
TIMEX_TEXT = st.lists(TIME_WORDS, min_size=1, max_size=8).map(" ".join) | ODD_TEXT

NUMBER_WORDS = st.sampled_from([
    "$", "£", "€", "RM", "US$", "1", "12", "1,200", "1,2,3", "3.5", ".5", "0.0001", "1e400", "9" * 400, "1" * 5000,
    "1" + ",000" * 200, "m", "bn", "k", "million", "billion", "trillion", "thousand", "hundred", "dozen", "half",
    "a", "one", "two", "twenty-one", "zillion", "per", "cent", "percent", "%", "-", "to", "or", "and", "between",
    "more", "than", "about", "nearly", "up", "down", "rose", "fell", "by", "No.", "number", "#", "1st", "2nd",
    "episodes", "copies", "people", "years", "-year-old", "aged", "km", "kg", "mph", "°C", "x", "/", "(", ")",
    "Apollo", "11", "10:30", "2022", "1990s", "007", "3/4", "¾", "½", "Top", "place", "first", "week",
])
QUANTITY_TEXT = st.lists(NUMBER_WORDS, min_size=1, max_size=12).map(" ".join) | ODD_TEXT


def check_timex(result) -> None:
    timex_type, value = result
    assert timex_type in TIMEX_TYPES
    assert value is None or (isinstance(value, str) and value)


@cases(800)  # dateparser costs ~30 ms on some texts: fewer cases here, more for quantities
@given(text=TIMEX_TEXT, anchor=ANCHORS, tense=TENSES)
def test_timex_of_any_text_and_anchor(text, anchor, tense):
    check_timex(normalize(text, anchor=anchor, tense=tense))


@pytest.mark.parametrize("text", [
    "31 February 2022", "February 31", "February 30, 2021", "29 February 2023", "year 0", "0000", "0 AD",
    "January 1, 0", "the year 10000", "December 9999", "1e400 days", "1" * 5000 + " years", "1" * 5000,
    "99999999999999999999 years ago", "a billion years ago", "in 10000000000 years", "9999999 days later",
    "the past 100000000000000000000 centuries", "every 1e400 seconds", "Q5 2022", "week 54 of 2022",
])
@pytest.mark.parametrize("anchor", [None, dt.date(2022, 2, 7), dt.date.min, dt.date.max])
def test_timex_impossible_dates_and_huge_durations(text, anchor):
    """Before the fix, an anchor near the calendar's ends raised ValueError or OverflowError
    ("February 31" at 9999-12-31, "Sunday" at 0001-01-01)."""
    check_timex(normalize(text, anchor=anchor, tense="past"))
    check_timex(normalize(text, anchor=anchor, tense="future"))


@pytest.mark.parametrize("text, anchor", [
    ("February 31", dt.date.max), ("February 31", dt.date.min), ("Sunday", dt.date.min),
    ("next year", dt.date.max), ("last year", dt.date.min), ("tomorrow", dt.date.max),
])
def test_timex_at_the_calendar_ends_has_no_value_rather_than_a_crash(text, anchor):
    assert normalize(text, anchor=anchor, tense="past")[1] is None or normalize(text, anchor=anchor)[1]


def check_quantities(text: str, found) -> None:
    for quantity in found:
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.start <= quantity.number_start <= quantity.number_end <= quantity.end
        json.dumps(quantity.value, allow_nan=False)  # finite, and an int JSON can write


@cases(5000)
@given(text=QUANTITY_TEXT)
@example(text="1e400 dollars")
@example(text="1" * 5000 + " people")
@example(text="$" + "9" * 400 + " billion")
@example(text=" ".join(["a billion"] * 60) + " dollars")
def test_quantities_of_any_text(text):
    check_quantities(text, scan_quantities(text, keep_name_like=True))
    check_quantities(text, scan_quantities(text))


@pytest.mark.parametrize("text", ["1" * 5000 + " people", "$" + "9" * 400, "9" * 400 + " billion copies",
                                  "1" + ",000" * 200 + " fans"])
def test_a_number_past_the_float_range_is_no_quantity(text):
    """Before the fix these read as inf, which facts.jsonl wrote as the non-JSON `Infinity`."""
    assert scan_quantities(text) == []


@cases(500)
@given(words=st.lists(st.sampled_from(["one", "two", "twenty", "hundred", "thousand", "million", "billion",
                                       "and", "a", "half", "dozen", "zero", "-"]), max_size=80))
def test_words_to_number_of_any_word_run(words):
    value = words_to_number(words)
    assert value is None or isinstance(value, (int, float))


def seconds(function, text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


LONG_PARAGRAPHS = {
    "words": "the band said 12 people and three million fans came in February last year ",
    "digits": "1 2 3 4 5 6 7 8 9 10 ",
    "no spaces": "a" * 1000,
    "clock times": "10:30 ",  # 30 s before the fix: every token was tested against every masked span
    "commas": "1,000,000 ",
    "money": "$5m £3bn ",
}


@pytest.mark.parametrize("unit", LONG_PARAGRAPHS.values(), ids=LONG_PARAGRAPHS.keys())
def test_quantities_take_linear_time(unit):
    """A 100,000-character paragraph without punctuation finishes in seconds, and four times the
    text takes about four times as long (well under the sixteen of a quadratic scan)."""
    quarter = (unit * (25_000 // len(unit) + 1))[:25_000]
    whole = (unit * (100_000 // len(unit) + 1))[:100_000]
    small, large = seconds(scan_quantities, quarter), seconds(scan_quantities, whole)
    assert large < 10, f"{large:.1f} s for 100,000 characters"
    assert large < 8 * small + 0.5, f"{small:.2f} s for 25,000 characters, {large:.2f} s for 100,000"


@pytest.mark.parametrize("unit", ["last year ", "a" * 1000, "1 ", "1", "2 1/2 ", "February 31 ", "the " * 10 + "- "])
def test_timex_takes_linear_time_on_a_long_expression(unit):
    """A run of 20,000 digits took 7.5 s before the fix (the half-fraction regex backtracked)."""
    text = (unit * (20_000 // len(unit) + 1))[:20_000]
    assert seconds(lambda t: normalize(t, anchor=dt.date(2022, 2, 7)), text) < 5
