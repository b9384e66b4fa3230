"""The date extractor on real text: TimeML extents, values against the anchor, options."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import spacy

from pipeline.article import Article
from pipeline.errors import ConfigError
from pipeline.extractors.base import ExtractorContext
from pipeline.mention import Mention
from pipeline.extractors.dates import DateExtractor
from pipeline.extractors.dates.cues import load_cues
from pipeline.extractors.dates.discourse import quarters_between
from pipeline.extractors.dates.extents import trim

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


WEDNESDAY = dt.date(2022, 2, 9)


@pytest.mark.parametrize("text, anchor, expected", [
    # what is planned lies ahead, even when the planning is reported in the past
    ("The union planned a rally on Saturday.", WEDNESDAY, [("Saturday", "DATE", "2022-02-12")]),
    ("The union had planned a rally on Saturday, but it rained.", WEDNESDAY, [("Saturday", "DATE", "2022-02-05")]),
    ("The city has scheduled a hearing Thursday.", WEDNESDAY, [("Thursday", "DATE", "2022-02-10")]),
    ("The mayor plans to visit the plant Monday.", WEDNESDAY, [("Monday", "DATE", "2022-02-14")]),
    ("The permit had been due to lapse Friday evening.", dt.date(2022, 2, 7),
     [("Friday evening", "TIME", "2022-02-04TEV")]),
    # a schedule set now: "effective", "payable"
    ("The merger, effective Feb. 1, was approved by the board.", dt.date(2021, 10, 26),
     [("Feb. 1", "DATE", "2022-02-01")]),
    # "soon" that counts from another event is no reference to the future
    ("The talks will resume as soon as the envoy arrives.", WEDNESDAY, []),
    ("He was soon released.", WEDNESDAY, []),
    ("Prices will soon rise again.", WEDNESDAY, [("soon", "DATE", "FUTURE_REF")]),
    # the reference time: the date mentioned last
    ("He joined the army in June 1998 and left later that year.", dt.date(2000, 1, 1),
     [("June 1998", "DATE", "1998-06"), ("later that year", "DATE", "1998")]),
    ("She arrived in Paris on May 22, 1995, and the following year she moved to Rome.", dt.date(2000, 1, 1),
     [("May 22, 1995", "DATE", "1995-05-22"), ("the following year", "DATE", "1996")]),
    ("The index rose 2% on Friday, up 3% from the previous Friday.", dt.date(2022, 2, 7),
     [("Friday", "DATE", "2022-02-04"), ("the previous Friday", "DATE", "2022-01-28")]),
    ("The index was weak on Oct. 12, 2021, and it fell again the day after.", dt.date(2021, 10, 20),
     [("Oct. 12, 2021", "DATE", "2021-10-12"), ("the day after", "DATE", "2021-10-13")]),
    ("The site went up on May 3, 2021, and was taken down that same day.", dt.date(2021, 6, 1),
     [("May 3, 2021", "DATE", "2021-05-03"), ("that same day", "DATE", "2021-05-03")]),
    ("The awards are held on 26 February, the day before the ceremony.", None,
     [("26 February", "DATE", "XXXX-02-26"), ("the day before", "DATE", None)]),
    ("Today is the eighth day of the walkout.", dt.date(2022, 2, 7),
     [("Today", "DATE", "2022-02-07"), ("the eighth day", "DATE", "2022-02-07")]),
    # two expressions side by side are two
    ("She moved in October 2003 several months after the sale.", None,
     [("October 2003", "DATE", "2003-10"), ("several months", "DURATION", "PXM")]),
    # a year's period in a results report is the reported quarter of that year
    ("Profit rose in the third quarter from $5 million in the 1988 period.", dt.date(1989, 10, 26),
     [("the third quarter", "DATE", "1989-Q3"), ("the 1988 period", "DATE", "1988-Q3")]),
    # ... but a year-ago comparison of year-to-date figures is about the year
    ("Net rose 5% in the third quarter from a year earlier. For the nine months, net rose 3% from a year earlier.",
     dt.date(1989, 10, 26), [("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3"),
                             ("the nine months", "DURATION", "P9M"), ("a year earlier", "DATE", "1988")]),
    # the quarter a sentence names is the one its "a year earlier" compares with, and a
    # fiscal quarter named first is the quarter the report is about
    ("Acme Corp. said profit rose in its fiscal first quarter. For the quarter, net was 5 cents a share, "
     "up from 4 cents a year earlier. Separately, Beta Inc. said third-quarter net fell from a year earlier.",
     dt.date(2021, 10, 20), [("fiscal first quarter", "DATE", "2021-Q1"), ("the quarter", "DATE", "2021-Q1"),
                             ("a year earlier", "DATE", "2020-Q1"), ("third-quarter", "DATE", "2021-Q3"),
                             ("a year earlier", "DATE", "2020-Q3")]),
    ("The chain posted a fiscal second-quarter profit.", dt.date(2021, 10, 20),
     [("fiscal second-quarter", "DATE", "2021-Q2")]),
    # the unit of a rate is no time: "its quarterly dividend", "to grow 6% annually" ...
    ("The board raised its quarterly dividend and expects sales to grow 6% annually.", WEDNESDAY, []),
    # ... but how often something happens is
    ("The fair is held annually in the square.", WEDNESDAY, [("annually", "SET", "P1Y")]),
    # a share of something, and a kind of comparison, are no times
    ("Pension funds own more than a quarter of the shares.", WEDNESDAY, []),
    ("The year-to-year comparison was flattering.", WEDNESDAY, []),
    # a month before a noun dates the thing (a holiday there only classifies it)
    ("Detectives reopened the inquiry into the October robbery.", WEDNESDAY, [("October", "DATE", "2021-10")]),
    # "the then current price": the present of a past time
    ("Holders could buy shares at the then current price.", WEDNESDAY, [("current", "DATE", "PAST_REF")]),
    # a deadline moved or set "until" a day lies ahead, whatever the tense of the telling
    ("The judge postponed the hearing until Friday.", WEDNESDAY, [("Friday", "DATE", "2022-02-11")]),
    ("The regulator gave the bank until 5 p.m. Monday to reply.", WEDNESDAY,
     [("5 p.m. Monday", "TIME", "2022-02-14T17:00")]),
    ("The guests stayed until Friday.", WEDNESDAY, [("Friday", "DATE", "2022-02-04")]),
    # a clock time and the day after a comma are one expression
    ("The offer expires at 5 p.m. EST, Feb. 18.", WEDNESDAY, [("5 p.m. EST, Feb. 18", "TIME", "2022-02-18T17:00")]),
    ("The bombing in nineteen ninety-six shocked the city.", None, [("nineteen ninety-six", "DATE", "1996")]),
    ("Shares fell by mid-afternoon yesterday.", dt.date(2022, 2, 7),
     [("mid-afternoon yesterday", "TIME", "2022-02-06TAF")]),
    ("The flights leave on Tuesday nights.", WEDNESDAY, [("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
    ("The trip took 5 1/2 hours.", None, [("5 1/2 hours", "DURATION", "PT5H30M")]),
    ("They will have to live without it for a while.", None, [("a while", "DURATION", "PXX")]),
    ("The parade is this coming Sunday, March eighth.", dt.date(1998, 3, 5),
     [("Sunday, March eighth", "DATE", "1998-03-08")]),
])
def test_context_rules(nlp, extractor, text, anchor, expected):
    assert as_table(text, extract(nlp, extractor, text, anchor)) == expected


def test_a_bare_date_misread_as_a_title_is_still_a_date(nlp, extractor):
    text = "The dividend is payable Dec. 15 to holders of record Nov. 20."
    title = Mention("title", 53, 60, {"title": "Nov. 20", "work_type": "album"}, 0.5, "rule:test")
    found = extract(nlp, extractor, text, dt.date(2021, 10, 26), {"title": [title]})
    assert as_table(text, found) == [("Dec. 15", "DATE", "2021-12-15"), ("Nov. 20", "DATE", "2021-11-20")]


def test_a_quoted_title_that_reads_as_a_date_is_not_one(nlp, extractor):
    text = 'The band played "December 3" at the show.'
    title = Mention("title", 17, 27, {"title": "December 3", "work_type": "song"}, 0.9, "rule:test")
    assert extract(nlp, extractor, text, dt.date(2022, 2, 7), {"title": [title]}) == []


@pytest.mark.parametrize("text", [
    "The 40-year-old actress won the award.",
    "Seven 37 years old men attended.",
    "The series racked up 2.4 billion minutes of viewing time.",
    "The channel airs four episodes a week.",
    'He said so on "60 Minutes."',  # a quotation that is all date names a show
    "It will be a second chance for the team.",  # the ordinal, not the unit
    "Now, the critics say, the plan is dead.",  # a discourse marker, not the present
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


@pytest.mark.parametrize("quarter, day, between", [
    ("1989-Q3", dt.date(1989, 10, 26), 1),  # the quarter just ended
    ("1989-Q4", dt.date(1989, 10, 26), 0),  # the current one
    ("1988-Q4", dt.date(1989, 2, 1), 1),  # across the turn of the year
    ("1990-Q1", dt.date(1989, 10, 26), -1),  # one ahead
])
def test_quarters_between(quarter, day, between):
    assert quarters_between(quarter, day) == between


def test_cues_load_into_one_typed_object():
    cues = load_cues(CONFIGS / "patterns" / "dates_cues.toml")
    assert isinstance(cues.leading_words, frozenset) and isinstance(cues.age_followers, tuple)
    assert all(isinstance(words, list) for words in cues.leading_phrases)
    assert cues.relative_phrases == cues.year_ago_phrases | cues.reported_period_phrases


@pytest.mark.parametrize("text, start, extent", [
    ("Acme’s third quarter", 1, (2, 4)),  # a possessive marker, however typed, is not in the extent
    ("Acme's third quarter", 1, (2, 4)),
    ("on January 28,", 0, (1, 3)),
    ("at least 30 days", 0, (0, 4)),  # "at" stays before "least"
])
def test_trim_to_the_timeml_extent(text, start, extent):
    doc = spacy.blank("en")(text)
    assert trim(doc, start, len(doc), load_cues(CONFIGS / "patterns" / "dates_cues.toml")) == extent
