"""Line-casing cues shared by the people and titles extractors."""
from __future__ import annotations

from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS


def line_around(text: str, start: int, end: int | None = None) -> str:
    """The whole line holding text[start:end]."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start if end is None else end)
    return text[line_start:line_end if line_end >= 0 else len(text)]


def in_caps_line(text: str, start: int, end: int) -> bool:
    """Inside an all-caps line (a wire headline): the model's casing cues fail there."""
    return _is_caps_line(line_around(text, start, end))


# Both line tests are cached by the line: the extractors ask once per candidate, and on one long
# line (a 100,000-character paragraph) reading the whole line each time was quadratic.
@lru_cache(maxsize=256)
def _is_caps_line(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))  # the same tests per character, looped over in C
    return len(letters) >= 6 and sum(map(str.isupper, letters)) / len(letters) > 0.9


def in_title_case_line(text: str, start: int, end: int | None = None) -> bool:
    """A headline-style line ("Maya Thorne Scores Fourth UK No. 1 Album With ..."): capitals say nothing there.

    Besides mostly capitalized words it has a capitalized function word ("With", "Of", "To"), which a
    results table ("Ann Lee ( U.S. ) beat Bo Kim") does not.
    """
    return _is_title_case_line(line_around(text, start, end))


@lru_cache(maxsize=256)
def _is_title_case_line(line: str) -> bool:
    words = [w.strip("'\"‘’“”:,.") for w in line.split()]
    words = [w for w in words if w[:1].isalpha()]
    if len(words) < 4 or sum(w[0].isupper() for w in words) / len(words) < 0.8:
        return False
    return any(w[0].isupper() and w.lower() in STOP_WORDS for w in words[1:])
