"""Titles of works: each rule family, its negatives, and the options' checks."""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

from pipeline.article import Article
from pipeline.errors import ConfigError
from pipeline.extractors.base import ExtractorContext
from pipeline.extractors.people import PersonExtractor
from pipeline.extractors.titles import TitleExtractor
from pipeline.extractors.titles.candidates import Candidate
from pipeline.extractors.titles.cues import cued
from pipeline.extractors.titles.filters import (after_owner, cites_pages, end_before_credit, follows_elided_name,
                                                is_excluded, is_named_other)
from pipeline.extractors.titles.groups import canonical_form, resolve_overlaps, title_mentions
from pipeline.extractors.titles.lexicon import load_lexicon, normalize_key
from pipeline.extractors.titles.lists import expand_lists, introduced_lists
from pipeline.extractors.titles.propagate import mention_stands_alone, occurrences, propagated
from pipeline.extractors.titles.shape import quote_looks_like_title, run_left, run_right, split_list

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


# -- the pure rule functions, on hand-built documents (no model; sentences invented for these tests) ----------

@pytest.fixture(scope="module")
def blank():
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="module")
def lexicon(blank):
    return load_lexicon(ExtractorContext(blank, CONFIG_DIR), "patterns/titles.toml", "patterns/titles_known.jsonl",
                        max_words=12)


def hand_doc(blank, text, ents=(), pos=None, tags=None, glued=()):
    """A Doc of the space-separated words of `text`, one sentence; `ents` as (start, end, label) token
    spans; `glued` lists the token indices written without a space after them ("Man" of "Man's")."""
    words = text.split(" ")
    spaces = [i not in glued for i in range(len(words) - 1)] + [False]
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=pos, tags=tags,
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def spans_of(text, candidates):
    return [text[c.start:c.end] for c in candidates]


def test_the_lexicon_is_read_once_into_one_frozen_object(lexicon):
    assert lexicon.cue_type["album"] == "album" and lexicon.cue_type["sitcom"] == "tv_series"
    assert "netflix" in lexicon.platforms and "of" in lexicon.connectors
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.max_words = 3


@pytest.mark.parametrize("text, key", [
    ("Dead Man’s  Shoes", "dead man's shoes"),
    ("“Paper Moon”", '"paper moon"'),
    (" QUIET\nHARBOUR ", "quiet harbour"),
])
def test_normalize_key(text, key):
    assert normalize_key(text) == key


@pytest.mark.parametrize("content, looks", [
    ("Lady of the Lake", True),
    ("Night Rain", True),
    ("12 Quiet Rooms", True),
    ("a remarkable achievement, really", False),
    ("It was a long night,", False),  # ends like a clause of speech
    ("Tin Roof blues and other stories", False),  # mostly lowercase
])
def test_quote_looks_like_title(lexicon, content, looks):
    assert quote_looks_like_title(lexicon, content) is looks


def test_run_right_stops_at_a_lowercase_word(blank, lexicon):
    doc = hand_doc(blank, "She watched Meet The Fockers again .")
    assert run_right(lexicon, doc, 2).text == "Meet The Fockers"


def test_run_right_starts_after_a_platform_owner(blank, lexicon):
    doc = hand_doc(blank, "Fans saw HBO 's House of the Dragon again .", glued={2})
    assert run_right(lexicon, doc, 2).text == "House of the Dragon"


def test_run_right_in_a_list_stops_at_and(blank, lexicon):
    doc = hand_doc(blank, "They chose Zatoichi and Hero .")
    assert run_right(lexicon, doc, 2, in_list=True).text == "Zatoichi"
    assert run_right(lexicon, doc, 2).text == "Zatoichi and Hero"


def test_run_left_ends_before_the_cue(blank, lexicon):
    doc = hand_doc(blank, "Quiet Harbour premiered last year .")
    assert run_left(lexicon, doc, 2).text == "Quiet Harbour"


def test_a_count_is_no_title(blank, lexicon):
    doc = hand_doc(blank, "It has 12 episodes .")
    assert run_right(lexicon, doc, 2) is None


def test_split_list(blank):
    doc = hand_doc(blank, "Star Search and The Big Quiz")
    assert [p.text for p in split_list(doc[:])] == ["Star Search", "The Big Quiz"]


@pytest.mark.parametrize("text, word, elided", [
    ("Her tutor was Niamh O 'Leary , a poet .", "Leary", True),
    ("She sang 'Blue Moon' twice .", "Blue", False),
])
def test_an_elided_surname_is_no_quote(text, word, elided):
    assert follows_elided_name(text, text.index(word)) is elided


@pytest.mark.parametrize("text, index, cites", [
    ("Brandt ( 2001 ) , p.14 notes it .", 4, True),
    ("Brandt ( 2001 ) : pp. 9-12 notes it .", 4, True),
    ("Her novel Quiet Harbour ( 1993 ) won .", 7, False),
])
def test_a_year_before_a_page_reference_cites_pages(blank, text, index, cites):
    assert cites_pages(hand_doc(blank, text), index) is cites


@pytest.mark.parametrize("span, excluded", [
    ("Netflix", True),
    ("Top 10", True),
    ("Harbour Film Festival", True),
    ("the", True),
    ("Quiet Harbour", False),
])
def test_platforms_stop_words_and_listed_non_titles_are_excluded(lexicon, span, excluded):
    text = f"{span} again"
    assert is_excluded(lexicon, span, 0, len(span), Article("t", text, "t")) is excluded


def test_the_whole_headline_is_excluded(lexicon):
    text = "Quiet Harbour Wins\n\nThe novel Quiet Harbour won."
    article = Article("t", text, "t", headline_span=(0, 18))
    assert is_excluded(lexicon, text[0:18], 0, 18, article)
    assert not is_excluded(lexicon, "Quiet Harbour", 30, 43, article)


def test_places_are_named_others_and_dates_only_without_a_close_cue(blank, lexicon):
    doc = hand_doc(blank, "They filmed in Lisbon in Autumn Days .", ents=[(3, 4, "GPE"), (5, 7, "DATE")])
    assert is_named_other(lexicon, doc[3:4])
    assert is_named_other(lexicon, doc[5:7]) and not is_named_other(lexicon, doc[5:7], allow_dates=True)


def test_after_owner_and_end_before_credit(blank):
    owned = hand_doc(blank, "Ann Lee 's The Salt Road", ents=[(0, 2, "PERSON")], glued={1})
    assert after_owner(owned[:]).text == "The Salt Road"
    credited = hand_doc(blank, "The Salt Road by Ann Lee", ents=[(4, 6, "PERSON")])
    assert end_before_credit(credited[:]) == 3
    assert end_before_credit(hand_doc(blank, "Stand by Me")[:]) is None


def test_a_cue_noun_names_the_title_after_it(blank, lexicon):
    doc = hand_doc(blank, "Fans watched the series Squid Game again .")
    found = list(cued(lexicon, doc))
    assert [(doc.text[c.start:c.end], c.work_type, c.detail) for c in found] == [("Squid Game", "tv_series",
                                                                                 "cue:series")]


def test_a_plural_cue_noun_announces_a_list(blank, lexicon):
    text = "Her albums include Night Rain , Low Tide and Paper Crowns ."
    words = text.split(" ")
    doc = hand_doc(blank, text, tags=["NNS" if w == "albums" else "" for w in words])
    found = list(introduced_lists(lexicon, doc))
    assert spans_of(text, found) == ["Night Rain", "Low Tide", "Paper Crowns"]
    assert {c.work_type for c in found} == {"album"}


def test_a_list_grows_from_a_title_found_in_it(blank, lexicon):
    text = "Nominees included the drama Vera Drake , Zatoichi and Hero ."
    doc = hand_doc(blank, text)
    drama = Candidate(text.index("Vera"), text.index(" ,"), "cue", "film", "cue:drama")
    grown = expand_lists(lexicon, doc, Article("t", text, "t"), [drama])
    assert spans_of(text, grown) == ["Vera Drake", "Zatoichi", "Hero"]
    assert {c.work_type for c in grown} == {"film"}


@pytest.mark.parametrize("text, key, expected", [
    ("The biopic Marlow stars Sam Reyes as Edgar Marlow .", "marlow", ["Marlow"]),  # the second is a surname
    ("Tiger King returned and Tiger King 2 followed .", "tiger king", ["Tiger King"]),
    ("Squid Game Season 2 arrives soon .", "squid game", ["Squid Game"]),  # a season label may follow
    ("The show LOW TIDE led , then SEASON LOW TIDE RATINGS fell .", "low tide", ["LOW TIDE"]),  # all capitals
])
def test_occurrences_skip_pieces_of_longer_names(blank, text, key, expected):
    doc = hand_doc(blank, text)
    assert [text[s:e] for s, e in occurrences(doc, text, key)] == expected


def test_a_possessive_glued_to_a_capitalized_word_continues_the_name(blank):
    text = "They loved Dead Man's Shoes and Shoes ."
    doc = Doc(blank.vocab, words=["They", "loved", "Dead", "Man", "'s", "Shoes", "and", "Shoes", "."],
              spaces=[True, True, True, False, True, True, True, True, False])
    assert [text[s:e] for s, e in occurrences(doc, text, "shoes")] == ["Shoes"]
    assert [s for s, _ in occurrences(doc, text, "shoes")] == [text.rindex("Shoes")]


def test_a_capitalized_verb_opening_the_sentence_is_no_part_of_the_name(blank):
    text = "Joining Vera Drake were two dramas ."
    assert mention_stands_alone(hand_doc(blank, text, pos=["VERB"] + ["X"] * 6), 8, 18)
    assert not mention_stands_alone(hand_doc(blank, text, pos=["PROPN"] + ["X"] * 6), 8, 18)


def test_propagation_adds_the_other_mentions(blank):
    text = "Sour topped the chart and Sour stayed there ."
    first = Candidate(0, 4, "cue", "album", "cue:possessive")
    repeated = propagated(hand_doc(blank, text), text, [first])
    assert [(text[c.start:c.end], c.start, c.rule) for c in repeated] == [("Sour", 26, "propagated")]


def test_overlaps_keep_the_strongest_and_take_a_weaker_rules_work_type():
    quoted_title = Candidate(0, 10, "quoted", None, "quoted_title")
    same_span = Candidate(0, 10, "cue", "film", "cue:film")
    model_span = Candidate(5, 20, "model", None, "ner:WORK_OF_ART")
    chosen = resolve_overlaps([model_span, same_span, quoted_title])
    assert chosen == [quoted_title] and quoted_title.work_type == "film"


@pytest.mark.parametrize("forms, canonical", [
    (Counter({"Squid Game": 2, "SQUID GAME": 1}), "Squid Game"),
    (Counter({"squid game": 1, "Squid Game": 1}), "Squid Game"),
])
def test_canonical_form(forms, canonical):
    assert canonical_form(forms) == canonical


def test_one_group_one_type_and_title():
    text = "Driftwood won . driftwood lost ."
    chosen = [Candidate(0, 9, "cue", "film", "cue:film"), Candidate(16, 25, "propagated", None, "rule:propagated")]
    mentions = list(title_mentions(text, chosen, min_confidence=0.0))
    assert [(m.value["title"], m.value["work_type"], m.extractor) for m in mentions] == [
        ("Driftwood", "film", "rule:cue:film"), ("Driftwood", "film", "rule:propagated")]
    assert [m.start for m in title_mentions(text, chosen, min_confidence=0.82)] == [0]


@pytest.mark.parametrize("text, title, alone", [
    ("Shares of Copper Lane Inc. rose after Copper Lane opened.", "Copper Lane", False),  # "Inc." continues it
    ("For Night Shift I'm Ann Lee, in London.", "Night Shift", False),  # "I'm" as written is a capital word
    ("Tags: Night Shift, Netflix, Low Orbit", "Night Shift", True),  # "Tags:" holds a colon: no word
    ("Viewers of Dead Man's Shoes wrote in.", "Shoes", False),  # the owner glued to its possessive
    ("Joining Night Shift this year is Ann Lee.", "Night Shift", True),  # a verb opens the sentence
])
def test_a_propagated_mention_is_judged_by_the_words_as_written(nlp, text, title, alone):
    from pipeline.extractors.titles.propagate import mention_stands_alone

    start = text.index(title)
    assert mention_stands_alone(nlp(text), start, start + len(title)) is alone


def trained_titles(nlp, text, trained, **options):
    """Titles found with the trained NER's spans set by hand: (words, label) pairs of `trained`."""
    from pipeline.nlp import TRAINED_NER

    doc = nlp(text)
    doc.spans[TRAINED_NER] = [doc.char_span(text.index(words), text.index(words) + len(words), label=label)
                              for words, label in trained]
    extractor = TitleExtractor(ExtractorContext(nlp, CONFIG_DIR), TitleExtractor.Options(**options))
    return spans(text, extractor(doc, Article("test", text, "test"), {"title": [], "person": []}))


@pytest.mark.parametrize("text, trained, kept", [
    # a bracket after a name holds a party or a country as often as a film
    ("Result: Ann Lowe (Harbour Alliance) 14,215, Tom Ellery (Greens) 11,557.",
     [("Harbour Alliance", "ORG"), ("Greens", "ORG")], []),
    ("Result: Mags Orr (Green) 2,411, Sunil Varma (Independent) 1,417.", [("Green", "LOC"), ("Independent", "ORG")], []),
    # a product is no work, whatever weak cue took it for one
    ("The phone runs Daesan's own version of Android, the company said.", [("Android", "PRODUCT")], []),
    # strong evidence stands: a quoted title, a cue noun before it
    ("The series 'Copper Lane' returns in May.", [("Copper Lane", "ORG")], ["Copper Lane"]),
])
def test_trained_ner_vetoes_weakly_found_products_and_organisations(nlp, text, trained, kept):
    assert trained_titles(nlp, text, trained, trained_ner_veto=True) == kept


def test_without_the_veto_the_weak_rules_stand(nlp):
    text = "Result: Ann Lowe (Harbour Alliance) 14,215, Tom Ellery (Greens) 11,557."
    assert "Harbour Alliance" in trained_titles(nlp, text, [("Harbour Alliance", "ORG")])


@pytest.mark.parametrize("text, work, expected", [
    # a cue noun in the sentence, used as a noun
    ("Among his favourite films he ranked Lanterns Over Marlow first.", "Lanterns Over Marlow",
     ["Lanterns Over Marlow"]),
    # a maker's possessive right before it
    ("Fans still quote Ann Lowe's Paper Orchard at every show.", "Paper Orchard", ["Paper Orchard"]),
    # a sentence's first word that only the sentence capitalized is no part of the work
    ("Joining Paper Orchard in the films race is Harbour Lights.", "Joining Paper Orchard", ["Paper Orchard"]),
])
def test_trained_work_spans_with_a_work_cue_are_titles(nlp, text, work, expected):
    assert trained_titles(nlp, text, [(work, "WORK")], trained_ner_works=True)[:len(expected)] == expected


@pytest.mark.parametrize("text, work", [
    ("The committee met Harbour Lights on Tuesday.", "Harbour Lights"),  # no cue at all
    ("The festival puts special focus on Harbour Lights.", "Harbour Lights"),  # "special" is no noun here
])
def test_trained_work_spans_alone_are_no_titles(nlp, text, work):
    assert trained_titles(nlp, text, [(work, "WORK")], trained_ner_works=True) == []


def test_trained_work_span_beside_a_title_found_in_its_sentence(nlp):
    text = "Critics praised 'Night Harbour' and the quieter Paper Orchard alike."
    found = trained_titles(nlp, text, [("Paper Orchard", "WORK")], trained_ner_works=True)
    assert found == ["Night Harbour", "Paper Orchard"]
    assert trained_titles(nlp, text, [("Paper Orchard", "WORK")]) == ["Night Harbour"]


def test_the_trained_ner_is_read_only_when_an_option_says_so():
    from pipeline.nlp import TRAINED_NER

    assert TitleExtractor.requires_for(TitleExtractor.Options()) == ()
    assert TitleExtractor.requires_for(TitleExtractor.Options(trained_ner_veto=True)) == (TRAINED_NER,)
    assert TitleExtractor.requires_for(TitleExtractor.Options(trained_ner_works=True)) == (TRAINED_NER,)


@pytest.mark.parametrize("text, opener", [
    ("Festival news\n\nMurdered director Ann Lowe's last film will not be shown.", "Murdered"),
    ("Film star Tom Ellery has returned to the top of the box office.", "Film"),
    ("Harbourlight director Ann Lowe spoke to the press on Tuesday.", "Harbourlight"),
])
def test_a_one_word_sentence_opener_needs_the_trained_ner_to_read_a_work(nlp, text, opener):
    assert trained_titles(nlp, text, []) == [opener]  # the cue word alone takes it
    assert trained_titles(nlp, text, [], trained_ner_veto=True) == []
    assert trained_titles(nlp, text, [(opener, "WORK")], trained_ner_veto=True) == [opener]



def test_a_trained_work_span_never_cuts_a_hyphenated_word(nlp):
    text = "The Must-See Moment award, voted by viewers of the soap, went to a wedding."
    assert trained_titles(nlp, text, [("The Must", "WORK")], trained_ner_works=True) == []



@pytest.mark.parametrize("trained, kept", [([("Tessa Marlowe", "PERSON")], []),  # the same words: no work
                                           ([("Tessa", "PERSON")], ["Tessa Marlowe"]),  # part of it: may be a title
                                           ([], ["Tessa Marlowe"])])
def test_a_base_work_of_art_the_trained_ner_reads_as_a_person_is_no_title(nlp, trained, kept):
    from pipeline.nlp import TRAINED_NER

    text = "Critics said Tessa Marlowe had increased its reach."
    doc = nlp(text)
    doc.ents = [Span(doc, 2, 4, label="WORK_OF_ART")]
    doc.spans[TRAINED_NER] = [doc.char_span(text.index(w), text.index(w) + len(w), label=label) for w, label in trained]
    extractor = TitleExtractor(ExtractorContext(nlp, CONFIG_DIR), TitleExtractor.Options(trained_ner_veto=True))
    assert spans(text, extractor(doc, Article("test", text, "test"), {"title": [], "person": []})) == kept
