"""Anchoring and date arithmetic: where a unit, weekday, month or holiday falls relative to
the anchor (the publication date) or to the reference time (the date the text mentioned last).

dateutil does the calendar arithmetic (months, Easter).
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from .format import part_type
from .parse import clean, month_and_day
from .words import DATE, PARTS_OF_DAY, WEEKDAYS, Result

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
        return shift_quarter(f"{anchor.year:04d}-Q{quarter_of(anchor)}", amount)
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


def reported_quarter(anchor: dt.date) -> str:
    """'the quarter' in a report: early in a quarter, the one just ended (results come out
    in the weeks after a quarter closes); later on, the current one."""
    start = dt.date(anchor.year, (quarter_of(anchor) - 1) * 3 + 1, 1)
    return shift(anchor, "quarter", -1 if (anchor - start).days < 60 else 0)


def shifted(anchor, unit, amount):
    """(DATE, the unit `amount` units from the anchor), or (DATE, None) without an anchor."""
    if unit == "night":
        unit = "day"
    if anchor is None:
        return DATE, None
    return DATE, shift(anchor, unit, amount)


def season_of(day: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")


def season_index(season: str) -> int:
    return ["WI", "SP", "SU", "FA"].index(season)


def date_on_weekday(rest, weekday_number, anchor):
    """The year (anchor's, or one either side) in which the month and day fall on the weekday."""
    month_day = month_and_day(rest)
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


def _thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)  # the fourth Thursday


def _election_day(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + (7 if first.weekday() == 1 else 0))


# Holidays whose date moves from year to year (US usage).
MOVABLE_HOLIDAYS = {"thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving, "easter": easter,
                    "easter sunday": easter, "election day": _election_day}


# ---------------------------------------------------------------- the reference time

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

