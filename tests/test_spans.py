"""The per-Doc index of extractors/spans.py gives what spaCy gives, on a real article; and the people
extractor's plain search for a name finds what its case-blind pattern found."""
from __future__ import annotations

import re

import pytest

from pipeline.extractors.casing import in_caps_line
from pipeline.extractors.people.groups import spaced_words_pattern
from pipeline.extractors.people.propagate import _plain_search, _written_as_key
from pipeline.extractors.spans import doc_index, text_of


def test_doc_index_reads_what_spacy_reads(nlp, seed_text):
    doc = nlp(seed_text + "\n\nANN LEE  said:  'It's   over.'\tBo Kim (U.S.) beat Vera Petrova.")
    index = doc_index(doc)
    assert index is doc_index(doc)  # built once per Doc
    assert index.ents == tuple(doc.ents)
    assert index.entity_bounds == tuple((e.start, e.end, e.label_) for e in doc.ents)
    assert index.texts == [t.text for t in doc]
    assert index.lowers == [t.lower_ for t in doc]
    assert index.texts_with_ws == [t.text_with_ws for t in doc]
    assert text_of(doc) == doc.text
    assert index.trained_spans == tuple(doc.spans.get("news_ner", ()))
    assert index.sentence_starts == [s.start for s in doc.sents]
    for start in range(len(doc)):
        assert index.sentence_bounds(start) == (doc[start].sent.start, doc[start].sent.end)
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            sentence = doc[start:end].sent  # a span across a boundary: its first sentence
            assert index.sentence_bounds(start) == (sentence.start, sentence.end)
            assert index.span_text(start, end) == doc[start:end].text
    assert index.capitalized_words == [t.i for t in doc if t.is_alpha and (t.is_title or t.is_upper)]
    assert index.title_words == [t.i for t in doc if t.is_alpha and t.is_title]
    for word in ("the", "Ann", ".", "absent"):
        assert index.positions(word) == [t.i for t in doc if t.text == word]
    words = {"the", "'s", "by", "(", "absent"}
    assert index.where_lower_in(words) == [t.i for t in doc if t.lower_ in words]
    assert index.where_text_in(words | {"Ann"}) == [t.i for t in doc if t.text in words | {"Ann"}]
    places = frozenset({"GPE", "LOC"})
    assert index.entities_labelled(places) == tuple((e.start, e.end, e.label_) for e in doc.ents if e.label_ in places)
    other = nlp("Another text.")
    assert doc_index(other).doc is other and doc_index(other).texts == ["Another", "text", "."]


def _pattern_matches(text: str, key: str) -> list[tuple[int, int]]:
    """What propagate.py matched before `_plain_search`: the case-blind pattern, then the case test."""
    found = []
    for match in re.finditer(rf"(?<![\w'’-])(?i:{spaced_words_pattern(key)})(?![\w-])", text):
        start, end = match.span()
        if match.group(0) == key or (match.group(0) == key.upper() and in_caps_line(text, start, end)):
            found.append((start, end))
    return found


@pytest.mark.parametrize("text", [
    "Lee Lee Lee and LEE LEE\nLEE LEE LEE SAID\nlee lee, Lee  Lee",
    "Abc Abc Ab. Ann B.Ann B.A x, ann  lee Ann Lee",
    "x-Ann Lee_ Ann Lee- 'Ann Lee Ann Lee's ’Ann Lee, Ann Lees, ANN LEE\nANN LEE WINS TITLE AGAIN\n",
    "Moreno said Clara Moreno. MORENO! Morenos, _Moreno, Moreno-Diaz, Moreno's",
])
@pytest.mark.parametrize("key", ["Lee Lee", "Abc Ab", "Ann B.A", "Ann Lee", "Lee", "ANN LEE", "Moreno",
                                 "Clara Moreno", "Ann Lee's", "Östlund"])
def test_plain_search_finds_what_the_pattern_found(text, key):
    assert list(_written_as_key(text, key)) == _pattern_matches(text, key)


def test_plain_search_only_where_no_mention_can_hide_another():
    assert _plain_search("Clara Moreno") and _plain_search("Lee")
    assert not _plain_search("Lee Lee") and not _plain_search("Abc Ab") and not _plain_search("Ann B.A")
    assert not _plain_search("Östlund") and not _plain_search("Ann  Lee")


BAND_TEXTS = [
    "The drummer of Iron Harvest said so. Iron Harvest's line-up changed. Iron Harvest was first formed in 1990.",
    "Iron Harvest broke up in 2001. Iron Harvest ( band ) toured. Members of the Iron Harvest met.",
    "members of Deep Purple's party; guitarist for  the\nDeep Purple, Deep Purple ' s guitarist, Deep Purple’s line-up",
    "The singer of Lanterns-X left, and Lanterns were formed in 1985; Lanterns disbanded in 1999. Ann Lee spoke.",
    "A bassist inthe Lanterns, a singer bathe Deep Purple, the drummer for\tthe\nLanterns, guitarist of the  Ann Lee",
]


@pytest.mark.parametrize("text", BAND_TEXTS)
@pytest.mark.parametrize("name", ["Iron Harvest", "Deep Purple", "Lanterns", "Lanterns-X", "Ann Lee", "Harvest"])
def test_band_evidence_is_what_the_patterns_find(nlp, text, name):
    """shown_a_band_anywhere builds a name's patterns only where a mention has what they need beside it:
    the answer is the patterns' own."""
    from pipeline.extractors.base import ExtractorContext
    from pipeline.extractors.people.groups import POSSESSIVE_PATTERN, band_cues_in, shown_a_band_anywhere
    from pipeline.extractors.people.rules import PeopleOptions, load_rules

    from conftest import ROOT

    rules = load_rules(ExtractorContext(nlp, ROOT / "configs"), PeopleOptions())
    key, members = spaced_words_pattern(name), rules.member_alternation
    patterns = (
        rf"\b(?i:{members})\s+(?:of|for|in)\s+(?:the\s+)?{key}(?![\w-])(?!\s*{POSSESSIVE_PATTERN})",
        rf"(?<![\w-]){key}\s*{POSSESSIVE_PATTERN}\s+(?:\w+\s+){{0,2}}?(?:line-?up|(?:{members}))\b",
        rf"(?<![\w-]){key}\s+(?:was|were)\s+(?:originally\s+|first\s+)?formed\b",
        rf"(?<![\w-]){key}\s+(?:formed|disbanded|broke\s+up)\s+in\b",
        rf"(?<![\w-]){key}\s+\(\s*band\s*\)",
    )
    expected = any(present and re.search(pattern, text)
                   for present, pattern in zip(band_cues_in(rules, text), patterns))
    assert shown_a_band_anywhere(rules, text, name) == expected
