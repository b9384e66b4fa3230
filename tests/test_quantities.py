"""Number and unit normalization (pipeline/normalize/quantities/): pure functions, no model."""
from __future__ import annotations

import pytest

from pipeline.normalize.quantities import (
    DEFAULT_LEXICON,
    QuantityParser,
    load_lexicon,
    parse_numeral,
    parse_quantity,
    scan_quantities,
    tidy,
    tokenize,
    words_to_number,
)
from pipeline.normalize.quantities.exclusions import is_inside_name, masked_spans
from pipeline.normalize.quantities.numerals import read_number
from pipeline.normalize.quantities.ranges import SCORE, read_range
from pipeline.normalize.quantities.units import currency_prefix, unit_after

# (sentence, value, unit, quantity, qualifier): the first quantity the sentence holds.
CASES = [
    # counts in digits and words
    ("The series consist of 12 episodes in all.", 12, None, "count", "exact"),
    ("It has two shows in the chart.", 2, None, "count", "exact"),
    ("She bought a dozen eggs.", 12, None, "count", "exact"),
    ("There were twenty-one people there.", 21, None, "count", "exact"),
    ("They counted one hundred and five votes.", 105, None, "count", "exact"),
    ("It sold 3.5 million in total.", 3_500_000, None, "count", "exact"),
    ("It sold more than a million copies.", 1_000_000, None, "count", "at_least"),
    ("It had 1,466 entrants.", 1466, None, "count", "exact"),
    ("Nearly 10k fans came.", 10_000, None, "count", "approximate"),
    ("There were 4 hundred million people.", 400_000_000, None, "count", "exact"),
    ("Millions of fans watched the final.", 1_000_000, None, "count", "exact"),
    ("Three-quarters of viewers agreed.", 0.75, None, "count", "exact"),
    ("Almost half of them left.", 0.5, None, "count", "approximate"),
    ("Two thirds of the cake is gone.", 0.666667, None, "count", "exact"),
    ("The walk is two and a half miles long.", 2.5, "mile", "measure", "exact"),
    ("A mouse gets through a 1/4 inch gap.", 0.25, "inch", "measure", "exact"),
    ("The audience fell by a third to 4m.", 0.333333, None, "count", "exact"),
    ("The final drew 6.1m viewers.", 6_100_000, None, "count", "exact"),
    # percentages
    ("Viewership has grown by 200 per cent.", 200, "percent", "percent", "exact"),
    ("The vote went 32% to the favourite.", 32, "percent", "percent", "exact"),
    ("Rates rose 1.38pc this year.", 1.38, "percent", "percent", "exact"),
    ("Growth of 7-9 per cent is forecast.", [7, 9], "percent", "percent", "exact"),
    ("It fell by 25 basis points.", 25, "basis_point", "percent", "exact"),
    ("The rate is up 0.5 percentage points.", 0.5, "percentage_point", "percent", "exact"),
    ("It is expected to rise only to 1.9% next year.", 1.9, "percent", "percent", "exact"),
    ("The false positive rate fell to .001 per cent.", 0.001, "percent", "percent", "exact"),
    ("Rebound of five per cent to 20 per cent expected.", [5, 20], "percent", "percent", "exact"),
    ("About 70% voted against.", 70, "percent", "percent", "approximate"),
    ("Up to 40% of staff may leave.", 40, "percent", "percent", "at_most"),
    # money
    ("The film took £3.5m at the box office.", 3_500_000, "GBP", "money", "exact"),
    ("It raised $120,000 for charity.", 120_000, "USD", "money", "exact"),
    ("Revenue hit 5bn euros.", 5_000_000_000, "EUR", "money", "exact"),
    ("The charity handed out $144m in relief.", 144_000_000, "USD", "money", "exact"),
    ("The drama cost 30 million won.", 30_000_000, "KRW", "money", "exact"),
    ("A fine of 8.2 million Canadian dollars was set.", 8_200_000, "CAD", "money", "exact"),
    ("It paid HK $216,925 in fees.", 216_925, "HKD", "money", "exact"),
    ("Shares reached RM23.50 at the close.", 23.5, "MYR", "money", "exact"),
    ("A notebook for 1,200€ was bought.", 1200, "EUR", "money", "exact"),
    ("It was quoted at USD10m.", 10_000_000, "USD", "money", "exact"),
    ("The price is 333.6 million yen.", 333_600_000, "JPY", "money", "exact"),
    ("Prices range from $89 to $93 billion.", [89_000_000_000, 93_000_000_000], "USD", "money", "exact"),
    ("Prices range from $370,000 to $5.5 million.", [370_000, 5_500_000], "USD", "money", "exact"),
    ("Oil was up 19 cents a barrel.", 19, "cent", "money", "exact"),
    ("The trade deficit hit $-50.8bn.", -50_800_000_000, "USD", "money", "exact"),
    ("The deal was worth PS8.1bn.", 8_100_000_000, "GBP", "money", "exact"),
    ("It is a million dollar house.", 1_000_000, "USD", "money", "exact"),
    # measures
    ("He ran 5 km before breakfast.", 5, "km", "measure", "exact"),
    ("Holmes won the 800m final.", 800, "m", "measure", "exact"),
    ("The tuna weighed 278kg.", 278, "kg", "measure", "exact"),
    ("Winds reached 155mph overnight.", 155, "mph", "measure", "exact"),
    ("The car does 0 to 80km/h quickly.", [0, 80], "km/h", "measure", "exact"),
    ("The phone has a 6.1-inch screen.", 6.1, "inch", "measure", "exact"),
    ("A 5-10W laser was used.", [5, 10], "W", "measure", "exact"),
    ("Temperatures dropped by 1 to 1.5 degrees Celsius.", [1, 1.5], "degC", "measure", "exact"),
    ("It produces 450 Nm of torque.", 450, "N*m", "measure", "exact"),
    ("The centre covers 1520 sq m of floor.", 1520, "m2", "measure", "exact"),
    ("Offense was minus-5 yards.", -5, "yard", "measure", "exact"),
    ("It stores 64GB of photos.", 64, "GB", "measure", "exact"),
    ("The debris stretched for some seven miles.", 7, "mile", "measure", "approximate"),
    # counted time and ages
    ("It came just 7 days after its release.", 7, "day", "duration", "exact"),
    ("It took four months to get there.", 4, "month", "duration", "exact"),
    ("Over the past three or four years prices rose.", [3, 4], "year", "duration", "exact"),
    ("The 10-day festival begins on Friday.", 10, "day", "duration", "exact"),
    ("A 40-year-old actress won.", 40, "year", "age", "exact"),
    ("The man, aged 45, was arrested.", 45, "year", "age", "exact"),
    ("Her 18 month-old daughter slept.", 18, "month", "age", "exact"),
    ("Only players over the age of 21 qualify.", 21, "year", "age", "exact"),
    # ranks and ordinals
    ("The show trended at No. 1 on Netflix.", 1, None, "rank", "exact"),
    ("It went straight in at number one.", 1, None, "rank", "exact"),
    ("Donda debuted at #1 on the chart.", 1, None, "rank", "exact"),
    ("It entered the top 10 list.", 10, None, "rank", "exact"),
    ("Sour slipped to second place.", 2, "place", "rank", "exact"),
    ("It became the 2nd K-drama to trend.", 2, None, "ordinal", "exact"),
    ("It is the second Korean series to do so.", 2, None, "ordinal", "exact"),
    ("The 94th Academy Awards were held.", 94, None, "ordinal", "exact"),
    ("It was his twenty-first film.", 21, None, "ordinal", "exact"),
    # other
    ("The stock trades on 6.5 times earnings.", 6.5, "times", "other", "exact"),
]


@pytest.mark.parametrize("sentence, value, unit, quantity, qualifier", CASES)
def test_first_quantity_is_normalized(sentence, value, unit, quantity, qualifier):
    found = parse_quantity(sentence)
    assert found is not None, sentence
    if isinstance(value, list):
        assert found.value == pytest.approx(value)
    else:
        assert found.value == pytest.approx(value, rel=1e-5)
    assert (found.unit, found.quantity, found.qualifier) == (unit, quantity, qualifier)


# Sentences whose numbers are not claims: the scanner must return nothing.
NOT_CLAIMS = [
    "Apollo 11 landed on the Moon.",
    "The crew of Apollo 11 returned safely.",
    "Call 020 7946 0958 for tickets.",
    "Call (555) 123-4567 today.",
    "The meeting starts at 10:30 sharp.",
    "Markets closed at 4pm on Friday.",
    "Season 4 arrives later.",
    "They watched season two again.",
    "Spider-Man 2 breaks that rule.",
    "The COVID-19 rules were dropped.",
    "He won 6-4 in the final set.",
    "Version 2.4.1 fixed the bug.",
    "No one came to the premiere.",
    "Several hundred fans queued.",
    "Its first week was quiet.",
    "The firm hired a third-party auditor.",
    "Fans of Seventeen and BTS queued.",
    "He said he listened to Nine Inch Nails all day.",
    "He said that Tom Ellery's Million Dollar Smile was good.",
    "The Beatles played 06/05 in Hamburg.",
    "The postcode is M21 9AB.",
    "The score was 1:1 at half time.",
    "Flight 0930 leaves from gate B.",
    "The recording is due Oct/2.",
]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_no_claim_is_read(sentence):
    assert scan_quantities(sentence) == []


@pytest.mark.parametrize("sentence", ["The bombing happened in 1998.", "In 2022 it changed.", "Between 1600 and 1900 it cooled."])
def test_years_are_flagged_for_the_extractor(sentence):
    (found,) = scan_quantities(sentence)
    assert found.is_year_like


def test_span_covers_number_and_unit():
    text = "Viewership grew by 200 per cent, the report said."
    (found,) = scan_quantities(text)
    assert text[found.start:found.end] == "200 per cent"
    assert found.change == "increase"


@pytest.mark.parametrize("sentence, change", [
    ("Shares fell 4.28 percent on Monday.", "decrease"),
    ("Nvidia advanced 8% in early trade.", "increase"),
    ("BioView shares finished 34.4% higher.", "increase"),
    ("Revenue rose to $7.36 billion.", None),
    ("The company has 13000 workers.", None),
])
def test_change_is_read_from_cue_words(sentence, change):
    assert parse_quantity(sentence).change == change


@pytest.mark.parametrize("words, value", [
    (["twenty", "-", "one"], 21),
    (["one", "hundred", "and", "five"], 105),
    (["a", "dozen"], 12),
    (["three", "million"], 3_000_000),
    (["seventh"], 7),
    (["seven", "twenty"], None),
    (["banana"], None),
])
def test_words_to_number(words, value):
    assert words_to_number(words) == value


@pytest.mark.parametrize("text, value", [("1,234.5", 1234.5), ("12", 12), (".001", 0.001), ("3,000", 3000)])
def test_parse_numeral(text, value):
    assert parse_numeral(text) == value


def test_tidy_keeps_whole_numbers_integral():
    assert tidy(3.5 * 1_000_000) == 3_500_000 and isinstance(tidy(2.0), int)
    assert tidy(0.1 * 3) == 0.3


def test_parser_reads_a_lexicon_file(tmp_path):
    copy = tmp_path / "numbers.toml"
    copy.write_text(DEFAULT_LEXICON.read_text(encoding="utf-8").replace('"furlong"', '"furlong"')
                    + '\n', encoding="utf-8")
    parser = QuantityParser(load_lexicon(copy))
    assert parser.parse("It is 5 km away.").unit == "km"


# ---------------------------------------------------------------- the pieces of the package
def test_default_lexicon_is_the_shipped_file():
    assert DEFAULT_LEXICON.is_file() and DEFAULT_LEXICON.parts[-3:] == ("configs", "patterns", "numbers.toml")


def test_lexicon_derives_its_longest_forms_once():
    lexicon = load_lexicon()
    assert lexicon.longest_unit == max(len(form) for form in lexicon.units)
    assert {"seven", "million", "third"} <= lexicon.number_words


@pytest.mark.parametrize("text, value, end, written, scale", [
    ("minus 4 degrees", -4, 2, "digits", None),
    ("6 hundred thousand fans", 600_000, 3, "digits", 100_000),
    ("three and a half laps", 3.5, 4, "words", None),
    ("ninety-nine balloons", 99, 3, "words", None),
    ("millions of viewers", 1_000_000, 1, "words", 1_000_000),
])
def test_read_number(text, value, end, written, scale):
    number = read_number(load_lexicon(), tokenize(text), 0, False)
    assert (number.value, number.end, number.written, number.scale) == (value, end, written, scale)


def test_units_attach_after_and_currencies_before():
    lexicon = load_lexicon()
    tokens = tokenize("€40 and 12 km")
    assert currency_prefix(lexicon, tokens, 0) == ("EUR", 1)
    assert unit_after(lexicon, "€40 and 12 km", tokens, 4, None, None, 12) == (5, "km", "measure")


def test_a_bare_dash_between_digits_is_a_score():
    text = "They won 3-2 at home."
    tokens = tokenize(text)
    assert read_range(load_lexicon(), text, tokens, 2, 3, None, None, "digits", 3) == SCORE


@pytest.mark.parametrize("text, index, expected", [
    ("We watched Episode 9 last night.", 3, "label"),
    ("They boarded the Polaris 7 at dawn.", 4, "capital"),
    ("In 2004 the shop opened.", 1, None),
])
def test_numbers_inside_names(text, index, expected):
    assert is_inside_name(load_lexicon(), text, tokenize(text), index) == expected


def test_phone_numbers_and_clock_times_are_masked():
    text = "Ring 0161 555 0199 before 10:45 or after 6pm today."
    masked = [text[a:b].strip() for a, b in masked_spans(text)]
    assert masked == ["0161 555 0199", "10:45", "6pm"]


def _article_texts() -> list[str]:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "seeds").glob("*.txt"))]
    for line in (root / "tests" / "gold" / "genres.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and "text" in json.loads(line):
            texts.append(json.loads(line)["text"])
    return texts + [case[0] for case in CASES]


def test_the_scan_skips_only_tokens_where_no_quantity_starts():
    """The scan reads a quantity only at tokens its start test passes; reading at every token finds the same."""
    parser, everywhere = QuantityParser(), QuantityParser()
    everywhere._may_start = lambda text: True
    texts = _article_texts() + ["No. 1 and no.3, #4, RM23.50, Rs 500, USD 5, minus 5, -5, ½ cup, .5 of it",
                                "a third of them, half of us, millions of fans, aged 15, age of 15, top 10"]
    found = 0
    for text in texts:
        for keep in (True, False):
            assert parser.scan(text, keep) == everywhere.scan(text, keep)
        found += len(parser.scan(text, True))
    assert found > 100
