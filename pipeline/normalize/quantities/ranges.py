"""Ranges: a second number that continues the first ("7-9 per cent", "$89 to $93 billion", "between 50
and 70", "three or four years"), told apart from scores ("2-1") and from a change and its level
("rose by $12.4 billion to $310.8 billion").
"""
from __future__ import annotations

from typing import NamedTuple

from .cues import change
from .exclusions import is_code
from .lexicon import RANGE_DASHES, Lexicon
from .numerals import read_number
from .tokens import Token
from .units import currency_prefix, unit_after

SCORE = "score"  # a result such as "2-1": neither a range nor a claim


class RangeEnd(NamedTuple):
    value: float | int
    end: int  # index of the token after the second number
    scale: int | None
    currency: str | None


def read_range(lex: Lexicon, text: str, tokens: list[Token], start_index: int, i: int, currency: str | None,
               first_unit, written: str, first_value) -> RangeEnd | str | None:
    """The second number when a range continues at token i (the first number starts at `start_index`
    and has `first_unit`, if any); SCORE for a result such as "2-1"; else None."""
    j = _after_separator(tokens, start_index, i, written)
    if j is None or j >= len(tokens):
        return None
    sep = tokens[i]
    low = sep.lower
    second_currency, k = currency_prefix(lex, tokens, j)
    if second_currency and currency and second_currency != currency:
        return None
    if second_currency and not currency and low != "and" and first_unit is None:
        return None
    number = read_number(lex, tokens, k, bool(currency or second_currency))
    if number is None:
        return None
    second, after, second_written, ordinal, second_scale = number
    if ordinal or isinstance(second, list) or (second_written == "digits" and is_code(tokens, k)):
        return None
    if low in RANGE_DASHES and tokens[k].start - sep.end > 1:
        return None
    second_unit = unit_after(lex, text, tokens, after, currency or second_currency, second_scale, second)
    if first_unit is not None:
        if second_unit is None or second_unit[1] != first_unit[1]:
            return None
    unitless = second_unit is None and not (currency or second_currency)
    if low in RANGE_DASHES and written == "digits" and unitless:
        # a bare "2-1" is a score or a date part; "between 50-70" is a range
        if start_index > 0 and tokens[start_index - 1].lower in ("between", "from"):
            return RangeEnd(second, after, second_scale, second_currency)
        return SCORE
    if low == "to" and (first_unit is not None or currency) \
            and change(lex, tokens, start_index, start_index) is not None:
        return None  # "increased by $12.4 billion to $310.8 billion": a change and a level
    if low == "to" and first_unit is None and unitless:
        # a bare "X to Y" is a range only when it climbs: "two to four people", "1 to 2 thousand"
        ascending = isinstance(first_value, (int, float)) and first_value < second / (second_scale or 1)
        if not (ascending or (start_index > 0 and tokens[start_index - 1].lower in ("from", "between"))):
            return None
    return RangeEnd(second, after, second_scale, second_currency)


def _after_separator(tokens: list[Token], start_index: int, i: int, written: str) -> int | None:
    """Index after a range separator at token i: a dash (glued or one space away), "to", "or" between
    number words, "and" after "between"; else None."""
    if i >= len(tokens):
        return None
    sep = tokens[i]
    j = i + 1
    low = sep.lower
    if low in RANGE_DASHES:
        return j if sep.start - tokens[i - 1].end <= 1 else None
    if low == "to":
        if j < len(tokens) and tokens[j].text == "-" and tokens[j].start == sep.end:
            j += 1
        return j
    if low == "or":
        return j if written == "words" else None
    if low == "and":
        return j if start_index > 0 and tokens[start_index - 1].lower == "between" else None
    return None
