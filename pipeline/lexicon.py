"""Word knowledge the rules lean on: which words are personal names and which are ordinary English.

The model tags many band, album and venue names as PERSON ("Iron Harvest", "Broken Lantern"). What gives
them away is that every word in them is an everyday English word and none is a name. Two sources answer
the two questions:

- names: the U.S. Census 1990 given-name and surname lists (public domain), shipped as text files in
  `configs/patterns/names/` so users can extend them;
- ordinary words: the lowercase entries of Webster's Second International word list (the `english-words`
  package; proper nouns there are capitalized, so "biden" is absent while "purple" is present), kept only
  where `wordfreq` rates the word common enough (Zipf frequency) that it is not an obscure entry that
  happens to spell a surname.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import ConfigError


def read_name_list(path: Path, option: str) -> list[str]:
    """One name per line, most frequent first; '#' starts a comment. Lowercased."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ConfigError(f"{option}: file not found: {path}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{option}: {path} is not UTF-8 text ({error.reason})") from None
    return [line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


class NameLexicon:
    """Answers "is this word a personal name?" and "is this word an ordinary English word?"."""

    def __init__(self, given_names: list[str], surnames: list[str], min_word_zipf: float,
                 max_surname_rank: int = 0):
        self.given_names = frozenset(given_names)
        self.surname_rank = {name: rank for rank, name in reversed(list(enumerate(surnames, 1)))}
        self.min_word_zipf = min_word_zipf
        # Past this rank a surname that is also an everyday word ("Water", "Purple") reads as the word: the
        # long tail of the census list spells half the dictionary. 0 keeps every surname.
        self.max_surname_rank = max_surname_rank
        self._common: dict[str, bool] = {}

    def is_given_name(self, word: str) -> bool:
        return word.lower() in self.given_names

    def is_surname(self, word: str) -> bool:
        return word.lower() in self.surname_rank

    def is_frequent_surname(self, word: str) -> bool:
        rank = self.surname_rank.get(word.lower())
        return rank is not None and (self.max_surname_rank <= 0 or rank <= self.max_surname_rank)

    def is_common_word(self, word: str) -> bool:
        """An everyday lowercase English word: in the dictionary and at least `min_word_zipf` frequent."""
        lower = word.lower()
        known = self._common.get(lower)
        if known is None:
            from wordfreq import zipf_frequency

            known = (len(lower) > 1 and lower.isalpha() and lower in _dictionary_words()
                     and zipf_frequency(lower, "en") >= self.min_word_zipf)
            self._common[lower] = known
        return known

    def reads_as_common_words(self, words: list[str]) -> bool:
        """Made only of everyday words, none of them a given name, and not only of frequent surnames:
        "Quiet Morning" and "Iron Harvest" yes, "Black Lantern" too (a surname beside a plain word);
        "Young", "Rose Green" (a given name) and "Tom Petty" no."""
        if not words or not all(self.is_common_word(w) and not self.is_given_name(w) for w in words):
            return False
        return any(not self.is_frequent_surname(w) for w in words)
