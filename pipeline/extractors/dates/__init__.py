"""Dates: TIMEX3 temporal expressions with TimeML extents and normalized values.

Spans come from the model's DATE/TIME entities and from token patterns
(`configs/patterns/dates.jsonl`, EntityRuler format) for what the model misses
("now", "daily", bare "days"). They are trimmed to TimeML extents (no leading
preposition or possessive, no trailing punctuation), merged where they overlap
or read as one ("Friday" + "morning"), split at a verb or at a coordination of
two dates, and dropped where they are ages, rates, amounts of viewing time or
parts of names found earlier. Cue words live in `configs/patterns/dates_cues.toml`.

Each span is normalized by `pipeline.normalize.timex` against the publication date, with
the tense of the governing clause deciding on which side of the anchor a bare
"Tuesday" or "March" lies; then the discourse rules of TimeBank (the reference time,
the reported quarter) apply.

The package, by what each part decides:
  cues.py        the rule data, loaded once into DateCues
  candidates.py  where expressions are (model, patterns, ISO dates)
  extents.py     trimming, merging and splitting spans to TimeML extents
  filters.py     what a temporal-looking span is not
  tense.py       the tense of the governing clause
  values.py      one span's value in its sentence
  discourse.py   the reference time and the reported quarter
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Doc

from ...article import Article
from ...errors import ConfigError
from ...mention import Found, Mention
from ...normalize import timex
from ..anchored import AnchoredMatcher
from ..registry import register
from ..base import ExtractorContext
from .candidates import find_spans
from .cues import DateCues, load_cues, load_patterns
from .discourse import in_discourse
from .values import DateSpan, read_date

ANCHOR_FALLBACKS = ("none", "today")


@register("dates")
class DateExtractor:
    kinds = ("date",)
    requires = ("tok2vec", "ner", "parser", "tagger", "attribute_ruler", "lemmatizer")

    @dataclass
    class Options:
        # Anchor for relative dates when the article has no publication date:
        # "none" leaves them unresolved (XXXX-01-28 or null), "today" uses the run's date.
        anchor_fallback: str = "none"
        patterns: str = "patterns/dates.jsonl"
        cues: str = "patterns/dates_cues.toml"
        # Keep spans whose value cannot be normalized (they still count for their extent).
        keep_unnormalized: bool = True

    def __init__(self, context: ExtractorContext, options: Options):
        if options.anchor_fallback not in ANCHOR_FALLBACKS:
            raise ConfigError(f"extractors.dates.anchor_fallback must be 'none' or 'today', "
                              f"got {options.anchor_fallback!r}")
        self.options = options
        # spaCy's Matcher, only where a pattern can match; `candidates` reads its matches as a set
        self.matcher = AnchoredMatcher(context.nlp.vocab, in_order=False)
        for rule_id, patterns in load_patterns(context.resolve(options.patterns)).items():
            self.matcher.add(rule_id, patterns)
        self.cues: DateCues = load_cues(context.resolve(options.cues))
        # dateparser builds its tables at its first date (~0.2 s): once per process, with the extractor,
        # not inside the first article that has a full date
        timex.parse_with_dateparser("january 1, 2000")

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        anchor, anchor_source = article.date, article.date_source
        if anchor is None and self.options.anchor_fallback == "today":
            anchor, anchor_source = dt.date.today(), "today"
        dates = [read_date(span, source, anchor, self.cues) for span, source in self.spans(doc, found)]
        for date, timex_type, value, from_reference in in_discourse(dates, anchor, self.cues):
            if value is None and not self.options.keep_unnormalized:
                continue
            # Report the anchor only where it changed the value, so absolute dates say "none used".
            used_anchor = anchor is not None and not from_reference \
                and timex.normalize(date.span.text, None, date.tense)[1] != value
            yield Mention(
                kind="date", start=date.span.start_char, end=date.span.end_char,
                value={"timex_type": timex_type, "value": value,
                       "anchor": anchor.isoformat() if used_anchor else None,
                       "anchor_source": anchor_source if used_anchor else None},
                confidence=confidence(date, value), extractor=date.source,
            )

    def spans(self, doc: Doc, found: Found | None = None):
        """Temporal expressions of the doc with TimeML extents, in text order."""
        return find_spans(doc, self.matcher, self.cues, found)


def confidence(date: DateSpan, value: str | None) -> float:
    """Seen by the model and a pattern alike: surest; a span without a value: least sure."""
    if not value:
        return 0.4
    return 0.9 if "ner" in date.source and "rule" in date.source else 0.75
