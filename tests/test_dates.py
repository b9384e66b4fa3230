"""The date extractor on real text: TimeML extents, values against the anchor, options."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.article import Article
from pipeline.errors import ConfigError
from pipeline.extractors.base import ExtractorContext, Mention
from pipeline.extractors.dates import DateExtractor

from conftest import ROOT, SEED_ARTICLE, SEED_GOLD

CONFIGS = ROOT / "configs"


@pytest.fixture(scope="module")
def extractor(nlp):
    return DateExtractor(ExtractorContext(nlp, CONFIGS), DateExtractor.Options())


def extract(nlp, extractor, text, anchor=None, found=None):
    article = Article("test", text, "test", date=anchor, date_source="metadata" if anchor else None)
    return list(extractor(nlp(text), article, found or {}))


def as_table(text, mentions):
    return [(text[m.start:m.end], m.value["timex_type"], m.value["value"]) for m in mentions]


def test_seed_article_matches_gold(nlp, extractor, seed_text):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    assert gold["doc_id"] == "seed-000" and SEED_ARTICLE.name.startswith("000_")
    anchor = dt.date.fromisoformat(gold["doc_date"])
    expected = {(e["start"], e["end"], e["value"]) for e in gold["entities"] if e["type"] == "date"}
    found = {(m.start, m.end, m.value["value"]) for m in extract(nlp, extractor, seed_text, anchor)}
    assert found == expected


@pytest.mark.parametrize("text, anchor, expected", [
    ("The show premiered on January 28 and was renewed last year.", dt.date(2022, 2, 7),
     [("January 28", "DATE", "2022-01-28"), ("last year", "DATE", "2021")]),
    ("Sales rose in the last three years, the company said Tuesday.", dt.date(2022, 2, 7),
     [("the last three years", "DURATION", "P3Y"), ("Tuesday", "DATE", "2022-02-01")]),
    ("The film will open on Friday.", dt.date(2022, 2, 7), [("Friday", "DATE", "2022-02-11")]),
    ("It aired every week in the 1990s.", None, [("every week", "SET", "P1W"), ("the 1990s", "DATE", "199")]),
    ("The album came out on Nov. 1, 2004, two years ago.", dt.date(2006, 5, 1),
     [("Nov. 1, 2004", "DATE", "2004-11-01"), ("two years ago", "DATE", "2004")]),
    ("The singer met him Friday morning and left at 3pm.", dt.date(2022, 2, 7),
     [("Friday morning", "TIME", "2022-02-04TMO"), ("3pm", "TIME", "2022-02-07T15:00")]),
])
def test_extents_and_values(nlp, extractor, text, anchor, expected):
    assert as_table(text, extract(nlp, extractor, text, anchor)) == expected


@pytest.mark.parametrize("text", [
    "The 40-year-old actress won the award.",
    "Seven 37 years old men attended.",
    "The series racked up 1.16 billion minutes of viewing time.",
    "The channel airs four episodes a week.",
])
def test_ages_amounts_and_rates_are_not_dates(nlp, extractor, text):
    assert extract(nlp, extractor, text) == []


def test_dates_inside_titles_are_dropped(nlp, extractor):
    text = "He appeared on 60 Minutes last night."
    title = Mention("title", 15, 25, {"title": "60 Minutes", "work_type": "tv_series"}, 0.9, "rule:test")
    found = extract(nlp, extractor, text, dt.date(2022, 2, 7), {"title": [title]})
    assert as_table(text, found) == [("last night", "DATE", "2022-02-06TNI")]


def test_value_names_the_anchor_it_used(nlp, extractor):
    text = "The show returned last year, after its 2019 debut."
    by_text = {text[m.start:m.end]: m.value for m in extract(nlp, extractor, text, dt.date(2022, 2, 7))}
    assert by_text["last year"]["anchor"] == "2022-02-07"
    assert by_text["last year"]["anchor_source"] == "metadata"
    assert by_text["2019"]["anchor"] is None


def test_without_anchor_relative_values_stay_unresolved(nlp, extractor):
    text = "It premiered on January 28 and ended yesterday."
    assert as_table(text, extract(nlp, extractor, text)) == [
        ("January 28", "DATE", "XXXX-01-28"), ("yesterday", "DATE", None)]


def test_today_fallback_anchors_on_the_run_date(nlp):
    extractor = DateExtractor(ExtractorContext(nlp, CONFIGS), DateExtractor.Options(anchor_fallback="today"))
    [mention] = extract(nlp, extractor, "It ended yesterday.")
    assert mention.value["value"] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert mention.value["anchor_source"] == "today"


def test_mentions_validate_against_the_schema(nlp, extractor, seed_text):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((CONFIGS / "schemas" / "date.schema.json").read_text(encoding="utf-8"))
    value_schema = schema["properties"]["value"]
    for mention in extract(nlp, extractor, seed_text, dt.date(2022, 2, 7)):
        jsonschema.validate(mention.value, value_schema)


def test_bad_anchor_fallback_names_the_key(nlp):
    with pytest.raises(ConfigError, match="extractors.dates.anchor_fallback must be 'none' or 'today', got 'tomorow'"):
        DateExtractor(ExtractorContext(nlp, CONFIGS), DateExtractor.Options(anchor_fallback="tomorow"))


def test_missing_pattern_file_names_the_key(nlp, tmp_path: Path):
    with pytest.raises(ConfigError, match="extractors.dates.patterns"):
        DateExtractor(ExtractorContext(nlp, tmp_path), DateExtractor.Options())
