"""Titles of works: each rule family, its negatives, and the options' checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.article import Article
from pipeline.errors import ConfigError
from pipeline.extractors.base import ExtractorContext
from pipeline.extractors.people import PersonExtractor
from pipeline.extractors.titles import TitleExtractor

from conftest import ROOT, extract_people_and_titles as extract, spans

CONFIG_DIR = ROOT / "configs"


def titles(nlp, text, **fields):
    return spans(text, extract(nlp, text, **fields)["title"])


@pytest.mark.parametrize("text, expected", [
    ("Fans loved 'Crash Landing on You' when it aired.", ["Crash Landing on You"]),
    ("The jury president won for “Triangle of Sadness” last year.", ["Triangle of Sadness"]),
    ('Disney teased a live-action "Lady of the Lake" film.', ["Lady of the Lake"]),
    ("Its closing film, “Elemental,” will follow the awards.", ["Elemental"]),
    ("Seventeen's mini album 'FML' sold four million copies.", ["FML"]),
])
def test_quoted_title(nlp, text, expected):
    assert titles(nlp, text) == expected


@pytest.mark.parametrize("text", [
    '"It was wonderful to see so many fans return," she said.',
    "It was the 'most-viewed' show of the year.",
    "The reporter called it 'a remarkable achievement, really'.",
])
def test_quoted_speech_and_scare_quotes_are_no_titles(nlp, text):
    assert titles(nlp, text) == []


@pytest.mark.parametrize("text, expected, work_type", [
    ("Her new album Midnight Garden sold 200,000 copies.", "Midnight Garden", "album"),
    ("Another new series, All of Us are Dead, is growing on viewers.", "All of Us are Dead", "tv_series"),
    ("He read the novel Great Expectations at school.", "Great Expectations", "book"),
    ("De Niro stars in the thriller Hide and Seek this week.", "Hide and Seek", "film"),
    ("The charity song Will You Sing This Winter? went straight in at number one.",
     "Will You Sing This Winter?", "song"),
    ("Driftwood, a sailing comedy starring Tom Ellery, leads the race.", "Driftwood", "film"),
])
def test_cue_word_before_or_in_apposition(nlp, text, expected, work_type):
    found = extract(nlp, text)["title"]
    assert spans(text, found) == [expected]
    assert found[0].value["work_type"] == work_type


@pytest.mark.parametrize("text, expected", [
    ("Viewers returned for HBO's House of the Dragon on Sunday.", "House of the Dragon"),
    ("Bridgerton's second season arrives in March.", "Bridgerton"),
    ("The panel included Blue Valley director Ana Morales.", "Blue Valley"),
    ("Fans flocked to the Game of Thrones finale last night.", "Game of Thrones"),
    ("The actress has a starring role in Little Women this winter.", "Little Women"),
    ("Critics praised Hide and Seek (2005) for its restraint.", "Hide and Seek"),
    ("She published a memoir entitled Breaking the Surface last spring.", "Breaking the Surface"),
    ("Doja Cat's Planet Her is at No. 4 this week.", "Planet Her"),
    ("In other debuts, Angel Studios' Sketch opened in 2,006 theaters.", "Sketch"),
])
def test_cue_word_after_title_or_owner(nlp, text, expected):
    assert titles(nlp, text) == [expected]


def test_known_work_from_the_gazetteer_not_inside_a_longer_title(nlp):
    text = "Tiger King returned, and Tiger King 2 followed on Netflix."
    assert titles(nlp, text) == ["Tiger King"]


def test_list_beside_a_known_title(nlp):
    text = "Other nominees included the drama Vera Drake, Zatoichi and Hero."
    assert titles(nlp, text) == ["Vera Drake", "Zatoichi", "Hero"]


@pytest.mark.parametrize("text, expected", [
    ("Her best-known singles include Midnight Garden, Silver Lining and Low Tide.",
     ["Midnight Garden", "Silver Lining", "Low Tide"]),
    ("The label issued five albums: Stop the Clocks, Night Rain and Low Tide.", ["Stop the Clocks", "Night Rain",
                                                                                 "Low Tide"]),
])
def test_list_announced_by_a_plural_cue(nlp, text, expected):
    assert titles(nlp, text) == expected


def test_plural_cue_splits_a_list(nlp):
    text = "He mocked the TV shows Star Search and The Big Quiz in his speech."
    assert titles(nlp, text) == ["Star Search", "The Big Quiz"]


def test_propagation_to_every_mention_and_case_variant(nlp):
    text = ("'All of Us Are Dead' became a hit.\n\nAll of us are Dead stars Park Ji-hu. "
            "Critics say ALL OF US ARE DEAD is gripping.")
    found = extract(nlp, text)["title"]
    assert spans(text, found) == ["All of Us Are Dead", "All of us are Dead", "ALL OF US ARE DEAD"]
    assert {m.value["entity"] for m in found} == {"title/all-of-us-are-dead"}
    assert found[-1].extractor == "rule:propagated"


def test_propagation_skips_a_longer_name(nlp):
    text = "The biopic Marlow, starring Sam Reyes as Edgar Marlow, got four nominations."
    assert titles(nlp, text) == ["Marlow"]


@pytest.mark.parametrize("text", [
    "All of Us are Dead topped the Netflix Top 10 in the USA.",
    "The series consists of 12 episodes in all.",
    "Netflix's U.S. daily Top 10 list changed on Monday.",
    "Disney unveiled the lineup at its annual fan convention.",
])
def test_charts_counts_and_platforms_are_no_titles(nlp, text):
    assert not any(t in ("Netflix Top 10", "Top 10", "12", "Netflix", "U.S.", "Disney") for t in titles(nlp, text))


def test_the_article_headline_is_not_a_title(nlp):
    text = "Squid Game Becomes Most Watched Show On Netflix\n\nThe series Squid Game keeps growing."
    found = titles(nlp, text, headline="Squid Game Becomes Most Watched Show On Netflix", headline_span=(0, 47))
    assert "Squid Game Becomes Most Watched Show On Netflix" not in found
    assert found == ["Squid Game", "Squid Game"]


def test_headline_capitals_are_no_cue(nlp):
    text = "'All Of Us Are Dead' Becomes 2nd K-drama To Trend At No. 1 On Netflix\n\nThe show is a hit."
    assert titles(nlp, text) == ["All Of Us Are Dead"]


def test_gazetteer_of_known_works(nlp, tmp_path):
    gazetteer = tmp_path / "works.jsonl"
    gazetteer.write_text('{"title": "Stranger Things", "work_type": "tv_series"}\n', encoding="utf-8")
    extractor = TitleExtractor(ExtractorContext(nlp, CONFIG_DIR), TitleExtractor.Options(gazetteer=str(gazetteer)))
    text = "Everyone is talking about Stranger Things again."
    mentions = list(extractor(nlp(text), Article("t", text, "t"), {}))
    assert [(text[m.start:m.end], m.value["work_type"]) for m in mentions] == [("Stranger Things", "tv_series")]


@pytest.mark.parametrize("options, key", [
    ({"max_words": 0}, "max_words"),
    ({"min_confidence": 1.5}, "min_confidence"),
    ({"patterns": "patterns/missing.toml"}, "patterns"),
    ({"gazetteer": "patterns/missing.jsonl"}, "gazetteer"),
])
def test_bad_options_name_the_key(nlp, options, key):
    with pytest.raises(ConfigError, match=rf"extractors\.titles\.{key}"):
        TitleExtractor(ExtractorContext(nlp, CONFIG_DIR), TitleExtractor.Options(**options))


def test_unknown_work_type_in_patterns(nlp, tmp_path):
    patterns = tmp_path / "titles.toml"
    patterns.write_text('[cue_nouns]\nmovie_star = ["star"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="cue_nouns.movie_star is not a work type"):
        TitleExtractor(ExtractorContext(nlp, Path(tmp_path)), TitleExtractor.Options(patterns="titles.toml"))


# -- a title ends before its credit; a tight list cue names works (sentences written for these tests) --------

@pytest.mark.parametrize("text, expected", [
    ("Only The Salt Orchard by Margaret Ellison ( 2009 ) won both prizes .", "The Salt Orchard"),
])
def test_title_ends_before_by_and_a_person(nlp, text, expected):
    assert expected in titles(nlp, text)
    assert not [s for s in titles(nlp, text) if "Ellison" in s]


def test_by_inside_a_title_without_a_person_stays(nlp):
    text = "The song Stand by Me was covered again ."
    assert "Stand by Me" in titles(nlp, text)


@pytest.mark.parametrize("text, expected", [
    ("Her albums include Harriet Vane , Quiet Harbour and Tin Roof Blues .", "Harriet Vane"),
])
def test_tight_list_cue_names_works_even_where_the_model_sees_people(nlp, text, expected):
    assert expected in titles(nlp, text)


def test_list_with_words_between_cue_and_names_still_skips_people(nlp):
    text = "The songs were covered by artists like Elvis Presley and Dusty Springfield ."
    assert not [s for s in titles(nlp, text) if "Presley" in s or "Springfield" in s]


@pytest.mark.parametrize("text", [
    "Her teacher was Aoife O 'Dwyer , a poet .",
    "The songs of Sean O 'Malley ' s band were loud .",
])
def test_elided_surname_apostrophe_opens_no_quoted_title(nlp, text):
    assert not [s for s in titles(nlp, text) if s.startswith(("Dwyer", "Malley"))]


@pytest.mark.parametrize("text, title", [
    ("Two choirs sang . Hartmann ( 1998 ) , p.22 Two Austrian choirs sang .", None),
    ("Kettering ( 2004 ) : pp. 12-19 describes the scene .", None),
    ("Her novel Quiet Harbour ( 1993 ) won a prize .", "Quiet Harbour"),
])
def test_year_in_brackets_before_a_page_reference_is_a_citation(nlp, text, title):
    found = titles(nlp, text)
    assert (title in found) if title else not [s for s in found if s in ("Hartmann", "Kettering")]


@pytest.mark.parametrize("text, expected", [
    ("The film is an adaptation of Ann Lee 's The Salt Road .", ["The Salt Road"]),
    ("Later came an adaptation of Ann Lee ' s novel The Salt Road .", ["The Salt Road"]),
])
def test_a_cue_before_an_owner_names_the_work_not_the_owner(nlp, text, expected):
    assert spans(text, extract(nlp, text)["title"]) == expected


def test_possessed_title_where_the_model_runs_the_owner_into_it(nlp):
    text = "Glass is at #3, Ann Lee’s Planet Orbit is at #4."
    found = extract(nlp, text)
    assert "Planet Orbit" in spans(text, found["title"])
    assert spans(text, found["person"]) == ["Ann Lee"]


def test_ranked_chart_lines_name_works(nlp):
    text = "Original Series\n1. The Long Night (Prime Video)\n2. Silver Lake (Netflix)\n3. Town Hall (Reuters)"
    assert spans(text, extract(nlp, text)["title"]) == ["The Long Night", "Silver Lake"]  # Reuters is no platform


@pytest.mark.parametrize("text, expected", [
    ("The jury praised ITV's I'm a Stranger Get Me Home, which was named best factual moment.",
     ["I'm a Stranger Get Me Home"]),
    ("Netflix's I'll Be Waiting topped the chart.", ["I'll Be Waiting"]),
])
def test_contractions_inside_a_title(nlp, text, expected):
    assert spans(text, extract(nlp, text)["title"]) == expected
