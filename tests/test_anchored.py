"""The anchored matcher finds what spaCy's Matcher finds, in the same order, for every matcher the
extractors build, on whole articles; only where its patterns can match."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT
from spacy.matcher import Matcher

from pipeline.extractors.anchored import AnchoredMatcher
from pipeline.extractors.base import ExtractorContext
from pipeline.extractors.dates import DateExtractor
from pipeline.extractors.people import PersonExtractor
from pipeline.extractors.titles import TitleExtractor


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for line in (ROOT / "tests" / "gold" / "genres.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and "text" in json.loads(line):
            texts.append(json.loads(line)["text"])
    return texts + ["", "J. R. R. Tolkien met Vera Petrova ( Russia ) on the 3rd at 10.30pm, 3 1/2 years ago.",
                    "the past few weeks of weeks, the series' first two seasons, once a week every 2 years"]


def _plain_copy(anchored: AnchoredMatcher, vocab) -> Matcher:
    plain = Matcher(vocab)
    for key in list(anchored.matcher._patterns):
        plain.add(vocab.strings[key], anchored.matcher.get(key)[1], greedy=anchored.matcher._filter.get(key))
    return plain


@pytest.fixture(scope="module")
def matchers(nlp):
    context = ExtractorContext(nlp, ROOT / "configs")
    people = PersonExtractor(context, PersonExtractor.Options())
    return {"dates": DateExtractor(context, DateExtractor.Options()).matcher,
            "titles": TitleExtractor(context, TitleExtractor.Options()).lexicon.matcher,
            "initials": people.rules.initials, "table_row": people.rules.table_row}


@pytest.mark.parametrize("name", ["dates", "titles", "initials", "table_row"])
def test_same_matches_as_spacy_in_its_order_or_by_position(nlp, matchers, name):
    anchored = matchers[name]
    assert not anchored.whole_doc  # the extractors' patterns are all analysed, so the shortcut is taken
    plain = _plain_copy(anchored, nlp.vocab)
    found = 0
    for doc in nlp.pipe(_texts()):
        expected = plain(doc) if anchored.rules is None else sorted(plain(doc), key=lambda m: (m[1], m[2], m[0]))
        assert anchored(doc) == expected
        found += len(plain(doc))
    assert found > 0 or name in ("initials", "table_row")


def test_patterns_it_cannot_analyse_match_the_whole_doc(nlp):
    anchored = AnchoredMatcher(nlp.vocab)
    anchored.add("negated", [[{"LOWER": "the"}, {"POS": "NOUN", "OP": "!"}]])
    assert anchored.whole_doc
    doc = nlp("the cat and the 5")
    assert anchored(doc) == _plain_copy(anchored, nlp.vocab)(doc)


@pytest.mark.parametrize("text", ["Ann Lee ( U.S. ) beat Bo Kim ( Czech ) and R. Dawes", "no names here"])
def test_greedy_matches_keep_spacys_order(nlp, text):
    anchored = AnchoredMatcher(nlp.vocab)
    name = {"TEXT": {"REGEX": r"^[A-Z][\w'’-]*[a-z][\w'’-]*$"}}
    anchored.add("row", [[name, name, {"TEXT": "("}, {"IS_TITLE": True}], [name, {"TEXT": "("}]], greedy="LONGEST")
    doc = nlp(text)
    assert anchored(doc) == _plain_copy(anchored, nlp.vocab)(doc)


def test_by_rule_finds_what_all_rules_find_at_once(nlp, matchers):
    """A matcher that reads its matches as a set asks each rule alone where its words are: the same matches
    as one in spaCy's order, sorted by position."""
    dates = matchers["dates"]
    assert dates.rules is not None
    in_order = AnchoredMatcher(nlp.vocab)
    for key in list(dates.matcher._patterns):
        in_order.add(nlp.vocab.strings[key], dates.matcher.get(key)[1])
    for doc in nlp.pipe(_texts()):
        assert dates(doc) == sorted(in_order(doc), key=lambda m: (m[1], m[2], m[0]))
