"""Values that depend on the rest of the document, as TimeBank reads them.

Two rules: anaphoric expressions ("that year", "the following month", "the previous Friday")
count from the reference time, the date the text mentioned last; and in a results report, "a
year ago" and "the quarter" refer to the quarter being reported: the one the sentence names,
else the report's (unless the sentence compares year-to-date figures).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Iterator

from spacy.tokens import Span

from ...normalize import timex
from .cues import DateCues
from .values import DateSpan

QUARTER = re.compile(r"\d{4}-Q[1-4]")
# A quarter pinned to a year of its own ("the 1988 third quarter", "next year's first quarter",
# "the year-ago quarter") is a comparison, never the quarter a report is about.
OWN_YEAR = re.compile(r"\d\d|year-|(?:last|next|previous|prior)\s+year")
# "the 1988 period" in a results report: the reported quarter, that year
YEAR_PERIOD = re.compile(r"the\s+(?:(?:1[0-9]|20)\d\d)\s+(?:period|quarter)")


def in_discourse(dates: list[DateSpan], anchor: dt.date | None,
                 cues: DateCues) -> Iterator[tuple[DateSpan, str, str | None, bool]]:
    """Each date with its (type, value) once the document is read, in text order, and whether
    it was counted from the reference time."""
    named = named_quarters(dates, cues.relative_phrases)
    reported_in_document = reported_quarter(dates, named, cues.relative_phrases, anchor)
    reference = None  # the date mentioned last: "that year", "the next day" count from it
    for date in dates:
        reported = quarter_named_in_sentence(date.span, named) or reported_in_document
        # (before any date is mentioned, the reference time is the publication date)
        from_reference = timex.anaphoric(date.phrase, reference or (anchor.isoformat() if anchor else None))
        if from_reference is not None:
            timex_type, value = from_reference
        else:
            timex_type, value = report_value(date, reported, cues)
        # (the publication day itself, "today" or "overnight", moves no narrative along)
        if value and timex_type in (timex.DATE, timex.TIME) and value[:4].isdigit() \
                and not (anchor and value.startswith(anchor.isoformat())):
            reference = value
        yield date, timex_type, value, from_reference is not None


def report_value(date: DateSpan, reported: str | None, cues: DateCues) -> tuple:
    """The (type, value) of "a year earlier", "the quarter" or "the 1988 period" in a results
    report about the quarter `reported`; any other date keeps its own."""
    if reported and without_article(date.phrase) in cues.year_ago_phrases \
            and not about_year_to_date(date.span, cues):
        return timex.DATE, timex.shift_quarter(reported, -4)
    if reported and re.sub(r"^the\s+", "", date.phrase) in cues.reported_period_phrases:
        return timex.DATE, reported
    if YEAR_PERIOD.fullmatch(date.phrase):
        year = re.search(r"\d{4}", date.phrase).group(0)
        return timex.DATE, f"{year}-Q{reported[-1]}" if reported else year
    return date.timex_type, date.value


def without_article(phrase: str) -> str:
    return re.sub(r"^(?:a|the)\s+", "", phrase)


def about_year_to_date(span: Span, cues: DateCues) -> bool:
    """Whether the sentence compares a stretch longer than the quarter ("For the nine months,
    net rose ... from a year earlier"): the year-ago figure is then that stretch's, not the
    quarter's, and only its year is known."""
    words = " ".join(token.lower_ for token in span.sent if not (span.start <= token.i < span.end))
    return any(re.search(rf"\b{re.escape(phrase)}\b", words) for phrase in cues.year_to_date_phrases)


def named_quarters(dates: list[DateSpan], relative_phrases: frozenset) -> list[tuple[Span, str]]:
    """The quarters the text names by their ordinal ("third-quarter", "the fiscal first quarter"),
    in text order, with their values."""
    return [(date.span, date.value) for date in dates
            if date.value and QUARTER.fullmatch(date.value) and not OWN_YEAR.search(date.phrase)
            and without_article(date.phrase) not in relative_phrases]


def quarter_named_in_sentence(span: Span, named: list) -> str | None:
    """The first quarter named in the span's own sentence: "X Corp.'s third-quarter profit rose
    to $5 million from $4 million a year earlier" compares that quarter, whatever else the
    article reports (a second company's results, a fiscal quarter)."""
    return next((value for other, value in named if other.sent.start == span.sent.start), None)


def reported_quarter(dates: list[DateSpan], named: list, relative_phrases: frozenset,
                     anchor: dt.date | None) -> str | None:
    """The quarter a results report is about: a fiscal quarter if the report names one first (a
    company's fiscal year need not follow the calendar, so the publication date says nothing
    about it); else the one just ended if the document names it, else the quarter around the
    anchor it names most often."""
    if named and "fiscal" in named[0][0].text.lower():
        return named[0][1]
    counts = Counter(date.value for date in dates
                     if date.value and QUARTER.fullmatch(date.value)
                     and without_article(date.phrase) not in relative_phrases
                     and (anchor is None or 0 <= quarters_between(date.value, anchor) <= 1))
    reported = timex.reported_quarter(anchor) if anchor is not None else None
    if reported in counts:
        return reported  # results come out in the weeks after a quarter closes
    return counts.most_common(1)[0][0] if counts else None


def quarters_between(quarter: str, day: dt.date) -> int:
    """How many quarters `quarter` ('1989-Q3') lies before the quarter of `day`."""
    return day.year * 4 + timex.quarter_of(day) - (int(quarter[:4]) * 4 + int(quarter[-1]))
