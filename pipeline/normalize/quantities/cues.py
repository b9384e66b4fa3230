"""Cue words around a number: a rank before it ("No. 1", "top 10"), a qualifier ("more than",
"about", "sub-"), and a change ("rose by", "fell", "up").

The cue lists are in numbers.toml (`[ranks]`, `[qualifiers]`, `[changes]`).
"""
from __future__ import annotations

from .lexicon import Lexicon
from .tokens import NUMERAL, Token

# Words between a change verb and its number: "grown by about 200 per cent", "cut by a further 5%".
CHANGE_FILLERS = ("by", "~", "some", "nearly", "almost", "about", "around", "roughly", "just", "only", "over",
                  "under", "more", "than", "less", "another", "a", "an", "additional", "further")


def rank_prefix(lex: Lexicon, tokens: list[Token], i: int) -> int | None:
    """Index after a rank cue ("No.", "No", "number", "#", "top") that a number follows, else None."""
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
    is_word = nxt.lower in lex.number_words and nxt.lower not in lex.ordinals
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


def qualifier(lex: Lexicon, tokens: list[Token], i: int) -> str:
    """How exact the number at token i is: "at_least" after "more than", "approximate" after "about"..."""
    before = tokens[i - 1].lower if i > 0 else None
    for width in lex.qualifier_widths_by_last.get(before, ()):  # only qualifiers that end with the word before
        if i - width < 0:
            continue
        window = tuple(t.lower for t in tokens[i - width:i])
        if window in lex.qualifiers:
            return lex.qualifiers[window]
    if i >= 2 and tokens[i - 1].lower == "-" and tokens[i - 2].lower == "sub":
        return "at_most"
    return "exact"


def change(lex: Lexicon, tokens: list[Token], start: int, end: int) -> str | None:
    """"increase" or "decrease" for a number (tokens start..end) that a change word frames, else None."""
    j = start
    # skip a qualifier and "by": "grown by about 200 per cent"
    for _ in range(3):
        if j > 0 and tokens[j - 1].lower in CHANGE_FILLERS:
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
