"""Stable entity ids: the same name gives the same id in every article and run.

A knowledge graph merges mentions by these ids, so the normalization must be
deterministic and independent of how a name was typed: accents, case, curly
apostrophes and punctuation do not change the id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus an accent.
_UNDECOMPOSABLE = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i", "&": " and ",
})
# Apostrophes join a word ("Dead Man's" -> "dead-mans"), they do not split it.
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """'Östlund' -> 'ostlund'; 'Yoo In-soo' -> 'yoo-in-soo'; 'Dead Man’s Shoes' -> 'dead-mans-shoes'."""
    text = unicodedata.normalize("NFKC", name).translate(_UNDECOMPOSABLE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _APOSTROPHES.sub("", text.lower())
    return _NOT_ALPHANUMERIC.sub("-", text).strip("-")


def entity_id(kind_prefix: str, name: str) -> str:
    """`entity_id("person", "Joe Biden")` -> "person/joe-biden".

    A name with nothing left after normalization (say, only symbols) gets a
    short hash, so the id still exists and is still stable.
    """
    slug = slugify(name)
    if not slug:
        slug = "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return f"{kind_prefix}/{slug}"
