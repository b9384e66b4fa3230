"""Reading one number at a token: digits with scales ("£3.5m", "4 hundred million"), number words
("one hundred and five", "twenty-first"), fractions ("three-quarters", "a third of", "2½").

Nothing here knows units or context beyond the words of the number itself.
"""
from __future__ import annotations

from typing import NamedTuple

from .lexicon import Lexicon, load_lexicon
from .tokens import NUMERAL, Token, parse_numeral, tidy


class NumberRead(NamedTuple):
    value: float | int
    end: int  # index of the token after the number
    written: str  # "digits" | "words"
    ordinal: bool
    scale: int | None  # the scale applied ("million"), if any


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


def read_number(lex: Lexicon, tokens: list[Token], i: int, after_currency: bool) -> NumberRead | None:
    """The number that starts at token i, with a fraction that follows a whole number ("2½", "two and
    a half"), else None."""
    number = _number_core(lex, tokens, i, after_currency)
    if number is None:
        if i < len(tokens) and tokens[i].text in lex.unicode_fractions:
            return NumberRead(lex.unicode_fractions[tokens[i].text], i + 1, "digits", False, None)
        return None
    value, j, written, ordinal, scaled = number
    if ordinal or scaled or isinstance(value, list):
        return number
    fraction, j = _fraction_tail(lex, tokens, j, value)
    if fraction is not None:
        return NumberRead(tidy(round(value + fraction, 6)), j, written, False, None)
    return number


def _number_core(lex: Lexicon, tokens: list[Token], i: int, after_currency: bool) -> NumberRead | None:
    if i >= len(tokens):
        return None
    signed = _after_minus(lex, tokens, i, after_currency)
    if signed is not None:
        return _digit_number(lex, tokens, signed, after_currency, negative=True)
    if NUMERAL.fullmatch(tokens[i].text):
        return _digit_number(lex, tokens, i, after_currency, negative=False)
    fraction = _article_fraction(lex, tokens, i)
    if fraction is not None:
        return fraction
    return _word_number(lex, tokens, i)


def _after_minus(lex: Lexicon, tokens: list[Token], i: int, after_currency: bool) -> int | None:
    """Index of the digits after a minus ("minus 5", "-5", "$-5"), else None. A dash glued to the
    word before ("COVID-19") is no sign."""
    token = tokens[i]
    if token.lower in lex.negative and i + 1 < len(tokens):
        j = i + 1
        if tokens[j].text in ("-",) and j + 1 < len(tokens):
            j += 1
        return j if NUMERAL.fullmatch(tokens[j].text) else None
    if token.text in ("-", "−") and i + 1 < len(tokens) and tokens[i + 1].start == token.end \
            and NUMERAL.fullmatch(tokens[i + 1].text) and (i == 0 or tokens[i - 1].end < token.start
                                                             or after_currency):
        return i + 1
    return None


def _digit_number(lex: Lexicon, tokens: list[Token], i: int, after_currency: bool, negative: bool) -> NumberRead | None:
    """Digits at token i: "12", "2nd", "1/4", "3.5m", "4 hundred million"."""
    token = tokens[i]
    value = parse_numeral(token.text)
    j = i + 1
    if j < len(tokens) and tokens[j].start == token.end and tokens[j].lower in lex.ordinal_suffixes \
            and "." not in token.text and "," not in token.text:
        return NumberRead(value, j + 1, "digits", True, None)
    if j + 1 < len(tokens) and tokens[j].text == "/" and tokens[j].start == token.end \
            and tokens[j + 1].start == tokens[j].end and tokens[j + 1].text.isdigit():
        denominator = parse_numeral(tokens[j + 1].text)
        if isinstance(value, int) and 0 < value < denominator <= 16:
            return NumberRead(tidy(round(value / denominator, 6)), j + 2, "digits", False, None)  # "1/4 inch"
        return None
    scaled, j = _scale_after(lex, tokens, i, after_currency)
    if scaled:
        value = tidy(value * scaled)
    if negative:
        value = tidy(-value)
    return NumberRead(value, j, "digits", False, scaled)


def _scale_after(lex: Lexicon, tokens: list[Token], i: int, after_currency: bool) -> tuple[int | None, int]:
    """(scale, index after it) for a scale word or suffix after the digits at token i, else (None, i + 1).
    Scale words multiply ("4 hundred million"); a glued "m" is millions only after a currency or
    before a counted noun, since "800m" is a distance."""
    token = tokens[i]
    j = i + 1
    if j >= len(tokens):
        return None, j
    nxt = tokens[j]
    low = nxt.lower
    glued = nxt.start == token.end
    if low in lex.scales and (glued or nxt.start - token.end == 1) and low != "hundred" or \
            (low == "hundred" and not glued):
        scaled = lex.scales[low]
        j += 1
        while j < len(tokens) and tokens[j].lower in lex.scales and tokens[j].start - tokens[j - 1].end == 1:
            scaled *= lex.scales[tokens[j].lower]
            j += 1
        return scaled, j
    if glued and (low in lex.scale_suffixes or nxt.text == "M") and (
            after_currency or low == "k" or (low == "m" and _counts_millions(lex, tokens, j, token))) \
            and not (j + 1 < len(tokens) and tokens[j + 1].start == nxt.end and tokens[j + 1].text.isalpha()):
        return lex.scale_suffixes[low], j + 1
    if glued is False and low in ("m", "bn", "k") and after_currency:
        return lex.scale_suffixes.get(low, lex.scales.get(low)), j + 1
    return None, j


def _counts_millions(lex: Lexicon, tokens: list[Token], j: int, number: Token) -> bool:
    """"6.1m viewers" is millions, "800m final" metres: decide by the word after the "m"."""
    if j + 1 >= len(tokens) or tokens[j + 1].start - tokens[j].end != 1:
        return False
    word = tokens[j + 1].text
    if word in lex.million_nouns:
        return True
    is_unit = (word.lower(),) in lex.units
    return "." in number.text and word.isalpha() and word.islower() and word.endswith("s") and not is_unit


def _fraction_tail(lex: Lexicon, tokens: list[Token], j: int, whole) -> tuple[float | None, int]:
    """('and a half' -> 0.5, index after) for a fraction that follows a whole number, else (None, j)."""
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


def _article_fraction(lex: Lexicon, tokens: list[Token], i: int) -> NumberRead | None:
    """"fell by a third", "a quarter of": a fraction, where "a third season" is an ordinal."""
    if tokens[i].lower not in ("a", "an") or i + 1 >= len(tokens):
        return None
    word = tokens[i + 1].lower
    value = lex.fractions.get(word) if word in ("half", "third", "quarter") else None
    if value is None and word in lex.denominators:
        value = 1 / lex.denominators[word]
    following = tokens[i + 2].lower if i + 2 < len(tokens) else "."
    if value is not None and following != "-" and (following in lex.fraction_followers
                                                    or not following.isalpha()):
        return NumberRead(tidy(round(value, 6)), i + 2, "words", False, None)
    return None


def _word_number(lex: Lexicon, tokens: list[Token], i: int) -> NumberRead | None:
    """Number words at token i: "twenty-one", "a dozen", "one hundred and five", "three-quarters", "second"."""
    words, j = _number_words_at(lex, tokens, i)
    if not words:
        return _plural_scale_of(lex, tokens, i)
    if len(words) == 1 and (words[0] in lex.scales or words[0] == "dozen"):
        following = tuple(t.lower for t in tokens[j:j + 1])
        if words[0] in lex.scales and following in lex.currency_names and lex.scales[words[0]] >= 10 ** 6:
            scale = lex.scales[words[0]]
            return NumberRead(scale, j, "words", False, scale)  # "a million dollar house"
        return None  # "several hundred", "a baker's dozen": no number said
    if words[0] in ("a", "an") and (len(words) == 1 or (words[1] not in lex.scales and words[1] != "dozen")):
        return None
    hyphenated = _hyphenated_fraction(lex, tokens, words, j)
    if hyphenated is not None:
        return hyphenated
    ordinal = words[-1] in lex.ordinals
    numerator = words[-3] if len(words) > 2 and words[-2] == "-" else words[-2] if len(words) > 1 else None
    if ordinal and numerator in lex.cardinals and lex.cardinals[numerator] < 20:
        if words[-1] in lex.denominators:  # "one sixth", "one-fifth"
            fraction = lex.cardinals[numerator] / lex.denominators[words[-1]]
            return NumberRead(tidy(round(fraction, 6)), j, "words", False, None)
        # "one second": a count of a unit, not a compound ordinal
        words, j, ordinal = words[:-1], j - 1, False
        while words and words[-1] == "-":
            words, j = words[:-1], j - 1
    if not ordinal and j < len(tokens) and tokens[j].lower in lex.denominators_plural \
            and tokens[j].start - tokens[j - 1].end <= 1 and len(words) == 1 and words[0] in lex.cardinals:
        # "two thirds", "three halves"
        fraction = lex.cardinals[words[0]] / lex.denominators_plural[tokens[j].lower]
        return NumberRead(tidy(round(fraction, 6)), j + 1, "words", False, None)
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
    scaled = None
    if any(w in lex.scales and lex.scales[w] >= 1000 for w in words):
        scaled = max(lex.scales[w] for w in words if w in lex.scales)
    return NumberRead(value, j, "words", words[-1] in lex.ordinals, scaled)


def _number_words_at(lex: Lexicon, tokens: list[Token], i: int) -> tuple[list[str], int]:
    """The run of number words from token i (lower case, with the "and" and hyphens inside it) and the
    index after it. An ordinal ends the run: "twenty-first"."""
    words, j = [], i
    while j < len(tokens):
        low = tokens[j].lower
        if low in lex.number_words or (low in ("a", "an") and not words):
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
                tokens[j + 1].lower in lex.number_words or tokens[j + 1].lower in lex.fractions):
            words.append(low)
            j += 1
            continue
        break
    while words and words[-1] in ("and", "-"):
        words.pop()
        j -= 1
    return words, j


def _plural_scale_of(lex: Lexicon, tokens: list[Token], i: int) -> NumberRead | None:
    """"millions of fans", "half of": a scale word said alone, before "of"."""
    low = tokens[i].lower
    if i + 1 >= len(tokens) or tokens[i + 1].lower != "of":
        return None
    if low in lex.plural_scales:
        return NumberRead(lex.plural_scales[low], i + 1, "words", False, lex.plural_scales[low])
    if low == "half":
        return NumberRead(0.5, i + 1, "words", False, None)
    return None


def _hyphenated_fraction(lex: Lexicon, tokens: list[Token], words: list[str], j: int) -> NumberRead | None:
    """"three-quarters", "one-half" (a plural denominator after more than one, a singular after one)."""
    if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j + 1].lower in lex.fractions \
            and tokens[j].start == tokens[j - 1].end and words[-1] not in lex.ordinals:
        base = words_to_number(words, lex)
        plural = tokens[j + 1].lower.endswith("s")
        if base is not None and (base == 1) != plural:
            return NumberRead(tidy(round(base * lex.fractions[tokens[j + 1].lower], 6)), j + 2, "words", False, None)
    return None
