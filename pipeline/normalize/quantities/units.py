"""Units and currencies around a number: "$" and "RM" before it; "%", "km", "per cent", "euros",
"5p", "-year-old" after it.

Which forms exist is the lexicon's business (`[currency]`, `[units]`, `[ages]` in numbers.toml);
here is how they attach: glued or one space away, never across a line break.
"""
from __future__ import annotations

from .lexicon import Lexicon
from .tokens import NUMERAL, Token

# Three-letter codes that may stand apart from the number ("USD 5"); other capitals must be glued ("RM23.50").
SPACED_CURRENCY_CODES = ("USD", "GBP", "EUR", "JPY")


def currency_prefix(lex: Lexicon, tokens: list[Token], i: int) -> tuple[str | None, int]:
    """(ISO code or None, index of the number) for a currency written before a number."""
    if i >= len(tokens) or tokens[i].text not in lex.currency_prefix_starts:
        return None, i  # no currency prefix begins with this token: most tokens
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
        if key.isalpha() and key.isupper() and len(key) <= 3 and key not in SPACED_CURRENCY_CODES:
            if gap != 0:  # "RM23.50", "PS8.1bn", "Rs 500" only glued (Rs may be spaced)
                if key != "Rs":
                    continue
        if key.isalpha() and not key.isupper():
            if key != "Rs":
                continue
        return code, i + width
    return None, i


def unit_after(lex: Lexicon, text: str, tokens: list[Token], i: int, currency: str | None, scaled,
               value) -> tuple[int, str, str] | None:
    """(index after, unit, quantity) for a unit, currency name or age cue after token i-1, else None.
    Tried in this order: ages, currencies, case-sensitive units, other units (longest form first)."""
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
    return (_age_after(lex, tokens, j)
            or _currency_after(lex, tokens, j, glued, currency, scaled, value)
            or _measure_after(lex, tokens, j, previous_end, currency))


def _age_after(lex: Lexicon, tokens: list[Token], j: int) -> tuple[int, str, str] | None:
    """"15-year-old", "50 year-old", "18 months old"."""
    if j >= len(tokens):
        return None
    for form in lex.age_suffixes_by_first.get(tokens[j].lower, ()):  # only forms that start with this word
        width = len(form)
        window = tuple(t.lower for t in tokens[j:j + width])
        if window == form and all(tokens[k + 1].start - tokens[k].end <= 1 for k in range(j, j + width - 1)):
            unit = form[0].rstrip("s") if form[0] not in ("-",) else form[1]
            return j + width, unit, "age"
    return None


def _currency_after(lex: Lexicon, tokens: list[Token], j: int, glued: bool, currency: str | None, scaled,
                    value) -> tuple[int, str, str] | None:
    """Currency written after: "1,200€", "110 JPY", "30 million won", "8.2 million Canadian dollars", "5p"."""
    token = tokens[j]
    if token.text in lex.currency_suffixes and not currency and (
            not token.text.isalpha() or token.text.isupper()):
        if token.text.isalpha() or glued or token.text in ("€", "£"):
            return j + 1, lex.currency_suffixes[token.text], "money"
    for width in range(lex.longest_currency_name, 0, -1):
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
    return None


def _measure_after(lex: Lexicon, tokens: list[Token], j: int, previous_end: int,
                   currency: str | None) -> tuple[int, str, str] | None:
    """Measures, percent, durations: "5 km", "7 per cent", "3 hours"; longest form first."""
    if tokens[j].text in lex.units_exact:
        unit, kind = lex.units_exact[tokens[j].text]
        return j + 1, unit, kind
    for width in lex.unit_widths_by_first.get(tokens[j].lower, ()):  # only units that start with this word
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
