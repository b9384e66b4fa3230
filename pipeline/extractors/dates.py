"""Dates: TIMEX3 temporal expressions with TimeML extents and normalized values.

Spans come from the model's DATE/TIME entities and from token patterns
(`configs/patterns/dates.jsonl`) for what the model misses ("now", "daily",
bare "days"); overlapping spans are merged, then trimmed to TimeML extents
(no leading preposition, no trailing punctuation), split at a coordination
that joins two dates, and ages are dropped. Each span is normalized by
`pipeline.timex` against the publication date, with the tense of the clause
deciding on which side of the anchor a bare "Tuesday" or "March" lies.
"""
from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass
from typing import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .. import timex
from ..article import Article
from ..errors import ConfigError
from . import register
from .base import ExtractorContext, Found, Mention

ANCHOR_FALLBACKS = ("none", "today")
MODEL_LABELS = ("DATE", "TIME")


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
        self.matcher = Matcher(context.nlp.vocab)
        for rule_id, patterns in load_patterns(context.resolve(options.patterns)).items():
            self.matcher.add(rule_id, patterns)
        cues = load_cues(context.resolve(options.cues))
        self.leading_words = set(cues["leading_words"])
        self.trailing_words = set(cues["trailing_words"])
        self.age_followers = tuple(cues["age_followers"])
        self.age_openers = set(cues["age_openers"])
        self.future_auxiliaries = set(cues["future_auxiliaries"])

    def __call__(self, doc: Doc, article: Article, found: Found) -> Iterable[Mention]:
        anchor, anchor_source = article.date, article.date_source
        if anchor is None and self.options.anchor_fallback == "today":
            anchor, anchor_source = dt.date.today(), "today"
        for span, source in self.spans(doc):
            tense = self.tense(span)
            timex_type, value = timex.normalize(span.text, anchor, tense)
            if value is None and not self.options.keep_unnormalized:
                continue
            # Report the anchor only where it changed the value, so absolute dates say "none used".
            used_anchor = anchor is not None and timex.normalize(span.text, None, tense)[1] != value
            confidence = (0.9 if "ner" in source and "rule" in source else 0.75) if value else 0.4
            yield Mention(
                kind="date", start=span.start_char, end=span.end_char,
                value={"timex_type": timex_type, "value": value,
                       "anchor": anchor.isoformat() if used_anchor else None,
                       "anchor_source": anchor_source if used_anchor else None},
                confidence=confidence, extractor=source,
            )

    # ------------------------------------------------------------------ spans

    def spans(self, doc: Doc) -> list[tuple[Span, str]]:
        """Temporal expressions of the doc with TimeML extents, in text order."""
        candidates = [(ent.start, ent.end, f"ner:{ent.label_}") for ent in doc.ents if ent.label_ in MODEL_LABELS]
        for match_id, start, end in self.matcher(doc):
            candidates.append((start, end, f"rule:{doc.vocab.strings[match_id]}"))
        trimmed = []
        for start, end, source in candidates:
            start, end = self.trim(doc, start, end)
            if start < end:
                trimmed.append((start, end, source))
        results = []
        for start, end, source in merge_overlapping(trimmed):
            for part_start, part_end in self.split_coordination(doc, start, end):
                span = doc[part_start:part_end]
                if self.is_age(span) or not timex.has_temporal_word(span.text):
                    continue
                results.append((span, source))
        return results

    def trim(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        while start < end and (doc[start].lower_ in self.leading_words or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].lower_ in self.trailing_words or doc[end - 1].is_space
                               or doc[end - 1].is_punct):
            end -= 1
        return start, end

    def split_coordination(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """'Monday and Tuesday', '1998 or 1999' are two expressions; 'a year and a half' is one."""
        for i in range(start + 1, end - 1):
            if doc[i].lower_ not in ("and", "or", "to", "through", "-", "--", "until"):
                continue
            left, right = doc[start:i], doc[i + 1:end]
            left_value = timex.normalize(left.text, dt.date(2000, 1, 1))[1]
            right_value = timex.normalize(right.text, dt.date(2000, 1, 1))[1]
            if left_value and right_value and not left_value.startswith("P") and not right_value.startswith("P"):
                return [*self.split_coordination(doc, start, i), *self.split_coordination(doc, i + 1, end)]
        return [(start, end)]

    def is_age(self, span: Span) -> bool:
        text = span.text.lower()
        if "year-old" in text or "years-old" in text or "month-old" in text:
            return True
        after = span.doc.text[span.end_char:span.end_char + 10].lower().lstrip()
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        return after.startswith(self.age_followers) or before in self.age_openers

    # ------------------------------------------------------------------ tense

    def tense(self, span: Span) -> str | None:
        """'past' or 'future' when the clause governing the span says so, else None."""
        verb = span.root
        for _ in range(8):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
        if any(aux.lower_ in self.future_auxiliaries for aux in auxiliaries):
            return "future"
        if any(aux.tag_ == "VBD" for aux in auxiliaries) or verb.tag_ == "VBD":
            return "past"
        if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries):
            return "past"
        if verb.tag_ == "VB" and any(aux.lower_ in ("to",) for aux in auxiliaries):
            return "future" if verb.head.lemma_ in ("plan", "expect", "schedule", "hope", "intend", "want") else None
        return None


def merge_overlapping(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Union of overlapping token spans; the source names every extractor that saw it."""
    merged: list[list] = []
    for start, end, source in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if source not in last[2]:
                last[2] = f"{last[2]}+{source}"
        else:
            merged.append([start, end, source])
    return [(start, end, source) for start, end, source in merged]


def load_patterns(path) -> dict[str, list]:
    if not path.is_file():
        raise ConfigError(f"extractors.dates.patterns: file not found: {path}")
    patterns: dict[str, list] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            patterns.setdefault(row["id"], []).append(row["pattern"])
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ConfigError(f"extractors.dates.patterns: {path}:{number}: each line must be a JSON object "
                              f"with 'id' and 'pattern' ({error})") from None
    return patterns


CUE_KEYS = ("leading_words", "trailing_words", "age_followers", "age_openers", "future_auxiliaries")


def load_cues(path) -> dict:
    if not path.is_file():
        raise ConfigError(f"extractors.dates.cues: file not found: {path}")
    try:
        cues = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"extractors.dates.cues: {path} is not valid TOML: {error}") from None
    for key in CUE_KEYS:
        if not isinstance(cues.get(key), list):
            raise ConfigError(f"extractors.dates.cues: {path} must define {key} as a list of words")
    return cues
