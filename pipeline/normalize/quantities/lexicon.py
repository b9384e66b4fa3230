"""The word tables: the lexicon file (numbers, scales, currencies, units, cues) and the fixed lists
the rules share.

`configs/patterns/numbers.toml` holds what users extend; the few lists here are the ones the
rules' logic depends on (which nouns make an ordinal a date, which marks end a sentence).
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .. import timex
from .tokens import tokenize

# <repo>/configs/patterns/numbers.toml, from <repo>/pipeline/normalize/quantities/lexicon.py
DEFAULT_LEXICON = Path(__file__).resolve().parents[3] / "configs" / "patterns" / "numbers.toml"

RANGE_DASHES = ("-", "–", "—")
# Label nouns that are also counted time: "year two" is rarely a label, "last year three films" often is not.
TIME_LABELS = {"day", "week", "year", "game", "match", "mile", "hour", "minute", "lap", "hole"}
SENTENCE_END = (".", "!", "?", "\n", ":", ";", '"', "“", "”", "(", "'", "‘", "’")
MONTHS = set(timex.MONTHS)
# Calendar words after an ordinal make it part of a date: "its first week", "the third quarter".
ORDINAL_DATE_NOUNS = {"day", "days", "week", "weeks", "weekend", "weekends", "month", "months", "year", "years",
                      "quarter", "quarters", "half", "century", "centuries", "decade", "decades", "night",
                      "morning", "afternoon", "evening", "hour", "minute", "term", "semester"}


@dataclass(frozen=True)
class Lexicon:
    cardinals: dict
    ordinals: dict
    fractions: dict
    denominators: dict
    denominators_plural: dict
    unicode_fractions: dict
    fraction_followers: frozenset
    million_nouns: frozenset
    scales: dict
    scale_suffixes: dict
    plural_scales: dict
    ordinal_suffixes: frozenset
    negative: frozenset
    pronoun_one_after: frozenset
    currency_prefixes: dict  # spaces removed from keys
    currency_suffixes: dict
    currency_names: dict  # tuple of lower words -> ISO
    currency_minor: dict
    currency_words: frozenset
    units: dict  # tuple of lower words -> (unit, quantity)
    glued_only: frozenset
    units_exact: dict
    age_suffixes: tuple  # tuples of lower words
    age_prefixes: frozenset
    rank_prefixes: frozenset
    rank_nouns: frozenset
    label_nouns: frozenset
    sentence_start_words: frozenset
    qualifiers: dict  # tuple of lower words -> qualifier
    increase_before: frozenset
    decrease_before: frozenset
    increase_after: frozenset
    decrease_after: frozenset

    # Derived once, because the rules ask them at every number (an empty table fails here, at load).
    number_words: frozenset = field(init=False)
    longest_unit: int = field(init=False)
    longest_currency_name: int = field(init=False)
    longest_qualifier: int = field(init=False)
    age_suffixes_by_first: dict = field(init=False)  # first word -> the age suffixes it starts, longest first
    unit_widths_by_first: dict = field(init=False)  # first word -> the lengths of the units it starts, longest first
    currency_prefix_starts: frozenset = field(init=False)  # every beginning of a currency prefix ("R", "RM")
    qualifier_widths_by_last: dict = field(init=False)  # last word -> the lengths of the qualifiers it ends

    def __post_init__(self):
        derived = {
            "number_words": frozenset(self.cardinals) | frozenset(self.scales) | frozenset(self.ordinals),
            "longest_unit": max(len(k) for k in self.units),
            "longest_currency_name": max(len(k) for k in self.currency_names),
            "longest_qualifier": max(len(k) for k in self.qualifiers),
            "age_suffixes_by_first": {first: tuple(form for form in self.age_suffixes if form[0] == first)
                                      for first in {form[0] for form in self.age_suffixes}},
            "unit_widths_by_first": {first: tuple(sorted({len(k) for k in self.units if k[0] == first}, reverse=True))
                                     for first in {k[0] for k in self.units}},
            "currency_prefix_starts": frozenset(key[:n] for key in self.currency_prefixes
                                                for n in range(1, len(key) + 1)),
            "qualifier_widths_by_last": {last: tuple(sorted({len(k) for k in self.qualifiers if k and k[-1] == last},
                                                            reverse=True))  # longest first
                                         for last in {k[-1] for k in self.qualifiers if k}},
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)


def _words(phrase: str) -> tuple:
    """'per cent' -> ('per', 'cent'); 'lb-ft' -> ('lb', '-', 'ft'): the form as lexical tokens."""
    return tuple(t.text.lower() for t in tokenize(phrase))


@functools.lru_cache(maxsize=8)
def load_lexicon(path: str | Path = DEFAULT_LEXICON) -> Lexicon:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    words, currency = data["words"], data["currency"]
    qualifiers = {}
    for qualifier, cues in data["qualifiers"].items():
        for cue in cues:
            qualifiers[_words(cue)] = qualifier
    changes = data["changes"]
    return Lexicon(
        cardinals=dict(words["cardinals"]),
        ordinals=dict(words["ordinals"]),
        fractions=dict(words["fractions"]),
        denominators=dict(words["denominators"]),
        denominators_plural=dict(words["denominators_plural"]),
        unicode_fractions=dict(words["unicode_fractions"]),
        fraction_followers=frozenset(words["fraction_followers"]),
        million_nouns=frozenset(words["million_nouns"]),
        scales=dict(words["scales"]),
        scale_suffixes=dict(words["scale_suffixes"]),
        plural_scales=dict(words["plural_scales"]),
        ordinal_suffixes=frozenset(words["ordinal_suffixes"]),
        negative=frozenset(words["negative"]),
        pronoun_one_after=frozenset(words["pronoun_one_after"]),
        currency_prefixes={key.replace(" ", ""): code for key, code in currency["prefixes"].items()},
        currency_suffixes=dict(currency["suffixes"]),
        currency_names={_words(name): code for name, code in currency["names"].items()},
        currency_minor=dict(currency["minor"]),
        currency_words=frozenset(currency["names_that_are_words"]),
        units={_words(form): tuple(spec) for form, spec in data["units"].items()},
        glued_only=frozenset(data["units_glued_only"]["forms"]),
        units_exact={form: tuple(spec) for form, spec in data.get("units_case_sensitive", {}).items()},
        age_suffixes=tuple(sorted({_words(s) for s in data["ages"]["suffixes"]}, key=len, reverse=True)),
        age_prefixes=frozenset(data["ages"]["prefixes"]),
        rank_prefixes=frozenset(data["ranks"]["prefixes"]),
        rank_nouns=frozenset(data["ranks"]["nouns"]),
        label_nouns=frozenset(data["labels"]["nouns"]),
        sentence_start_words=frozenset(data["labels"]["sentence_start_words"]),
        qualifiers=qualifiers,
        increase_before=frozenset(_words(c) for c in changes["increase_before"]),
        decrease_before=frozenset(_words(c) for c in changes["decrease_before"]),
        increase_after=frozenset(changes["increase_after"]),
        decrease_after=frozenset(changes["decrease_after"]),
    )
