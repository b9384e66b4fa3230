"""Number and unit normalization as pure functions over plain text.

`QuantityParser.scan(text)` finds every quantity it can read in a string
("£3.5m", "7-9 per cent", "more than a million copies", "No. 1", "2nd") and
returns its normalized value, unit, kind, qualifier and change. It knows
words, digits, scales, currencies and units (all listed in
`configs/patterns/numbers.toml`) but nothing of syntax: the numbers
extractor adds what needs a parse (counted nouns, what a number is about,
dates and names around it).
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import timex

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "configs" / "patterns" / "numbers.toml"

TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|\.\d+|[^\W\d_]+|\S")
NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
# Phone numbers and other digit groups joined by separators: identifiers, never claims.
IDENTIFIER = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}(?![\w])"
    r"|(?<![\w.])\(\d{3}\)\s?\d{3}[\s.-]\d{4}"
    r"|\b\d+(?:\.\d+){2,}\b"
    r"|(?<![\w/])\d{1,4}/\d{1,2}(?:/\d{2,4})?(?![\w/])"
)
SMALL_FRACTION = re.compile(r"([1-9])/([2-9]|1[0-6])")


def _is_small_fraction(text: str) -> bool:
    """"1/4" is a fraction; "7/6" and "06/05" are dates."""
    match = SMALL_FRACTION.fullmatch(text)
    return match is not None and int(match.group(1)) < int(match.group(2))
# Clock times are dates, not claims: "1.56pm", "10:30", "9 a.m.".
CLOCK = re.compile(r"(?<![\w.])\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?)(?![a-z])|(?<![\w.:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])",
                   re.IGNORECASE)
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
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


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


def tokenize(text: str) -> list[Token]:
    """Digits, letter runs and single symbols, with character offsets: "£3.5m" -> £ 3.5 m."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def parse_numeral(text: str) -> float | int:
    """'1,234.5' -> 1234.5, '12' -> 12, '.001' -> 0.001."""
    number = float(text.replace(",", ""))
    return tidy(number)


def tidy(number: float):
    """Whole numbers as int, others rounded off float noise: 3.5e6 -> 3500000, 0.1*3 -> 0.3."""
    if isinstance(number, int):
        return number
    if abs(number) < 1e15 and float(number).is_integer():
        return int(number)
    return float(f"{number:.10g}")


def words_to_number(words: list[str], lexicon: Lexicon | None = None) -> float | int | None:
    """['one', 'hundred', 'and', 'five'] -> 105; ['a', 'dozen'] -> 12; ['twenty', 'first'] -> 21.
    None when the words do not form a number."""
    lexicon = lexicon or load_lexicon()
    total, current, seen = 0, 0, False
    for position, word in enumerate(w.lower() for w in words):
        if word in ("-", "and"):
            continue
        if word in ("a", "an") and position == 0:
            current, seen = 1, True
            continue
        if word in lexicon.cardinals or word in lexicon.ordinals:
            value = lexicon.cardinals.get(word, lexicon.ordinals.get(word))
            if value >= 100:  # "hundredth", "thousandth"
                current = max(current, 1) * value
            elif word == "dozen":
                current = max(current, 1) * 12
            else:
                small = current % 100
                if small and not (small % 10 == 0 and small >= 20 and value < 10):
                    return None  # "seven twenty", "nine thirty": two numbers, not one
                current += value
            seen = True
        elif word in lexicon.scales:
            scale = lexicon.scales[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            seen = True
        else:
            return None
    return tidy(total + current) if seen else None


class QuantityParser:
    """Reads quantities from text with one lexicon. Methods are pure."""

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon()
        lex = self.lexicon
        self._number_words = set(lex.cardinals) | set(lex.scales) | set(lex.ordinals)
        self._max_unit = max(len(k) for k in lex.units)
        self._max_currency = max(len(k) for k in lex.currency_names)
        self._max_qualifier = max(len(k) for k in lex.qualifiers)

    # ---------------------------------------------------------------- public
    def scan(self, text: str, keep_name_like: bool = False) -> list[Quantity]:
        """Every quantity in `text`, left to right. Numbers that look like part of a name
        ("Apollo 11") are left out unless `keep_name_like`, for a caller that can judge them."""
        tokens = tokenize(text)
        masked = [m.span() for m in IDENTIFIER.finditer(text) if not _is_small_fraction(m.group())]
        masked += [m.span() for m in CLOCK.finditer(text)]
        found, i = [], 0
        while i < len(tokens):
            if any(a <= tokens[i].start < b for a, b in masked):
                i += 1
                continue
            match = self._match_at(text, tokens, i)
            if match is None:
                i += 1
                continue
            quantity, next_index = match
            if quantity is not None and (keep_name_like or not quantity.name_like):
                found.append(quantity)
            i = max(next_index, i + 1)
        return found

    def parse(self, text: str) -> Quantity | None:
        """The first quantity in `text`, or None."""
        found = self.scan(text)
        return found[0] if found else None

    # ---------------------------------------------------------------- pieces
    def _match_at(self, text: str, tokens: list[Token], i: int):
        """(Quantity or None to skip, index after it) for a quantity starting at token i, else None."""
        lex = self.lexicon
        start_index = i
        cue = None
        rank = self._rank_prefix(tokens, i)
        if rank is not None:
            i, cue = rank, "rank"
        age_prefix = False
        if cue is None and tokens[i].lower in lex.age_prefixes:
            k = i + 2 if i + 2 < len(tokens) and tokens[i + 1].lower == "of" else i + 1
            if k < len(tokens) and NUMERAL.fullmatch(tokens[k].text):
                age_prefix, i, start_index = True, k, k
        currency, i = self._currency_prefix(tokens, i)
        number = self._number(tokens, i, currency is not None)
        if number is None:
            return None
        value, i, written, ordinal, scaled = number
        name_like = None if (cue or age_prefix or currency) else self._is_inside_name(text, tokens, start_index)
        if written == "digits" and not (cue or currency) and self._is_code(tokens, start_index):
            return None, i  # "MP3", "Oct/2", "0930", "1:1": codes, times and ratios

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

        # A range: "7-9 per cent", "$89 to $93 billion", "between 50 and 70", "three or four years".
        end_value_index = i
        first_unit = None
        if not (ordinal or cue == "rank" or age_prefix):
            first_unit = self._unit_after(text, tokens, i, currency, scaled, value)
        range_match = None
        is_fraction = written == "words" and not isinstance(value, int)
        if not (ordinal or cue == "rank" or is_fraction):
            after_first = first_unit[0] if first_unit else i
            range_match = self._range(text, tokens, start_index, after_first, currency, first_unit, written,
                                      value)
        if range_match == "score":
            return None, i + 2
        if range_match is not None:
            second_value, i, second_scale, second_currency = range_match
            if second_scale and not scaled and value < second_value / second_scale:
                # "$89 to $93 billion" shares the scale; "$200 to $4 million" does not
                value = tidy(value * second_scale)
            currency = currency or second_currency
            if currency:
                unit, kind, has_unit = currency, "money", True
            value = [value, second_value]
            scaled = scaled or second_scale
            end_value_index = i
        number_end = tokens[end_value_index - 1].end

        if not ordinal and cue != "rank":
            after = self._unit_after(text, tokens, i, currency, scaled, value)
            # after a currency sign only a currency word belongs to the number ("$5 USD")
            if after is not None and not (currency and after[2] != "money"):
                i, unit_read, kind_read = after
                has_unit = True
                if not currency:
                    unit, kind = unit_read, kind_read
                cue = cue or ("age" if kind_read == "age" else "unit")
        elif ordinal and i < len(tokens) and tokens[i].lower in lex.rank_nouns:
            kind, cue, unit = "rank", "rank", tokens[i].lower
            i += 1
        elif ordinal and self._before_date_noun(tokens, i):
            return None, i  # "its first week", "first-quarter": a date, not a claim
        elif ordinal and i + 1 < len(tokens) and tokens[i].text == "-" and tokens[i].start == tokens[i - 1].end \
                and tokens[i + 1].text.isalpha() and not (tokens[i + 1].lower.endswith("est")
                                                          or tokens[i + 1].lower.startswith("place")):
            return None, i  # "third-party", "first-team": a compound word, not a count

        if written == "digits" and i < len(tokens) and tokens[i].start == tokens[i - 1].end \
                and tokens[i].text.isalpha() and tokens[i - 1].text[-1:].isdigit():
            return None, i + 1  # "9AB", "3s", "1990s": a code or a decade, not a count
        end = tokens[i - 1].end
        start = tokens[start_index].start
        ends = value if isinstance(value, list) else [value]
        is_year_like = (written == "digits" and not has_unit and not cue and not scaled
                        and all(isinstance(v, int) and 1100 <= v <= 2200 for v in ends)
                        and re.fullmatch(r"\d{4}", tokens[start_index].text) is not None)
        qualifier = self._qualifier(tokens, start_index)
        change = self._change(tokens, start_index, i)
        quantity = Quantity(
            start=start, end=end, value=value, unit=unit, quantity=kind, qualifier=qualifier, change=change,
            number_start=start, number_end=number_end, written=written, has_unit=has_unit,
            is_year_like=is_year_like, cue=cue,
            name_like=None if has_unit and written == "digits" else name_like,
        )
        return quantity, i

    @staticmethod
    def _is_code(tokens, i) -> bool:
        token = tokens[i]
        if len(token.text) > 1 and token.text.startswith("0") and token.text[1:2].isdigit():
            return True  # leading zero: "0930", "007", "01"
        previous = tokens[i - 1] if i > 0 else None
        if previous is not None and previous.end == token.start:
            if previous.text.isalpha():
                return True  # glued to letters: "MP3", "A2"
            if previous.text in ("/", ":") and i > 1 and tokens[i - 2].end == previous.start:
                return True  # "Oct/2", the "30" of "1:30"
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and following.text == ":" and following.start == token.end \
                and i + 2 < len(tokens) and tokens[i + 2].start == following.end and tokens[i + 2].text[:1].isdigit():
            return True  # "1:1", "7:30"
        return False

    @staticmethod
    def _before_date_noun(tokens, i) -> bool:
        if i < len(tokens) and tokens[i].text == "-" and tokens[i].start == tokens[i - 1].end:
            i += 1
        return i < len(tokens) and tokens[i].lower in ORDINAL_DATE_NOUNS and tokens[i].start - tokens[i - 1].end <= 1

    def _rank_prefix(self, tokens, i):
        """Index after a rank cue ("No.", "No", "number", "#", "top") that a number follows, else None."""
        lex = self.lexicon
        token = tokens[i]
        low = token.lower
        if low not in lex.rank_prefixes and low.rstrip(".") not in lex.rank_prefixes:
            return None
        j = i + 1
        if low in ("no", "nos") and j < len(tokens) and tokens[j].text == ".":
            j += 1
        if j >= len(tokens):
            return None
        nxt = tokens[j]
        is_digit = NUMERAL.fullmatch(nxt.text) is not None
        is_word = nxt.lower in self._number_words and nxt.lower not in lex.ordinals
        if low == "#":
            return j if is_digit and nxt.start == token.end else None
        if low in ("no", "nos"):
            # "no one" is a pronoun; "No. 1", "No 1", "no. 3" are ranks.
            if is_digit or (tokens[j - 1].text == "." and is_word):
                return j
            return None
        if low in ("number", "top"):
            return j if (is_digit or is_word) else None  # "number one", "top 10"; not "a number of"
        return None

    def _currency_prefix(self, tokens, i):
        """(ISO code or None, index of the number) for a currency written before a number."""
        lex = self.lexicon
        for width in (3, 2, 1):
            if i + width >= len(tokens):
                continue
            parts = tokens[i:i + width]
            if any(parts[k + 1].start - parts[k].end > 1 for k in range(width - 1)):
                continue
            key = "".join(t.text for t in parts)
            code = lex.currency_prefixes.get(key)
            if code is None:
                continue
            nxt = tokens[i + width]
            gap = nxt.start - parts[-1].end
            sign = nxt.text in ("-", "−") and i + width + 1 < len(tokens)
            target = tokens[i + width + 1] if sign else nxt
            if not NUMERAL.fullmatch(target.text) or gap > 1:
                continue
            if key.isalpha() and key.isupper() and len(key) <= 3 and key not in ("USD", "GBP", "EUR", "JPY"):
                if gap != 0:  # "RM23.50", "PS8.1bn", "Rs 500" only glued (Rs may be spaced)
                    if key != "Rs":
                        continue
            if key.isalpha() and not key.isupper():
                if key != "Rs":
                    continue
            return code, i + width
        return None, i

    def _number(self, tokens, i, after_currency: bool):
        """(value, index after, 'digits'|'words', is_ordinal, scale applied) or None."""
        number = self._number_core(tokens, i, after_currency)
        if number is None:
            if i < len(tokens) and tokens[i].text in self.lexicon.unicode_fractions:
                return self.lexicon.unicode_fractions[tokens[i].text], i + 1, "digits", False, None
            return None
        value, j, written, ordinal, scaled = number
        if ordinal or scaled or isinstance(value, list):
            return number
        fraction, j = self._fraction_tail(tokens, j, value)
        if fraction is not None:
            return tidy(round(value + fraction, 6)), j, written, False, None
        return number

    def _counts_millions(self, tokens, j, number) -> bool:
        """"6.1m viewers" is millions, "800m final" metres: decide by the word after the "m"."""
        if j + 1 >= len(tokens) or tokens[j + 1].start - tokens[j].end != 1:
            return False
        word = tokens[j + 1].text
        if word in self.lexicon.million_nouns:
            return True
        is_unit = (word.lower(),) in self.lexicon.units
        return "." in number.text and word.isalpha() and word.islower() and word.endswith("s") and not is_unit

    def _fraction_tail(self, tokens, j, whole):
        """('and a half' -> 0.5, index after) for a fraction that follows a whole number, else (None, j)."""
        lex = self.lexicon
        if j >= len(tokens):
            return None, j
        token = tokens[j]
        if token.text in lex.unicode_fractions and token.start - tokens[j - 1].end <= 1:
            return lex.unicode_fractions[token.text], j + 1  # "2½"
        words = [t.lower for t in tokens[j:j + 3]]
        if words[:2] == ["and", "a"] and len(words) == 3 and words[2] in ("half", "quarter", "third"):
            return lex.fractions[words[2]], j + 3  # "two and a half"
        if j + 2 < len(tokens) and NUMERAL.fullmatch(token.text) and tokens[j + 1].text == "/" \
                and NUMERAL.fullmatch(tokens[j + 2].text) and token.start - tokens[j - 1].end == 1 \
                and tokens[j + 1].start == token.end and tokens[j + 2].start == tokens[j + 1].end:
            numerator, denominator = parse_numeral(token.text), parse_numeral(tokens[j + 2].text)
            if isinstance(whole, int) and 0 < numerator < denominator <= 16:
                return numerator / denominator, j + 3  # "2 1/2"
        return None, j

    def _number_core(self, tokens, i, after_currency: bool):
        lex = self.lexicon
        if i >= len(tokens):
            return None
        negative = False
        token = tokens[i]
        if token.lower in lex.negative and i + 1 < len(tokens):
            j = i + 1
            if tokens[j].text in ("-",) and j + 1 < len(tokens):
                j += 1
            if NUMERAL.fullmatch(tokens[j].text):
                negative, i, token = True, j, tokens[j]
        if token.text in ("-", "−") and i + 1 < len(tokens) and tokens[i + 1].start == token.end \
                and NUMERAL.fullmatch(tokens[i + 1].text) and (i == 0 or tokens[i - 1].end < token.start
                                                                 or after_currency):
            negative, i, token = True, i + 1, tokens[i + 1]
        if NUMERAL.fullmatch(token.text):
            value = parse_numeral(token.text)
            j = i + 1
            ordinal = False
            scaled = None
            if j < len(tokens) and tokens[j].start == token.end and tokens[j].lower in lex.ordinal_suffixes \
                    and "." not in token.text and "," not in token.text:
                return value, j + 1, "digits", True, None
            if j + 1 < len(tokens) and tokens[j].text == "/" and tokens[j].start == token.end \
                    and tokens[j + 1].start == tokens[j].end and tokens[j + 1].text.isdigit():
                denominator = parse_numeral(tokens[j + 1].text)
                if isinstance(value, int) and 0 < value < denominator <= 16:
                    return tidy(round(value / denominator, 6)), j + 2, "digits", False, None  # "1/4 inch"
                return None
            if j < len(tokens):
                nxt = tokens[j]
                low = nxt.lower
                glued = nxt.start == token.end
                if low in lex.scales and (glued or nxt.start - token.end == 1) and low != "hundred" or \
                        (low == "hundred" and not glued):
                    scaled = lex.scales[low]
                    j += 1
                    # "4 hundred million": scales multiply
                    while j < len(tokens) and tokens[j].lower in lex.scales and tokens[j].start - tokens[j - 1].end == 1:
                        scaled *= lex.scales[tokens[j].lower]
                        j += 1
                elif glued and (low in lex.scale_suffixes or nxt.text == "M") and (
                        after_currency or low == "k" or (low == "m" and self._counts_millions(tokens, j, token))) \
                        and not (j + 1 < len(tokens) and tokens[j + 1].start == nxt.end
                                 and tokens[j + 1].text.isalpha()):
                    scaled = lex.scale_suffixes[low]
                    j += 1
                elif glued is False and low in ("m", "bn", "k") and after_currency:
                    scaled = lex.scale_suffixes.get(low, lex.scales.get(low))
                    j += 1
            if scaled:
                value = tidy(value * scaled)
            if negative:
                value = tidy(-value)
            return value, j, "digits", ordinal, scaled

        # "fell by a third", "a quarter of": a fraction, where "a third season" is an ordinal
        if token.lower in ("a", "an") and i + 1 < len(tokens):
            word = tokens[i + 1].lower
            value = lex.fractions.get(word) if word in ("half", "third", "quarter") else None
            if value is None and word in lex.denominators:
                value = 1 / lex.denominators[word]
            following = tokens[i + 2].lower if i + 2 < len(tokens) else "."
            if value is not None and following != "-" and (following in lex.fraction_followers
                                                            or not following.isalpha()):
                return tidy(round(value, 6)), i + 2, "words", False, None

        # Number words: "twenty-one", "a dozen", "one hundred and five", "three-quarters", "second".
        words, j = [], i
        while j < len(tokens):
            low = tokens[j].lower
            if low in self._number_words or (low in ("a", "an") and not words):
                words.append(low)
                j += 1
                if low in lex.ordinals:
                    break
                continue
            if low == "and" and words and words[-1] not in ("a", "an") and j + 1 < len(tokens) \
                    and tokens[j + 1].lower in lex.cardinals and words[-1] in ("hundred", "thousand", "million"):
                words.append(low)
                j += 1
                continue
            if low == "-" and words and tokens[j].start == tokens[j - 1].end and j + 1 < len(tokens) \
                    and tokens[j + 1].start == tokens[j].end and (
                    tokens[j + 1].lower in self._number_words or tokens[j + 1].lower in lex.fractions):
                words.append(low)
                j += 1
                continue
            break
        while words and words[-1] in ("and", "-"):
            words.pop()
            j -= 1
        if len(words) == 1 and (words[0] in lex.scales or words[0] == "dozen"):
            following = tuple(t.lower for t in tokens[j:j + 1])
            if words[0] in lex.scales and following in lex.currency_names and lex.scales[words[0]] >= 10 ** 6:
                return lex.scales[words[0]], j, "words", False, lex.scales[words[0]]  # "a million dollar house"
            return None  # "several hundred", "a baker's dozen": no number said
        if words and words[0] in ("a", "an"):
            if len(words) == 1:
                return None
            if words[1] not in lex.scales and words[1] != "dozen":
                return None
        if not words:
            low = token.lower
            if low in lex.plural_scales and i + 1 < len(tokens) and tokens[i + 1].lower == "of":
                return lex.plural_scales[low], i + 1, "words", False, lex.plural_scales[low]
            if low == "half" and i + 1 < len(tokens) and tokens[i + 1].lower == "of":
                return 0.5, i + 1, "words", False, None
            return None
        # "three-quarters", "two-thirds"
        if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j + 1].lower in lex.fractions \
                and tokens[j].start == tokens[j - 1].end and words[-1] not in lex.ordinals:
            base = words_to_number(words, lex)
            plural = tokens[j + 1].lower.endswith("s")
            if base is not None and (base == 1) != plural:  # "one-half", "three-quarters"
                return tidy(round(base * lex.fractions[tokens[j + 1].lower], 6)), j + 2, "words", False, None
        ordinal = words[-1] in lex.ordinals
        numerator = words[-3] if len(words) > 2 and words[-2] == "-" else words[-2] if len(words) > 1 else None
        if ordinal and numerator in lex.cardinals and lex.cardinals[numerator] < 20:
            if words[-1] in lex.denominators:  # "one sixth", "one-fifth"
                fraction = lex.cardinals[numerator] / lex.denominators[words[-1]]
                return tidy(round(fraction, 6)), j, "words", False, None
            # "one second": a count of a unit, not a compound ordinal
            words, j, ordinal = words[:-1], j - 1, False
            while words and words[-1] == "-":
                words, j = words[:-1], j - 1
        if not ordinal and j < len(tokens) and tokens[j].lower in lex.denominators_plural \
                and tokens[j].start - tokens[j - 1].end <= 1 and len(words) == 1 and words[0] in lex.cardinals:
            # "two thirds", "three halves"
            fraction = lex.cardinals[words[0]] / lex.denominators_plural[tokens[j].lower]
            return tidy(round(fraction, 6)), j + 1, "words", False, None
        if words == ["one"] and i > 0 and tokens[i - 1].lower in lex.pronoun_one_after:
            return None  # "no one", "the one", "this one": a pronoun
        value = words_to_number(words, lex)
        while value is None and len(words) > 1:
            words, j = words[:-1], j - 1
            while words and words[-1] in ("-", "and"):
                words, j = words[:-1], j - 1
            value = words_to_number(words, lex) if words else None
        if value is None:
            return None
        ordinal = words[-1] in lex.ordinals
        scaled = None
        if any(w in lex.scales and lex.scales[w] >= 1000 for w in words):
            scaled = max(lex.scales[w] for w in words if w in lex.scales)
        if negative:
            value = tidy(-value)
        return value, j, "words", ordinal, scaled

    def _unit_after(self, text, tokens, i, currency, scaled, value):
        """(index after, unit, quantity) for a unit, currency name or age cue after token i-1, else None."""
        lex = self.lexicon
        if i >= len(tokens):
            return None
        previous_end = tokens[i - 1].end
        j = i
        hyphen = tokens[j].text in ("-",) and tokens[j].start == previous_end and j + 1 < len(tokens) \
            and tokens[j + 1].start == tokens[j].end
        if hyphen:
            j += 1
        glued = tokens[j].start == previous_end or hyphen
        if not glued and tokens[j].start - previous_end > 1:
            return None
        if "\n" in text[previous_end:tokens[j].start]:
            return None
        # Ages: "15-year-old", "50 year-old", "18 months old"
        for form in lex.age_suffixes:
            width = len(form)
            window = tuple(t.lower for t in tokens[j:j + width])
            if window == form and all(tokens[k + 1].start - tokens[k].end <= 1 for k in range(j, j + width - 1)):
                unit = form[0].rstrip("s") if form[0] not in ("-",) else form[1]
                return j + width, unit, "age"
        # Currency written after: "1,200€", "110 JPY", "30 million won", "8.2 million Canadian dollars"
        token = tokens[j]
        if token.text in lex.currency_suffixes and not currency and (
                not token.text.isalpha() or token.text.isupper()):
            if token.text.isalpha() or glued or token.text in ("€", "£"):
                return j + 1, lex.currency_suffixes[token.text], "money"
        for width in range(self._max_currency, 0, -1):
            window = tuple(t.lower for t in tokens[j:j + width])
            code = lex.currency_names.get(window)
            if code is None or len(window) < width:
                continue
            if window[0] in lex.currency_words and not scaled and not (
                    isinstance(value, (int, float)) and value >= 100):
                continue  # "one won", "two rand": more likely a verb or a name than money
            if window[0] in ("pound", "pounds") and j + width < len(tokens) and tokens[j + width].lower == "of":
                return j + width, "lb", "measure"
            return j + width, code, "money"
        if token.lower in lex.currency_minor:
            followed_by_word = j + 1 < len(tokens) and tokens[j + 1].text.isalpha()
            after_digits = tokens[j - 1].text[-1:].isdigit()
            clock = j + 2 < len(tokens) and tokens[j + 1].text == "." and tokens[j + 2].lower == "m"
            if token.lower != "p" or (after_digits and not clock and (glued or not followed_by_word)):
                # "5p", "68 p at"; not "5 p hours", "seven p.m."
                return j + 1, lex.currency_minor[token.lower], "money"
        if token.text in lex.units_exact:
            unit, kind = lex.units_exact[token.text]
            return j + 1, unit, kind
        # Measures, percent, durations: longest form first.
        for width in range(self._max_unit, 0, -1):
            window = tokens[j:j + width]
            if len(window) < width:
                continue
            if any(window[k + 1].start - window[k].end > 1 for k in range(width - 1)):
                continue
            key = tuple(t.lower for t in window)
            spec = lex.units.get(key)
            if spec is None:
                continue
            unit, kind = spec
            if width == 1 and key[0] in lex.glued_only and not (tokens[j].start == previous_end):
                continue
            if width == 1 and key[0] in lex.glued_only:
                # a glued letter is a unit only if the word ends there: "5m" but not "5mph" (that is its own form)
                if j + 1 < len(tokens) and tokens[j + 1].start == tokens[j].end and tokens[j + 1].text.isalnum():
                    continue
            if key[0] == "c" and not (j + 1 >= len(tokens) or not tokens[j + 1].text.isalpha()):
                continue
            if currency and kind == "measure" and key[0] in ("m", "b"):
                continue
            return j + width, unit, kind
        return None

    def _range(self, text, tokens, start_index, i, currency, first_unit, written, first_value):
        """(second value, index after it, its scale, its currency) when a range continues at token i;
        'score' for a result such as "2-1"; else None."""
        lex = self.lexicon
        if i >= len(tokens):
            return None
        sep = tokens[i]
        j = i + 1
        low = sep.lower
        previous = tokens[i - 1]
        if low in RANGE_DASHES:
            if sep.start - previous.end > 1:
                return None
        elif low == "to":
            if j < len(tokens) and tokens[j].text == "-" and tokens[j].start == sep.end:
                j += 1
        elif low == "or":
            if written != "words":
                return None
        elif low == "and":
            if not (start_index > 0 and tokens[start_index - 1].lower == "between"):
                return None
        else:
            return None
        if j >= len(tokens):
            return None
        second_currency, k = self._currency_prefix(tokens, j)
        if second_currency and currency and second_currency != currency:
            return None
        if second_currency and not currency and low != "and" and first_unit is None:
            return None
        number = self._number(tokens, k, bool(currency or second_currency))
        if number is None:
            return None
        second, after, second_written, ordinal, second_scale = number
        if ordinal or isinstance(second, list) or (second_written == "digits" and self._is_code(tokens, k)):
            return None
        if low in RANGE_DASHES and tokens[k].start - sep.end > 1:
            return None
        second_unit = self._unit_after(text, tokens, after, currency or second_currency, second_scale, second)
        if first_unit is not None:
            if second_unit is None or second_unit[1] != first_unit[1]:
                return None
        if low in RANGE_DASHES and written == "digits" and second_unit is None and not (currency or second_currency):
            # a bare "2-1" is a score or a date part; "between 50-70" is a range
            if start_index > 0 and tokens[start_index - 1].lower in ("between", "from"):
                return second, after, second_scale, second_currency
            return "score"
        if low == "to" and (first_unit is not None or currency) \
                and self._change(tokens, start_index, start_index) is not None:
            return None  # "increased by $12.4 billion to $310.8 billion": a change and a level
        if low == "to" and second_unit is None and first_unit is None and not (currency or second_currency):
            # a bare "X to Y" is a range only when it climbs: "two to four people", "1 to 2 thousand"
            ascending = isinstance(first_value, (int, float)) and first_value < second / (second_scale or 1)
            if not (ascending or (start_index > 0 and tokens[start_index - 1].lower in ("from", "between"))):
                return None
        return second, after, second_scale, second_currency

    def _is_inside_name(self, text, tokens, i) -> str | None:
        """A digit number right after a capitalized word in mid-sentence is part of a name:
        "Apollo 11", "Spider-Man 2", "Channel 4"; so is one after a label noun ("Season 4")."""
        if i == 0:
            return None
        previous = tokens[i - 1]
        gap = text[previous.end:tokens[i].start]
        lex = self.lexicon
        if not NUMERAL.fullmatch(tokens[i].text):
            if tokens[i].lower not in lex.cardinals and tokens[i].lower not in lex.scales:
                return None
            if previous.lower in lex.label_nouns and previous.lower not in ORDINAL_DATE_NOUNS \
                    and previous.lower not in TIME_LABELS and gap == " ":
                return "label"  # "season two", "part three"
            sentence_start = previous.text in SENTENCE_END or "\n" in gap
            if tokens[i].text[:1].isupper() and not sentence_start \
                    and not self._in_title_case_line(text, tokens[i].start):
                return "capital"  # "Seventeen" the band, "Nine Inch Nails"
            return None
        if previous.lower in lex.label_nouns and gap in (" ", "-", ""):
            return "label"
        if previous.text == "-" and gap == "" and i >= 2 and tokens[i - 2].end == previous.start \
                and tokens[i - 2].text[:1].isupper() and tokens[i - 2].text.isalpha():
            return None if tokens[i - 2].lower in lex.negative else "code"  # "TA-35", "COVID-19"
        if gap != " " or not previous.text[:1].isupper() or not previous.text.isalpha():
            return None
        if previous.lower in MONTHS or previous.lower in lex.rank_prefixes:
            return None
        if previous.text.isupper() and previous.text in lex.currency_suffixes:
            return None
        if self._in_title_case_line(text, previous.start):
            return None
        # sentence-initial capitals ("In 2004", "About 70%") are ordinary words; "Apollo 11 landed" is not
        if i == 1 or tokens[i - 2].text in SENTENCE_END or "\n" in text[tokens[i - 2].end:previous.start]:
            return None if previous.lower in lex.sentence_start_words else "capital"
        if (previous.lower,) in lex.qualifiers:
            return None
        return "capital"

    @staticmethod
    def _in_title_case_line(text: str, position: int) -> bool:
        """Headlines in title case capitalize every word, so a capital says nothing there."""
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
        return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) >= 0.8

    def _qualifier(self, tokens, i) -> str:
        lex = self.lexicon
        for width in range(self._max_qualifier, 0, -1):
            if i - width < 0:
                continue
            window = tuple(t.lower for t in tokens[i - width:i])
            if window in lex.qualifiers:
                return lex.qualifiers[window]
        if i >= 2 and tokens[i - 1].lower == "-" and tokens[i - 2].lower == "sub":
            return "at_most"
        return "exact"

    def _change(self, tokens, start, end) -> str | None:
        lex = self.lexicon
        j = start
        # skip a qualifier and "by": "grown by about 200 per cent"
        for _ in range(3):
            if j > 0 and (tokens[j - 1].lower in ("by", "~", "some", "nearly", "almost", "about", "around",
                                                  "roughly", "just", "only", "over", "under", "more", "than",
                                                  "less", "another", "a", "an", "additional", "further")):
                j -= 1
        for width in (2, 1):
            if j - width < 0:
                continue
            window = tuple(t.lower for t in tokens[j - width:j])
            if window in lex.increase_before:
                return "increase"
            if window in lex.decrease_before:
                return "decrease"
        if end < len(tokens):
            after = tokens[end].lower
            if after in lex.increase_after and after not in ("more", "up"):
                return "increase"
            if after in lex.decrease_after and after not in ("less", "fewer", "down", "cut", "loss"):
                return "decrease"
        return None


@functools.lru_cache(maxsize=8)
def parser_for(path: str | Path = DEFAULT_LEXICON) -> QuantityParser:
    return QuantityParser(load_lexicon(path))


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in `text` with the default lexicon: parse_quantity("about £3.5m").value == 3500000."""
    return parser_for().parse(text)


def scan_quantities(text: str, keep_name_like: bool = False) -> list[Quantity]:
    return parser_for().scan(text, keep_name_like)
