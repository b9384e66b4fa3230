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
from pipeline.entities import entity_id

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
def test_about_a_part_of_a_work_is_the_work_however_tokenized(nlp, extractor, possessive):
    # "Squid Game's second season": the season is what is counted, and it belongs to the series
    # (tests/gold/README.md, "What numeric claims are about"), in token-joined text too
    text = f"Squid Game{possessive} second season has seven episodes."
    title = Mention("title", 0, 10, {"title": "Squid Game", "work_type": "tv_series", "entity": "title/squid-game"},
                    0.9, "rule:test")
    counted = [m for m in claims(nlp, extractor, text, {"title": [title]}) if m.value["value"] == 7]
    assert counted and counted[0].value["about"]["text"].endswith("season")
    assert counted[0].value["about"]["entity"] == "title/squid-game"


def named(kind: str, text: str, name: str, occurrence: int = 0) -> Mention:
    """A found person, title or organisation mention of `name` in `text` (its `occurrence`-th)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    value = {"person": {"name": name}, "title": {"title": name, "work_type": "film"},
             "organization": {"name": name}}[kind]
    return Mention(kind, start, start + len(name), {**value, "entity": entity_id(kind, name)}, 0.9, "rule:test")


# (text, the names found before, the claim, its about text, its about entity)
ABOUT_CASES = [
    # the subject of the verb, and an organisation's possessive
    ("Netflix's revenue rose 12 per cent in the quarter.", [("organization", "Netflix")], "12 per cent",
     "Netflix's revenue", "organization/netflix"),
    ("Apple sold 3 million iPhones last year.", [("organization", "Apple")], "3 million iPhones",
     "Apple", "organization/apple"),
    # a definite reference to a kind of work points back to the work named before
    ("Streamline renewed Tidewater. The series drew 14 million views in a week.",
     [("organization", "Streamline"), ("title", "Tidewater")], "14 million views", "The series", "title/tidewater"),
    ("Streamline renewed Tidewater. The third season will have eight episodes.",
     [("organization", "Streamline"), ("title", "Tidewater")], "third", "season", "title/tidewater"),
    # ... and to the organisation that is the article's subject
    ("Carrow Foods reported a loss. The company said 150 of the roles would move.",
     [("organization", "Carrow Foods")], "150", "the roles", "organization/carrow-foods"),
    # pronouns: the person or the work named before
    ("Writer Hattie Marsh said she had planned the ending for three years.", [("person", "Hattie Marsh")],
     "three years", "she", "person/hattie-marsh"),
    # a lone surname is the full name the article gave first
    ("Maya Thorne released an album. Thorne, 31, wrote most of the 14 songs.",
     [("person", "Maya Thorne"), ("person", "Thorne", 1)], "31", "Thorne", "person/maya-thorne"),
    # an amount of a phrase with no name: the clause's named subject owns it
    ("Carrow Foods reported a pre-tax loss of £31.4m for 2024.", [("organization", "Carrow Foods")], "£31.4m",
     "a pre-tax loss", "organization/carrow-foods"),
    # a name in apposition is what the phrase is ("Ferrante's previous film, Night Ferry")
    ("Ferrante's previous film, Night Ferry, opened with $12 million.",
     [("person", "Ferrante"), ("title", "Night Ferry")], "$12 million", "Ferrante's previous film",
     "title/night-ferry"),
    # a possessor owns what has no other name: "Kiprop's winning time"
    ("Ruth Kiprop won. Kiprop's winning time was the fourth-fastest in history.",
     [("person", "Ruth Kiprop"), ("person", "Kiprop", 1)], "fourth", "Kiprop's winning time", "person/ruth-kiprop"),
    # a bare measure of the company the story is about
    ("Streamline added 8.9 million subscribers. Revenue for the quarter rose 16% to $10.3 billion.",
     [("organization", "Streamline")], "16%", "Revenue", "organization/streamline"),
    # a pronoun: the subject named before (a name in apposition to it counts), not a name in passing
    ("The animated comedy Pip, which had led the chart, fell to second place. Its total now stands at $156 million.",
     [("title", "Pip")], "$156 million", "Its total", "title/pip"),
    ("The drama Harbour Lights was watched by millions, according to figures from Barb. It has been sold to "
     "broadcasters in 23 territories.", [("title", "Harbour Lights"), ("organization", "Barb")], "23 territories",
     "It", "title/harbour-lights"),
    # an age with no name in its phrase is the person named before
    ("Ruth Kiprop won on Sunday. The 27-year-old, running only her second marathon, pulled away after 35 kilometres.",
     [("person", "Ruth Kiprop")], "35 kilometres", "The 27-year-old", "person/ruth-kiprop"),
    # nothing named: the noun phrase measured, no entity
    ("Turnout was 38.6%, up from 31% at the last election.", [], "38.6%", "Turnout", None),
    ("Chief executive Alistair Dunmore blamed a 23% rise in the cost of potatoes.",
     [("person", "Alistair Dunmore")], "23%", "the cost", None),
]


@pytest.mark.parametrize("text, names, claim_text, about_text, entity", ABOUT_CASES,
                         ids=[case[2] for case in ABOUT_CASES])
def test_about_names_what_is_measured_and_whose_it_is(nlp, extractor, text, names, claim_text, about_text, entity):
    found: dict[str, list] = {"title": [], "person": [], "organization": []}
    for kind, name, *occurrence in names:
        found[kind].append(named(kind, text, name, *occurrence))
    claim = next(m for m in claims(nlp, extractor, text, found) if claim_text in text[m.start:m.end])
    about = claim.value["about"]
    assert (about["text"], about["entity"]) == (about_text, entity)
    assert text[about["start"]:about["end"]] == about["text"]


def test_about_stays_on_the_line_of_its_number(nlp, extractor):
    # the parse runs the headline into the first line; the about phrase is the first line's subject
    text = "Velvet Harbour Announce Reunion Tour After Nine-Year Break\n\nThe indie band Velvet Harbour are to " \
           "reunite for 12 concerts across the UK."
    found = {"organization": [named("organization", text, "Velvet Harbour"),
                              named("organization", text, "Velvet Harbour", 1)]}
    article = Article("test", text, "test", headline_span=(0, text.index("\n")))
    (claim,) = [m for m in extractor(nlp(text), article, found) if m.value["value"] == 12]
    assert "\n" not in claim.value["about"]["text"]
    assert claim.value["about"]["entity"] == "organization/velvet-harbour"


def test_about_in_a_headline_is_its_first_name(nlp, extractor):
    text = "Carrow Foods To Close Two Factories With Loss Of 900 Jobs\n\nThe snack maker will close two sites."
    found = {"organization": [named("organization", text, "Carrow Foods")]}
    article = Article("test", text, "test", headline_span=(0, text.index("\n")))
    mentions = list(extractor(nlp(text), article, found))
    headline = [m for m in mentions if m.end <= article.headline_span[1]]
    assert headline and all(m.value["about"]["entity"] == "organization/carrow-foods" for m in headline)


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


def test_bad_about_lexicon_names_the_key(nlp, tmp_path):
    with pytest.raises(ConfigError, match="extractors.numbers.about_lexicon"):
        NumberExtractor(ExtractorContext(nlp, CONFIGS), NumberExtractor.Options(about_lexicon="patterns/missing.toml"))
    partial = tmp_path / "about.toml"
    partial.write_text('[references]\nwork_nouns = ["series"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="extractors.numbers.about_lexicon.*lacks the list"):
        NumberExtractor(ExtractorContext(nlp, CONFIGS), NumberExtractor.Options(about_lexicon=str(partial)))


def test_bad_confidence_names_the_key(nlp):
    with pytest.raises(ConfigError, match="extractors.numbers.min_confidence"):
        NumberExtractor(ExtractorContext(nlp, CONFIGS), NumberExtractor.Options(min_confidence=2.0))


def test_ordinals_can_be_switched_off(nlp):
    extractor = NumberExtractor(ExtractorContext(nlp, CONFIGS), NumberExtractor.Options(ordinals=False))
    text = "It became the second Korean series to reach No. 1."
    assert spans(claims(nlp, extractor, text), text) == ["No. 1"]


def test_seed_path_is_the_shared_fixture():
    assert Path(SEED_ARTICLE).is_file()


def _article_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for line in (ROOT / "tests" / "gold" / "genres.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and "text" in json.loads(line):
            texts.append(json.loads(line)["text"])
    return texts + ["no full stop here and none there", "One. Two! Three? \n\nFour"]


def test_sentence_index_finds_what_token_sent_finds(nlp, extractor):
    """The per-document sentence starts give each token the start spaCy's token.sent gives, and the
    start of the sentences before it as walking back with token.sent does."""
    from pipeline.extractors.numbers_about import Referents

    for doc in nlp.pipe(_article_texts()):
        referents = Referents(doc, {}, extractor.about_lexicon)
        assert referents.sentence_starts == [sentence.start for sentence in doc.sents]
        for token in doc:
            for back in (1, 4):
                sentence = token.sent
                for _ in range(back - 1):
                    if sentence.start == 0:
                        break
                    sentence = doc[sentence.start - 1].sent
                assert referents.sentence_start(token.i, back) == sentence.start_char


def test_noun_chunks_from_the_arrays_are_spacys(nlp):
    """The array-read noun chunks the numbers' `about` uses are spaCy's, span for span, label included."""
    from pipeline.extractors.noun_chunks import noun_chunks

    found = 0
    for doc in nlp.pipe(_article_texts()):
        expected = [(chunk.start, chunk.end, chunk.label_) for chunk in doc.noun_chunks]
        assert [(chunk.start, chunk.end, chunk.label_) for chunk in noun_chunks(doc)] == expected
        found += len(expected)
    assert found > 100
