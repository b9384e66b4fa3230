"""The numbers extractor on real text: spans, values, what numbers are about, and the seed gold."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.article import Article
from pipeline.errors import ConfigError
from pipeline.extractors.base import ExtractorContext
from pipeline.mention import Mention
from pipeline.extractors.numbers import NumberExtractor

from conftest import ROOT, SEED_ARTICLE, SEED_GOLD

CONFIGS = ROOT / "configs"


@pytest.fixture(scope="module")
def extractor(nlp):
    return NumberExtractor(ExtractorContext(nlp, CONFIGS), NumberExtractor.Options())


def claims(nlp, extractor, text, found=None):
    return list(extractor(nlp(text), Article("test", text, "test"), found or {}))


def spans(mentions, text):
    return [text[m.start:m.end] for m in mentions]


@pytest.mark.parametrize("text, expected", [
    ("The series consist of 12 episodes in all.", [("12 episodes", 12, "episode", "count")]),
    ("Korea is the first country to have two non-English shows in the Top 10 list.",
     [("first", 1, None, "ordinal"), ("two non-English shows", 2, "show", "count"), ("Top 10", 10, None, "rank")]),
    ("It sold 640,000 copies in its first week and 2.5 million in total.",
     [("640,000 copies", 640_000, "copy", "count"), ("2.5 million", 2_500_000, None, "count")]),
    ("It was released in 1984 and reached number 13 in the US.", [("number 13", 13, None, "rank")]),
    ("Deep Purple are one of Britain's best-known bands.", [("one", 1, "band", "count")]),
    ("No one expected the film to make $22m (£11.7m) in a weekend.",
     [("$22m", 22_000_000, "USD", "money"), ("£11.7m", 11_700_000, "GBP", "money")]),
    ("The crew of Apollo 11 landed on July 20, 1969, after four days in space.",
     [("four days", 4, "day", "duration")]),
    ('"This is very important," said Marsh, 54, on Tuesday.', [("54", 54, "year", "age")]),
    ("Madonna, 46, topped the chart for the 12th time in 2005.",
     [("46", 46, "year", "age"), ("12th", 12, None, "ordinal")]),
    ("The Crown won two Golden Globes and is one of the most-watched dramas.",
     [("two Golden Globes", 2, "globes", "count"), ("one", 1, "drama", "count")]),
    ("Call 020 7946 0958 to book the 10-day festival.", [("10-day", 10, "day", "duration")]),
    ("Spider-Man 2 stars Tobey Maguire, and Season 4 starts on 14 January.", []),
])
def test_claims_in_sentences(nlp, extractor, text, expected):
    found = claims(nlp, extractor, text)
    got = [(text[m.start:m.end], m.value["value"], m.value["unit"], m.value["quantity"]) for m in found]
    assert got == expected


def test_about_is_the_clause_subject(nlp, extractor):
    text = "The viewership of K-dramas on Netflix has grown by 200 per cent, the report added."
    (claim,) = claims(nlp, extractor, text)
    assert claim.value["change"] == "increase"
    assert claim.value["about"]["text"] == "The viewership"
    about = claim.value["about"]
    assert text[about["start"]:about["end"]] == about["text"]


def test_about_links_a_known_title(nlp, extractor):
    text = "Squid Game has nine episodes."
    title = Mention("title", 0, 10, {"title": "Squid Game", "work_type": "tv_series", "entity": "title/squid-game"},
                    0.9, "rule:test")
    (claim,) = claims(nlp, extractor, text, {"title": [title]})
    assert claim.value["about"]["entity"] == "title/squid-game"
    assert claim.value["value"] == 9


@pytest.mark.parametrize("possessive", ["'s", " 's", " ' s"])
def test_about_skips_a_possessor_however_tokenized(nlp, extractor, possessive):
    # "Squid Game's second season": the number is about the season, not the series (token-joined text too)
    text = f"Squid Game{possessive} second season has seven episodes."
    title = Mention("title", 0, 10, {"title": "Squid Game", "work_type": "tv_series", "entity": "title/squid-game"},
                    0.9, "rule:test")
    counted = [m for m in claims(nlp, extractor, text, {"title": [title]}) if m.value["value"] == 7]
    assert counted and counted[0].value["about"]["text"].endswith("season")
    assert counted[0].value["about"]["entity"] is None


def test_numbers_inside_found_titles_and_dates_are_skipped(nlp, extractor):
    text = "Ocean's Eleven opened on 7 December with 12 screens."
    title = Mention("title", 0, 14, {"title": "Ocean's Eleven", "work_type": "film", "entity": "title/oceans-eleven"},
                    0.9, "rule:test")
    date = Mention("date", 25, 35, {"timex_type": "DATE", "value": "XXXX-12-07"}, 0.9, "rule:test")
    found = claims(nlp, extractor, text, {"title": [title], "date": [date]})
    assert spans(found, text) == ["12 screens"]


def test_counted_time_inside_a_duration_is_kept(nlp, extractor):
    text = "This achievement came just 7 days after its release."
    date = Mention("date", 27, 33, {"timex_type": "DURATION", "value": "P7D"}, 0.9, "rule:test")
    (claim,) = claims(nlp, extractor, text, {"date": [date]})
    assert (claim.value["value"], claim.value["unit"], claim.value["quantity"]) == (7, "day", "duration")


def test_values_follow_the_schema(nlp, extractor, seed_text):
    schema = json.loads((CONFIGS / "schemas" / "numeric_claim.schema.json").read_text(encoding="utf-8"))
    value_schema = schema["properties"]["value"]
    text = seed_text + "\nIt cost between $89 and $93 billion, about 7-9 per cent more."
    found = claims(nlp, extractor, text)
    assert found
    for claim in found:
        jsonschema.validate(claim.value, value_schema)
        assert claim.kind == "numeric_claim" and 0 <= claim.confidence <= 1
        assert claim.extractor.startswith("rule:")


def test_seed_matches_gold(nlp, extractor, seed_text):
    gold_doc = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    assert gold_doc["text"] == seed_text
    gold = [e for e in gold_doc["entities"] if e["type"] in ("number", "numeric_claim")]
    found = claims(nlp, extractor, seed_text)
    # every gold number is found with its value, and nothing else is claimed
    assert len(found) == len(gold)
    for entity in gold:
        overlapping = [m for m in found if m.start < entity["end"] and entity["start"] < m.end]
        assert len(overlapping) == 1, entity["text"]
        assert overlapping[0].value["value"] == entity["value"], entity["text"]


def test_bad_lexicon_path_names_the_key(nlp):
    options = NumberExtractor.Options(lexicon="patterns/missing.toml")
    with pytest.raises(ConfigError, match="extractors.numbers.lexicon"):
        NumberExtractor(ExtractorContext(nlp, CONFIGS), options)


def test_bad_confidence_names_the_key(nlp):
    with pytest.raises(ConfigError, match="extractors.numbers.min_confidence"):
        NumberExtractor(ExtractorContext(nlp, CONFIGS), NumberExtractor.Options(min_confidence=2.0))


def test_ordinals_can_be_switched_off(nlp):
    extractor = NumberExtractor(ExtractorContext(nlp, CONFIGS), NumberExtractor.Options(ordinals=False))
    text = "It became the second Korean series to reach No. 1."
    assert spans(claims(nlp, extractor, text), text) == ["No. 1"]


def test_seed_path_is_the_shared_fixture():
    assert Path(SEED_ARTICLE).is_file()
