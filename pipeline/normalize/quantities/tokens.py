"""Lexical tokens with character offsets, and digits read as numbers.

The parser works on these tokens, not on a spaCy `Doc`: "£3.5m" is £ 3.5 m,
"1,200" stays one numeral, and every token keeps where it stands in the text.
"""
from __future__ import annotations

import re

TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|\.\d+|[^\W\d_]+|\S")
NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")


class Token:
    """One lexical token, read-only. A plain class with slots, its lower case computed once: the scan
    makes one per word of every article and asks the lower case of most of them several times, and a
    frozen dataclass with a `lower` property cost more than the rules that read it."""

    __slots__ = ("text", "start", "end", "lower")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.lower = text.lower()

    def __eq__(self, other) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start}, end={self.end})"


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

