"""Recognizers of expressions that name a calendar unit: numeric dates, years (in digits or
words), decades, centuries, quarters and halves, seasons, month names, holidays, day ranges and
clock times.

Each recognizer takes (text, anchor, tense) of a cleaned expression and returns
(timex_type, value) or None when the expression is not of its kind; the order they are
tried in is written down in `resolve.RULES`.
"""
from __future__ import annotations

import datetime as dt
import re

from .anchor import MOVABLE_HOLIDAYS, iso_week, quarter_of, season_index, season_of, year_for
from .parse import (clock_value, expand_two_digit_year, month_and_day, ordinal_number, parse_count,
                    parse_with_dateparser)
from .words import (DATE, DECADE_WORDS, FIXED_HOLIDAYS, MONTH_PATTERN, MONTHS, NUMBER_WORDS, ORDINALS, SEASONS,
                    TIME, YEAR, PartNormalizer, pattern)

def numeric_date(text, anchor, tense):
    match = pattern(r"(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?").fullmatch(text)
    if match:
        y, m, d = match.group("y"), int(match.group("m")), match.group("d")
        if 1 <= m <= 12:
            return DATE, f"{y}-{m:02d}" + (f"-{int(d):02d}" if d else "")
    match = pattern(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?").fullmatch(text)
    if match:
        m, d, y = int(match.group("m")), int(match.group("d")), match.group("y")
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        if y is None:
            year = str(year_for(m, d, anchor, tense)) if anchor else "XXXX"
        else:
            year = expand_two_digit_year(y)
        return DATE, f"{year}-{m:02d}-{d:02d}"
    return None


def year_expression(text, anchor, tense):
    match = pattern(rf"(?:(?:the\s+)?(?:calendar|fiscal|financial|model|school|tax)\s+(?:year\s+)?|the year\s+|year\s+|"
                    rf"fy\s*|fiscal-)?(?P<y>{YEAR}|\d{{3}})(?:\s*(?:ad|a\.d\.|ce))?").fullmatch(text)
    if match:
        return DATE, match.group("y").zfill(4)
    match = pattern(r"(?:fiscal\s+)?'(?P<y>\d\d)").fullmatch(text)
    if match:
        return DATE, expand_two_digit_year(match.group("y"))
    match = pattern(rf"(?P<a>{YEAR})\s*(?:-|/|to|through|and)\s*(?P<b>\d{{2,4}})").fullmatch(text)
    if match:  # "1998-99": the span of a season or fiscal year counts from its first year
        return DATE, match.group("a")
    match = pattern(r"(?:the\s+)?(?:(?:early|late|mid|middle)[\s-]+)?(?:'|(?P<c>1[0-9]|20))?(?P<d>\d)0'?s") \
        .fullmatch(text)
    if match:
        century = match.group("c") or "19"
        if match.group("c") is None and int(match.group("d")) < 3 and anchor and anchor.year >= 2010:
            century = "20"
        return DATE, f"{century}{match.group('d')}"
    match = pattern(r"(?:the\s+)?(?P<c>1[0-9]|20)00s").fullmatch(text)
    if match:
        return DATE, match.group("c")
    match = pattern(r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:nineteen[\s-]?)?(?P<w>[a-z]+ies)").fullmatch(text)
    if match and match.group("w") in DECADE_WORDS:
        return DATE, f"19{DECADE_WORDS[match.group('w')]}"
    match = pattern(r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century").fullmatch(text) or \
        pattern(r"(?:the\s+)?(?P<w>[a-z]+(?:-[a-z]+)?)\s+century").fullmatch(text)
    if match:
        n = int(match.group("n")) if match.groupdict().get("n") else ordinal_number(match.group("w"))
        if n:
            return DATE, f"{n - 1:02d}"
    return None


def year_in_words(text, anchor, tense):
    """'nineteen ninety-six' -> 1996, 'the year two thousand' -> 2000, 'two thousand and three' -> 2003."""
    text = pattern(r"^(?:the\s+)?(?:year\s+)?").sub("", text)
    match = pattern(r"(?P<c>eighteen|nineteen|twenty)[\s-]+(?P<rest>.+)").fullmatch(text)
    if match:
        rest = 0 if match.group("rest") == "hundred" else parse_count(match.group("rest").replace("oh ", ""))
        if isinstance(rest, int) and 0 <= rest < 100:
            return DATE, f"{NUMBER_WORDS[match.group('c')]}{rest:02d}"
    match = pattern(r"two thousand(?:\s+(?:and\s+)?(?P<rest>.+))?").fullmatch(text)
    if match:
        rest = parse_count(match.group("rest")) if match.group("rest") else 0
        if isinstance(rest, int) and 0 <= rest < 100:
            return DATE, f"{2000 + rest}"
    return None


def quarter_expression(text, anchor, tense, *, normalize_part: PartNormalizer):
    match = pattern(rf"q(?P<q>[1-4])(?:\s*'|\s+|-)(?P<y>{YEAR}|\d\d)").fullmatch(text) or \
        pattern(rf"(?P<y>{YEAR})[\s-]*q(?P<q>[1-4])").fullmatch(text)
    if match:
        y = match.group("y")
        return DATE, f"{expand_two_digit_year(y)}-Q{match.group('q')}"
    half_or_quarter = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+(?P<part>quarter|half|qtr)"
    match = pattern(rf"(?:(?:the|its|their|this|that)\s+)?(?:(?:fiscal|calendar|fiscal-year)[\s-]+)?"
                    rf"(?:(?P<y1>{YEAR})\s+)?{half_or_quarter}"
                    rf"(?:\s+(?:of|in|for)?\s*(?:(?:fiscal|calendar|the fiscal year|the year|fiscal year)\s+)?"
                    rf"(?P<rest>.+))?").fullmatch(text)
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
            _, rest_value = normalize_part(rest, anchor, tense)
            if rest_value and pattern(r"\d{4}").fullmatch(rest_value):
                year = rest_value
            elif part == "H" and rest_value and pattern(r"\d{3}").fullmatch(rest_value):
                return DATE, rest_value  # "the last half of the '80s": TIMEX3 has no half of a decade
            elif pattern(r"'?\d\d").fullmatch(rest):
                year = expand_two_digit_year(rest)
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
    match = pattern(rf"(?:(?:the|this|last|next|early|late|mid|this past|this coming|the coming|the past|past|"
                    rf"coming)[\s-]+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}|'\d\d))?") \
        .fullmatch(text)
    if not match:
        match = pattern(rf"(?P<y>{YEAR})\s+(?P<s>spring|summer|autumn|fall|winter)").fullmatch(text)
        if not match:
            return None
    season = SEASONS[match.group("s")]
    y = match.group("y")
    if y:
        year = expand_two_digit_year(y)
        return DATE, f"{year}-{season}"
    if anchor is None:
        return DATE, f"XXXX-{season}"
    year = anchor.year
    if text.startswith("last") or text.startswith("the past") or text.startswith("past"):
        year -= 1 if season_index(season) >= season_index(season_of(anchor)) else 0
    elif text.startswith("next") or "coming" in text:
        year += 1 if season_index(season) <= season_index(season_of(anchor)) else 0
    return DATE, f"{year}-{season}"


def calendar_date(text, anchor, tense):
    """Month names with or without day and year: 'Feb. 7, 2022', '7 February 2022', 'January 28',
    'March 2021', 'mid-March', 'the end of June'."""
    if not pattern(r"\b(?:" + "|".join(MONTHS) + r")\b").search(text):
        return None
    bare = pattern(r"^(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of|end of|"
                   r"beginning of|start of|middle of|the first half of|the second half of|the rest of|"
                   r"the first week of|the last week of|the second week of|the third week of)[\s-]+)+").sub("", text)
    relative = pattern(r"(last|this|next|this past|this coming)\s+").match(bare)
    if relative:
        bare = bare[relative.end():]
        tense = {"last": "past", "this past": "past", "next": "future", "this coming": "future"}.get(relative.group(1), tense)
    month_day = month_and_day(bare)
    if month_day:
        month, day = month_day
        if anchor is None:
            return DATE, f"XXXX-{month:02d}-{day:02d}"
        return DATE, f"{year_for(month, day, anchor, tense)}-{month:02d}-{day:02d}"
    match = pattern(rf"{MONTH_PATTERN}").fullmatch(bare)
    if match:
        if bare in ("mar", "jan", "jun", "dec"):
            return None  # short forms alone are too often other words
        month = MONTHS[match.group("month")]
        if anchor is None:
            return DATE, f"XXXX-{month:02d}"
        return DATE, f"{year_for(month, None, anchor, tense)}-{month:02d}"
    match = pattern(rf"{MONTH_PATTERN},?\s+(?:of\s+)?(?P<year>{YEAR}|'\d\d)").fullmatch(bare)
    if match:
        year = match.group("year")
        year = expand_two_digit_year(year)
        return DATE, f"{year}-{MONTHS[match.group('month')]:02d}"
    match = pattern(rf"{MONTH_PATTERN}\s+(?P<rel>this|last|next)\s+year").fullmatch(bare)
    if match:
        if anchor is None:
            return DATE, f"XXXX-{MONTHS[match.group('month')]:02d}"
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[match.group("rel")]
        return DATE, f"{year}-{MONTHS[match.group('month')]:02d}"
    parsed = parse_with_dateparser(bare)
    if parsed is not None:
        return DATE, parsed
    return None


def holiday(text, anchor, tense):
    match = pattern(rf"(?:(?:this|last|next)\s+)?(?P<name>.+?)(?:\s+(?P<year>{YEAR}))?").fullmatch(text)
    if not match or match.group("name") not in FIXED_HOLIDAYS:
        return None
    month, day = FIXED_HOLIDAYS[match.group("name")]
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


def movable_holiday(text, anchor, tense):
    """'Thanksgiving Day', 'last Easter', 'Easter week', 'Election Day 1998'."""
    match = pattern(rf"(?:(?P<rel>last|this|next)\s+)?(?P<name>[a-z ]+?)(?P<week>\s+week)?"
                    rf"(?:\s+(?P<year>{YEAR}))?").fullmatch(text)
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
    match = pattern(r"the\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)").fullmatch(text)
    if not match:
        return None
    if anchor is None:
        return DATE, None
    day = int(match.group("day"))
    try:
        return DATE, anchor.replace(day=day).isoformat()
    except ValueError:
        return DATE, None


def day_range(text, anchor, tense, *, normalize_part: PartNormalizer):
    """'Sept. 7-13, 2020' and 'the week of Sept. 7-13': a week when the range is one, else the month."""
    match = pattern(rf"(?:the\s+week\s+of\s+)?{MONTH_PATTERN}\s+(?P<a>\d{{1,2}})\s*-\s*(?P<b>\d{{1,2}})"
                    rf"(?:,?\s+(?P<year>{YEAR}))?").fullmatch(text)
    if not match:
        match = pattern(r"the\s+week\s+of\s+(?P<rest>.+)").fullmatch(text)
        if match:
            _, value = normalize_part(match.group("rest"), anchor, tense)
            if value and pattern(r"\d{4}-\d\d-\d\d").fullmatch(value):
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


_TIMEZONE = re.compile(r"\s+(?:[a-z]st|[a-z]dt|gmt|utc|et|pt|ct|mt|local time|[a-z]+ time)$")


def clock_time(text, anchor, tense, *, normalize_part: PartNormalizer):
    """'3pm', '10:30 a.m. EST', 'noon Tuesday', 'Monday at 3 p.m.', '3pm yesterday'."""
    if pattern(r"(?:[01]\d|2[0-3])[0-5]\d\s+[a-z]{2,3}").fullmatch(text):
        hm = clock_value(text)
        if hm:
            return TIME, f"{anchor.isoformat() if anchor else 'XXXX-XX-XX'}T{hm}"
    text = pattern(r"\s+(?:[ecmp][sd]t|gmt|utc)\b").sub("", _TIMEZONE.sub("", text))
    day_part = None
    time_part = text
    candidates = [(text, None)]
    for split in pattern(r",?\s+(?:(?:at|on)\s+)?").finditer(text):
        left, right = text[:split.start()], text[split.end():]
        candidates += [(right, left), (left, right)]
    for time_part, day_part in candidates:
        hm = clock_value(time_part)
        if hm is None:
            continue
        if day_part:
            day_part = pattern(r"^(?:on|at)\s+").sub("", day_part)
            day_type, day_value = normalize_part(day_part, anchor, tense)
            if day_value is not None:
                day_value = pattern(r"T(?:MO|AF|EV|NI|MI)$").sub("", day_value)  # "8am this morning"
            if day_value is None or not pattern(r"\d{4}-\d\d-\d\d|XXXX-\d\d-\d\d|XXXX-WXX-\d").fullmatch(day_value):
                continue
            return TIME, f"{day_value}T{hm}"
        if anchor is None:
            return TIME, f"XXXX-XX-XXT{hm}"
        return TIME, f"{anchor.isoformat()}T{hm}"
    return None

