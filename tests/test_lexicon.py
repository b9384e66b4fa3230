"""The name lexicon: census names against everyday English words."""
from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.lexicon import NameLexicon, read_name_list

from conftest import ROOT

NAMES = ROOT / "configs" / "patterns" / "names"


@pytest.fixture(scope="module")
def lexicon():
    return NameLexicon(read_name_list(NAMES / "given_names.txt", "given_names"),
                       read_name_list(NAMES / "surnames.txt", "surnames"), min_word_zipf=3.0, max_surname_rank=12000)


@pytest.mark.parametrize("word, common", [
    ("purple", True), ("Harvest", True), ("lantern", True),
    ("Biden", False),  # a proper noun only: absent from the dictionary's lowercase entries
    ("zymurgy", False),  # in the dictionary, but too rare to call everyday
    ("a", False),  # one letter: an initial, not a word
])
def test_common_words(lexicon, word, common):
    assert lexicon.is_common_word(word) is common


@pytest.mark.parametrize("words, reads_as_words", [
    (["Iron", "Harvest"], True),
    (["Broken", "Lantern"], True),
    (["Tom", "Petty"], False),  # opens with a given name
    (["Brown"], False),  # a frequent surname
    (["Water"], True),  # a surname far down the census list is still the word
    (["Okafor"], False),  # not an English word
    ([], False),
])
def test_names_made_of_everyday_words(lexicon, words, reads_as_words):
    assert lexicon.reads_as_common_words(words) is reads_as_words


def test_name_lists_are_ordered_and_lowercased(lexicon):
    assert lexicon.is_given_name("MARY") and lexicon.is_surname("smith")
    assert lexicon.surname_rank["smith"] == 1


def test_read_name_list_errors_name_the_option(tmp_path):
    with pytest.raises(ConfigError, match="people.surnames: file not found"):
        read_name_list(tmp_path / "missing.txt", "people.surnames")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ConfigError, match="not UTF-8"):
        read_name_list(bad, "people.surnames")
