"""The date extractor's rule data, loaded once: token patterns (`patterns/dates.jsonl`, EntityRuler
format) and cue words (`patterns/dates_cues.toml`) in one typed object."""
from __future__ import annotations

from dataclasses import dataclass

from ...errors import ConfigError
from ..base import read_pattern_jsonl, read_pattern_toml

CUE_KEYS = ("leading_words", "leading_keep_before", "trailing_words", "quantity_words", "rate_nouns",
            "non_temporal_heads", "year_ago_phrases", "reported_period_phrases", "period_end_verbs",
            "future_openers", "future_intent_verbs", "plan_verbs", "deferral_verbs", "schedule_words",
            "year_to_date_phrases", "leading_phrases", "vague_spans", "age_followers", "age_openers",
            "future_auxiliaries")


@dataclass(frozen=True)
class DateCues:
    """Cue words of `dates_cues.toml`, each list in the shape its rule reads it."""
    leading_words: frozenset[str]  # trimmed off the front of a span ("on", "since")
    leading_keep_before: frozenset[str]  # ... unless one of these follows
    leading_phrases: tuple[list[str], ...]  # several words trimmed off the front, first match wins
    trailing_words: frozenset[str]
    age_followers: tuple[str, ...]  # text after a span that makes it an age ("-year-old")
    age_openers: frozenset[str]
    quantity_words: frozenset[str]  # "minutes of viewing": an amount, not a duration
    rate_nouns: frozenset[str]  # "quarterly dividend": the unit of a rate
    non_temporal_heads: frozenset[str]
    vague_spans: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_openers: frozenset[str]
    future_intent_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    deferral_verbs: frozenset[str]
    schedule_words: frozenset[str]
    period_end_verbs: frozenset[str]  # "the year ended June 30"
    year_ago_phrases: frozenset[str]  # "a year earlier" in a results report
    reported_period_phrases: frozenset[str]  # "the quarter" in a results report
    year_to_date_phrases: tuple[str, ...]

    @property
    def relative_phrases(self) -> frozenset[str]:
        """Phrases whose quarter the report decides ("a year ago", "the quarter")."""
        return self.year_ago_phrases | self.reported_period_phrases


def load_cues(path) -> DateCues:
    cues = read_pattern_toml(path, "extractors.dates.cues")
    for key in CUE_KEYS:
        if not isinstance(cues.get(key), list):
            raise ConfigError(f"extractors.dates.cues: {path} must define {key} as a list of words")
    as_set = {key: frozenset(cues[key]) for key in CUE_KEYS}
    return DateCues(
        **{key: as_set[key] for key in CUE_KEYS
           if key not in ("leading_phrases", "age_followers", "year_to_date_phrases")},
        leading_phrases=tuple(phrase.split() for phrase in cues["leading_phrases"]),
        age_followers=tuple(cues["age_followers"]),
        year_to_date_phrases=tuple(cues["year_to_date_phrases"]),
    )


def load_patterns(path) -> dict[str, list]:
    patterns: dict[str, list] = {}
    for number, row in read_pattern_jsonl(path, "extractors.dates.patterns"):
        try:
            patterns.setdefault(row["id"], []).append(row["pattern"])
        except (KeyError, TypeError) as error:
            raise ConfigError(f"extractors.dates.patterns: {path}:{number}: each line must be a JSON object "
                              f"with 'id' and 'pattern' ({error})") from None
    return patterns
