"""Number and unit normalization as pure functions over plain text.

`QuantityParser.scan(text)` finds every quantity it can read in a string
("£3.5m", "7-9 per cent", "more than a million copies", "No. 1", "2nd") and
returns its normalized value, unit, kind, qualifier and change. It knows
words, digits, scales, currencies and units (all listed in
`configs/patterns/numbers.toml`) but nothing of syntax: the numbers
extractor adds what needs a parse (counted nouns, what a number is about,
dates and names around it).

The modules, in the order a quantity is read:
    tokens       lexical tokens with offsets; digits to numbers
    lexicon      the word tables: numbers.toml loaded once, and the fixed lists the rules share
    exclusions   what is no claim: identifiers, clock times, codes, numbers inside names
    cues         rank cues before a number, qualifiers, change words
    numerals     one number: digits with scales, number words, fractions
    units        currencies before, units, currency names and ages after
    ranges       a second number that continues the first
    scan         the rule order at one position, the Quantity, the scan through a text
"""
from __future__ import annotations

from .lexicon import DEFAULT_LEXICON, MONTHS, ORDINAL_DATE_NOUNS, Lexicon, load_lexicon
from .numerals import words_to_number
from .scan import Quantity, QuantityParser, parse_quantity, parser_for, scan_quantities
from .tokens import Token, parse_numeral, tidy, tokenize

__all__ = [
    "DEFAULT_LEXICON", "MONTHS", "ORDINAL_DATE_NOUNS", "Lexicon", "Quantity", "QuantityParser", "Token",
    "load_lexicon", "parse_numeral", "parse_quantity", "parser_for", "scan_quantities", "tidy", "tokenize",
    "words_to_number",
]
