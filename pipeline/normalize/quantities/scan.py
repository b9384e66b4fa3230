"""Putting a quantity together: the cues before a number, the number, a range, the unit after it,
then its qualifier and change; and the scan that does this left to right through a text.

The order matters at each position (`read_quantity_at`):
1. a cue before the number: a rank ("No. 1"), an age ("aged 15"), a currency ("$", "RM");
2. the number itself (`numerals.read_number`); digits glued to letters or with a leading zero are codes;
3. a range: a second number after "-", "to", "or", "and" ("7-9 per cent"); a bare "2-1" is a score;
4. what follows: a unit, currency word or age ("per cent", "euros", "-year-old"); after an ordinal a rank
   noun ("2nd place"), or a calendar noun or a hyphenated word that makes it no claim ("first week",
   "third-party");
5. digits glued to letters after all that ("9AB", "1990s") are no count.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .cues import change, qualifier, rank_prefix
from .exclusions import before_date_noun, is_code, is_inside_name, masked_spans
from .lexicon import DEFAULT_LEXICON, Lexicon, load_lexicon
from .numerals import read_number
from .ranges import SCORE, read_range
from .tokens import NUMERAL, Token, tidy, tokenize
from .units import currency_prefix, unit_after


_WORDS_REMEMBERED = 200_000  # bounded, so a long run's memory does not grow with it
_UNREAD = object()  # no unit read yet at the reading's end


@dataclass(frozen=True)
class Quantity:
    """One quantity read from text. `start`/`end` span the number with its unit;
    `number_start`/`number_end` the number alone (with a currency sign or rank cue)."""

    start: int
    end: int
    value: float | int | list
    unit: str | None
    quantity: str  # count | percent | money | measure | duration | age | rank | ordinal | other
    qualifier: str = "exact"
    change: str | None = None
    number_start: int = 0
    number_end: int = 0
    written: str = "digits"  # digits | words
    has_unit: bool = False  # an explicit unit, currency or cue was read
    is_year_like: bool = False
    cue: str | None = None  # what made the kind: "rank", "age", "currency", "unit", "ordinal", ...
    name_like: str | None = None  # "label" ("Season 4"), "code" ("TA-35"), "capital" ("Apollo 11")

    def as_value(self) -> dict:
        return {"value": self.value, "unit": self.unit, "quantity": self.quantity,
                "qualifier": self.qualifier, "change": self.change}


@dataclass(frozen=True)
class _Reading:
    """A quantity as read so far at one position; each step returns a refined copy."""

    start_index: int  # its first token: the number, or the rank cue before it
    end: int  # index of the token after what has been read
    number_end: int  # index of the token after the number (or range) alone, before its unit
    value: float | int | list
    written: str
    ordinal: bool
    scale: int | None
    currency: str | None
    unit: str | None
    kind: str
    has_unit: bool
    cue: str | None
    skip: bool = False  # no claim here: the scan resumes at `end`


def read_quantity_at(lex: Lexicon, text: str, tokens: list[Token], i: int):
    """(Quantity or None to skip, index after it) for a quantity starting at token i, else None."""
    start_index, i, cue, age_prefix = _prefix_cue(lex, tokens, i)
    currency, i = currency_prefix(lex, tokens, i)
    number = read_number(lex, tokens, i, currency is not None)
    if number is None:
        return None
    value, i, written, ordinal, scaled = number
    name_like = None if (cue or age_prefix or currency) else is_inside_name(lex, text, tokens, start_index)
    if written == "digits" and not (cue or currency) and is_code(tokens, start_index):
        return None, i  # "MP3", "Oct/2", "0930", "1:1": codes, times and ratios
    unit, kind, has_unit, cue = _kind_from_cues(cue, ordinal, currency, age_prefix)
    reading = _Reading(start_index=start_index, end=i, number_end=i, value=value, written=written,
                       ordinal=ordinal, scale=scaled, currency=currency, unit=unit, kind=kind,
                       has_unit=has_unit, cue=cue)
    reading, unit_read = _with_range(lex, text, tokens, reading, age_prefix)
    if not reading.skip:
        reading = _with_what_follows(lex, text, tokens, reading, unit_read)
    if reading.skip:
        return None, reading.end
    i = reading.end
    if written == "digits" and i < len(tokens) and tokens[i].start == tokens[i - 1].end \
            and tokens[i].text.isalpha() and tokens[i - 1].text[-1:].isdigit():
        return None, i + 1  # "9AB", "3s", "1990s": a code or a decade, not a count
    return _quantity(lex, tokens, reading, name_like), i


def _prefix_cue(lex: Lexicon, tokens: list[Token], i: int) -> tuple[int, int, str | None, bool]:
    """(first token of the quantity, index of its number, "rank" or None, after an age cue) for a rank
    cue ("No. 1") or an age cue ("aged 15", "age of 15") at token i."""
    rank = rank_prefix(lex, tokens, i)
    if rank is not None:
        return i, rank, "rank", False
    if tokens[i].lower in lex.age_prefixes:
        k = i + 2 if i + 2 < len(tokens) and tokens[i + 1].lower == "of" else i + 1
        if k < len(tokens) and NUMERAL.fullmatch(tokens[k].text):
            return k, k, None, True  # the quantity starts at the number: "aged" is not part of it
    return i, i, None, False


def _kind_from_cues(cue: str | None, ordinal: bool, currency: str | None,
                    age_prefix: bool) -> tuple[str | None, str, bool, str | None]:
    """(unit, kind, has_unit, cue) from what was read before and of the number; an age cue wins, then
    a currency, then a rank, then an ordinal."""
    unit, kind, has_unit = None, "count", False
    if cue == "rank":
        kind = "rank"
    elif ordinal:
        kind, cue = "ordinal", "ordinal"
    if currency:
        unit, kind, has_unit = currency, "money", True
        if not cue:
            cue = "currency"
    if age_prefix:
        unit, kind, has_unit, cue = "year", "age", True, "age"
    return unit, kind, has_unit, cue


def _with_range(lex: Lexicon, text: str, tokens: list[Token], reading: _Reading,
                age_prefix: bool) -> tuple[_Reading, object]:
    """The reading extended by a range's second number: "7-9 per cent", "$89 to $93 billion"; and the unit
    read after the first number when the reading is unchanged (what `_with_what_follows` would read again),
    else _UNREAD."""
    is_fraction = reading.written == "words" and not isinstance(reading.value, int)
    if reading.ordinal or reading.cue == "rank" or is_fraction:
        return reading, _UNREAD
    first_unit = None
    if not age_prefix:
        first_unit = unit_after(lex, text, tokens, reading.end, reading.currency, reading.scale, reading.value)
    after_first = first_unit[0] if first_unit else reading.end
    second = read_range(lex, text, tokens, reading.start_index, after_first, reading.currency, first_unit,
                        reading.written, reading.value)
    if second is None:
        return reading, first_unit if not age_prefix else _UNREAD
    if second == SCORE:
        return replace(reading, end=reading.end + 2, skip=True), _UNREAD
    value = reading.value
    if second.scale and not reading.scale and value < second.value / second.scale:
        # "$89 to $93 billion" shares the scale; "$200 to $4 million" does not
        value = tidy(value * second.scale)
    currency = reading.currency or second.currency
    money = {"unit": currency, "kind": "money", "has_unit": True} if currency else {}
    return replace(reading, value=[value, second.value], end=second.end, number_end=second.end,
                   currency=currency, scale=reading.scale or second.scale, **money), _UNREAD


def _with_what_follows(lex: Lexicon, text: str, tokens: list[Token], reading: _Reading,
                       unit_read: object = _UNREAD) -> _Reading:
    """The reading with the unit after it (`unit_read` when `_with_range` read it already); after an
    ordinal, a rank noun ("2nd place"), or skipped before a calendar noun or a hyphenated word."""
    i = reading.end
    if not reading.ordinal and reading.cue != "rank":
        after = unit_read if unit_read is not _UNREAD else \
            unit_after(lex, text, tokens, i, reading.currency, reading.scale, reading.value)
        # after a currency sign only a currency word belongs to the number ("$5 USD")
        if after is None or (reading.currency and after[2] != "money"):
            return reading
        end, unit_read, kind_read = after
        read = {} if reading.currency else {"unit": unit_read, "kind": kind_read}
        cue = reading.cue or ("age" if kind_read == "age" else "unit")
        return replace(reading, end=end, has_unit=True, cue=cue, **read)
    if not reading.ordinal:
        return reading
    if i < len(tokens) and tokens[i].lower in lex.rank_nouns:
        return replace(reading, kind="rank", cue="rank", unit=tokens[i].lower, end=i + 1)
    if before_date_noun(tokens, i):
        return replace(reading, skip=True)  # "its first week", "first-quarter": a date, not a claim
    if i + 1 < len(tokens) and tokens[i].text == "-" and tokens[i].start == tokens[i - 1].end \
            and tokens[i + 1].text.isalpha() and not (tokens[i + 1].lower.endswith("est")
                                                      or tokens[i + 1].lower.startswith("place")):
        return replace(reading, skip=True)  # "third-party", "first-team": a compound word, not a count
    return reading


def _quantity(lex: Lexicon, tokens: list[Token], reading: _Reading, name_like: str | None) -> Quantity:
    start = tokens[reading.start_index].start
    ends = reading.value if isinstance(reading.value, list) else [reading.value]
    is_year_like = (reading.written == "digits" and not reading.has_unit and not reading.cue and not reading.scale
                    and all(isinstance(v, int) and 1100 <= v <= 2200 for v in ends)
                    and re.fullmatch(r"\d{4}", tokens[reading.start_index].text) is not None)
    return Quantity(
        start=start, end=tokens[reading.end - 1].end, value=reading.value, unit=reading.unit,
        quantity=reading.kind, qualifier=qualifier(lex, tokens, reading.start_index),
        change=change(lex, tokens, reading.start_index, reading.end),
        number_start=start, number_end=tokens[reading.number_end - 1].end, written=reading.written,
        has_unit=reading.has_unit, is_year_like=is_year_like, cue=reading.cue,
        name_like=None if reading.has_unit and reading.written == "digits" else name_like,
    )


class QuantityParser:
    """Reads quantities from text with one lexicon. Methods are pure."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon()
        self._may_start = _start_test(self.lexicon)
        self._starts: dict[str, bool] = {}  # the test's answer per word seen: words recur

    def scan(self, text: str, keep_name_like: bool = False) -> list[Quantity]:
        """Every quantity in `text`, left to right. Numbers that look like part of a name
        ("Apollo 11") are left out unless `keep_name_like`, for a caller that can judge them."""
        tokens = tokenize(text)
        masked = _starts_inside(tokens, masked_spans(text))
        known = self._starts
        if len(known) > _WORDS_REMEMBERED:
            known.clear()
        found, i = [], 0
        while i < len(tokens):
            word = tokens[i].text
            may_start = known.get(word)
            if may_start is None:
                may_start = known[word] = self._may_start(word)
            if masked[i] or not may_start:
                i += 1
                continue
            match = read_quantity_at(self.lexicon, text, tokens, i)
            if match is None:
                i += 1
                continue
            quantity, next_index = match
            if quantity is not None and (keep_name_like or not quantity.name_like) and _finite(quantity.value):
                found.append(quantity)
            i = max(next_index, i + 1)
        return found

    def parse(self, text: str) -> Quantity | None:
        """The first quantity in `text`, or None."""
        found = self.scan(text)
        return found[0] if found else None


def _start_test(lex: Lexicon):
    """A test on a token's text that every token where `read_quantity_at` reads something passes: the
    first word of a rank or age cue, of a currency sign, of a sign, of a number in digits or words.
    Most tokens are ordinary words, and reading each as a possible quantity was most of the scan's time."""
    lower_words = (lex.rank_prefixes | lex.age_prefixes | lex.negative | lex.number_words
                   | frozenset(lex.plural_scales) | {"a", "an", "half"})
    # the rank test strips dots ("no." is "no"): every dotted form of a rank prefix passes too
    exact = {"-", "−"} | set(lex.unicode_fractions)
    currency_starts = {key[:n] for key in lex.currency_prefixes for n in range(1, len(key) + 1)}

    def may_start(text: str) -> bool:
        if text[:1].isdigit() or (text[:1] == "." and text[1:2].isdigit()):
            return True  # a numeral
        if text in exact or text in currency_starts:
            return True
        low = text.lower()
        return low in lower_words or low.rstrip(".") in lex.rank_prefixes
    return may_start


def _starts_inside(tokens: list[Token], spans: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it starts inside one of `spans`. One pass over both, sorted, because
    testing every token against every span was quadratic: 30 s for 100,000 characters of clock times."""
    spans = sorted(spans)
    inside, j, reach = [], 0, -1
    for token in tokens:  # token starts only grow
        while j < len(spans) and spans[j][0] <= token.start:
            reach = max(reach, spans[j][1])
            j += 1
        inside.append(token.start < reach)
    return inside


def _finite(value) -> bool:
    """False for a number past the float range (a 400-digit numeral reads as inf, "a billion billion
    ..." as an int too long for JSON to write): no news claim is that large, so it is no quantity."""
    numbers = value if isinstance(value, list) else [value]
    try:
        return all(number is None or math.isfinite(float(number)) for number in numbers)
    except OverflowError:
        return False


@functools.lru_cache(maxsize=8)
def parser_for(path: str | Path = DEFAULT_LEXICON) -> QuantityParser:
    return QuantityParser(load_lexicon(path))


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in `text` with the default lexicon: parse_quantity("about £3.5m").value == 3500000."""
    return parser_for().parse(text)


def scan_quantities(text: str, keep_name_like: bool = False) -> list[Quantity]:
    return parser_for().scan(text, keep_name_like)
