"""Where temporal expressions are: the model's DATE/TIME entities, the token patterns
(`configs/patterns/dates.jsonl`) for what the model misses ("now", "daily", bare "days") and
ISO dates the tokenizer splits; then trimmed, merged, split and filtered (extents, filters)."""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ...mention import Found
from ..spans import text_of
from .cues import DateCues
from .extents import merge_overlapping, split, trim
from .filters import is_bare_calendar_date, is_not_a_date

# The tokenizer splits "2021-09-05" into pieces the token patterns cannot see whole.
ISO_DATE = re.compile(r"\b(?:1[5-9]|20)\d\d-[01]\d-[0-3]\d\b")
MODEL_LABELS = ("DATE", "TIME")


def find_spans(doc: Doc, matcher: Matcher, cues: DateCues, found: Found | None = None) -> list[tuple[Span, str]]:
    """Temporal expressions of the doc with TimeML extents, in text order, each with its source."""
    overlaps_a_name = _overlap_test(names_found_earlier(doc, found))
    trimmed = []
    for start, end, source in candidates(doc, matcher):
        start, end = trim(doc, start, end, cues)
        if start < end and not overlaps_a_name(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])):
            trimmed.append((start, end, source))
    results = []
    for start, end, source in merge_overlapping(trimmed, doc):
        for part_start, part_end in split(doc, start, end, cues):
            span = doc[part_start:part_end]
            if not is_not_a_date(span, cues):
                results.append((span, source))
    return results


def candidates(doc: Doc, matcher: Matcher) -> list[tuple[int, int, str]]:
    """(start, end, source) token spans from the model, the patterns and the ISO date regex."""
    entities = doc.ents  # (spaCy builds the tuple of spans again on each access)
    found = [(ent.start, ent.end, f"ner:{ent.label_}") for ent in entities if ent.label_ in MODEL_LABELS]
    organisations = [(ent.start, ent.end) for ent in entities if ent.label_ in ("ORG", "FAC", "PRODUCT")]
    for match_id, start, end in matcher(doc):
        # "20th Century Fox": what the model calls an organisation is no date
        if not any(s <= start and end <= e for s, e in organisations):
            found.append((start, end, f"rule:{doc.vocab.strings[match_id]}"))
    for match in ISO_DATE.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            found.append((span.start, span.end, "rule:iso_date"))
    return found


def names_found_earlier(doc: Doc, found: Found | None) -> list[tuple[int, int]]:
    """Character extents of works and people found earlier ("60 Minutes", "This Week"): they
    hold no dates (but a 'title' that is a bare month and day is a misread date)."""
    return [(m.start, m.end) for kind in ("title", "person") for m in (found or {}).get(kind, ())
            if not (kind == "title" and is_bare_calendar_date(text_of(doc), m.start, m.end))]


def _overlap_test(extents: list[tuple[int, int]]):
    """A function (start, end) -> whether that character range overlaps one of `extents`.

    Sorted with the furthest end so far, so each test is a binary search: testing every candidate
    against every name was quadratic on a long paragraph of names and dates."""
    extents = sorted(extents)
    starts = [s for s, _ in extents]
    reach = list(accumulate((e for _, e in extents), max))

    def overlaps(start: int, end: int) -> bool:
        before_end = bisect_left(starts, end)  # the extents that start before `end`
        return before_end > 0 and reach[before_end - 1] > start
    return overlaps
