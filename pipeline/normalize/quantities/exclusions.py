"""Numbers that are not claims: phone numbers and other identifiers, clock times, codes ("MP3",
"0930"), parts of names ("Apollo 11", "Season 4", "COVID-19") and ordinals that open a date
("its first week").

The scanner skips identifiers and clock times outright; a number inside a name is marked
(`Quantity.name_like`) for the extractor, which can see the parse, to judge.
"""
from __future__ import annotations

import re

from .lexicon import MONTHS, ORDINAL_DATE_NOUNS, SENTENCE_END, TIME_LABELS, Lexicon
from .tokens import NUMERAL, Token

# Phone numbers and other digit groups joined by separators: identifiers, never claims.
IDENTIFIER = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}(?![\w])"
    r"|(?<![\w.])\(\d{3}\)\s?\d{3}[\s.-]\d{4}"
    r"|\b\d+(?:\.\d+){2,}\b"
    r"|(?<![\w/])\d{1,4}/\d{1,2}(?:/\d{2,4})?(?![\w/])"
)
SMALL_FRACTION = re.compile(r"([1-9])/([2-9]|1[0-6])")
# Clock times are dates, not claims: "1.56pm", "10:30", "9 a.m.".
CLOCK = re.compile(r"(?<![\w.])\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?)(?![a-z])|(?<![\w.:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])",
                   re.IGNORECASE)


def _is_small_fraction(text: str) -> bool:
    """"1/4" is a fraction; "7/6" and "06/05" are dates."""
    match = SMALL_FRACTION.fullmatch(text)
    return match is not None and int(match.group(1)) < int(match.group(2))


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of identifiers and clock times: no quantity starts inside them."""
    masked = [m.span() for m in IDENTIFIER.finditer(text) if not _is_small_fraction(m.group())]
    masked += [m.span() for m in CLOCK.finditer(text)]
    return masked


def is_code(tokens: list[Token], i: int) -> bool:
    """The digits at token i are a code, a time or a ratio rather than a count."""
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


def before_date_noun(tokens: list[Token], i: int) -> bool:
    """A calendar noun follows at token i, maybe after a hyphen: "first week", "third-quarter"."""
    if i < len(tokens) and tokens[i].text == "-" and tokens[i].start == tokens[i - 1].end:
        i += 1
    return i < len(tokens) and tokens[i].lower in ORDINAL_DATE_NOUNS and tokens[i].start - tokens[i - 1].end <= 1


def is_inside_name(lex: Lexicon, text: str, tokens: list[Token], i: int) -> str | None:
    """A digit number right after a capitalized word in mid-sentence is part of a name:
    "Apollo 11", "Spider-Man 2", "Channel 4"; so is one after a label noun ("Season 4")."""
    if i == 0:
        return None
    previous = tokens[i - 1]
    gap = text[previous.end:tokens[i].start]
    if not NUMERAL.fullmatch(tokens[i].text):
        return _word_inside_name(lex, text, tokens, i)
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
    if in_title_case_line(text, previous.start):
        return None
    # sentence-initial capitals ("In 2004", "About 70%") are ordinary words; "Apollo 11 landed" is not
    if i == 1 or tokens[i - 2].text in SENTENCE_END or "\n" in text[tokens[i - 2].end:previous.start]:
        return None if previous.lower in lex.sentence_start_words else "capital"
    if (previous.lower,) in lex.qualifiers:
        return None
    return "capital"


def _word_inside_name(lex: Lexicon, text: str, tokens: list[Token], i: int) -> str | None:
    """A number word in a name: after a label noun ("season two"), or capitalized mid-sentence
    ("Seventeen" the band, "Nine Inch Nails")."""
    previous = tokens[i - 1]
    gap = text[previous.end:tokens[i].start]
    if tokens[i].lower not in lex.cardinals and tokens[i].lower not in lex.scales:
        return None
    if previous.lower in lex.label_nouns and previous.lower not in ORDINAL_DATE_NOUNS \
            and previous.lower not in TIME_LABELS and gap == " ":
        return "label"  # "season two", "part three"
    sentence_start = previous.text in SENTENCE_END or "\n" in gap
    if tokens[i].text[:1].isupper() and not sentence_start \
            and not in_title_case_line(text, tokens[i].start):
        return "capital"  # "Seventeen" the band, "Nine Inch Nails"
    return None


def in_title_case_line(text: str, position: int) -> bool:
    """Headlines in title case capitalize every word, so a capital says nothing there."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) >= 0.8
