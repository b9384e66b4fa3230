"""One span's value in its sentence: the tense of its clause, then TIMEX3 normalization with
the few readings only the sentence can decide ("the year ended June 30", "today is the eighth
day", "the then current price")."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span

from ...normalize import timex
from .cues import DateCues
from .tense import clause_tense


@dataclass
class DateSpan:
    """A temporal expression found in the doc, with its value before discourse rules apply."""
    span: Span
    source: str  # the extractors that found it, joined by "+"
    phrase: str  # the span's text as timex cleans it, computed once
    tense: str | None
    timex_type: str
    value: str | None


def read_date(span: Span, source: str, anchor: dt.date | None, cues: DateCues) -> DateSpan:
    tense = clause_tense(span, cues)
    phrase = timex.clean(span.text)
    timex_type, value = normalize_in_context(span, phrase, anchor, tense, cues)
    return DateSpan(span, source, phrase, tense, timex_type, value)


def normalize_in_context(span: Span, phrase: str, anchor: dt.date | None, tense: str | None,
                         cues: DateCues) -> tuple:
    """The span's (type, value); "the year ended June 30" is a year-long stretch, not this year."""
    following = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if following in cues.period_end_verbs and timex.strip_modifiers(phrase) in ("year", "fiscal year", "full year"):
        return timex.DURATION, "P1Y"
    if anchor is not None and is_day_of_now(span, phrase):
        return timex.DATE, anchor.isoformat()
    timex_type, value = timex.normalize(span.text, anchor, tense)
    if value == "PRESENT_REF" and span.start > 0 and span.doc[span.start - 1].lower_ == "then":
        return timex_type, "PAST_REF"  # "the then current price": the present of a time gone by
    return timex_type, value


ORDINAL_DAY = re.compile(r"(?:the\s+|its\s+|their\s+)?(?P<ordinal>[a-z0-9]+)\s+(?:straight\s+|consecutive\s+)?day")


def is_day_of_now(span: Span, phrase: str) -> bool:
    """'Today is the eighth day of the strike', "it's the second day of the offensive": a day
    counted in a series that the present tense puts on the publication day."""
    match = ORDINAL_DAY.fullmatch(phrase)
    verb = span.root.head
    return match is not None and timex.ORDINALS.get(match.group("ordinal"), 0) > 0 \
        and span.root.dep_ in ("attr", "nsubj") and verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP")
