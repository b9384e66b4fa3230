"""Fuzzing every extractor through the library, as a run applies them: the model (loaded once per
session, as `pipeline run` loads it) over generated text, then each extractor in the config's
order, then the records and their schema check.

Properties: no exception escapes an extractor; every record passes its JSON Schema; offsets hold
(`text[start:end]` is the record's text, and the sentence's text is `text[s.start:s.end]`); a long
paragraph without punctuation takes time in proportion to its length.
Settings and strategies: tests/fuzzing.py.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.article import Article
from pipeline.config import load_settings
from pipeline.facts import document_record, fact_records
from pipeline.nlp import load_model
from pipeline.run import Extraction, requested_components, run_pipeline
from pipeline.validate import RecordValidator

from conftest import DEFAULT_CONFIG
from fuzzing import ODD_TEXT, cases

# News-like pieces, so that every extractor has something to find: names, roles, works in quotes,
# dates, numbers, relation cues; and odd ones (huge numbers, impossible dates, stray quotes).
PIECES = st.sampled_from([
    "Joe Biden", "Ann Lee", "Bo Kim", "Sable 3", "Mr.", "Dr", "director", "chief executive", "star", "author",
    "said", "wrote", "stars", "created by", "directed", "hosts", "of", "the", "a", "and", "in", "on", "at", "by",
    "'", '"', "“", "”", "‘", "’", "(", ")", ",", ".", "-", "—", ":", ";", "!", "?", "\n", "\n\n",
    "Squid Game", "The Must-See Moment", "Netflix", "BBC", "film", "series", "album", "book", "season 2",
    "Monday", "last year", "February 31", "31 February 2022", "year 0", "9999", "2022-02-07", "the 1990s",
    "12 episodes", "3 million", "$5bn", "£3.5m", "7-9 per cent", "No. 1", "1e400", "9" * 40, "1" * 5000,
    "a billion billion", "10:30", "aged 15", "first", "2nd", "Apollo 11", "@user", "#tag", "http://x.org/a?b=c",
])
# Without lone surrogates: ingest rejects them (tests/test_fuzz_ingest.py), so no extractor sees one.
NEWS_TEXT = st.lists(PIECES | ODD_TEXT.map(lambda t: re.sub("[\ud800-\udfff]", "", t[:30])),
                     min_size=1, max_size=40).map(" ".join)
ANCHORS = st.none() | st.sampled_from([dt.date(2022, 2, 7), dt.date.min, dt.date.max]) | st.dates()


def parts_of(config):
    """The model, the extractors and the validator of a config, as a run builds them."""
    settings = load_settings(config)
    nlp = load_model(settings.model.name, requested_components(settings), settings.trained_ner_path)
    return nlp, Extraction(settings, nlp), RecordValidator(settings.schema_dir)


@pytest.fixture(scope="module")
def pipeline_parts():
    return parts_of(DEFAULT_CONFIG)


@pytest.fixture(scope="module")
def model_only_parts():
    """The other registered extractors: the base model's entities and the trained NER alone."""
    return [parts_of(DEFAULT_CONFIG.parent / name) for name in ("model_only.toml", "trained_only.toml")]


def extract(pipeline_parts, text: str, anchor: dt.date | None = None) -> list[dict]:
    """Every record of one article, each checked: schema and offsets."""
    nlp, extraction, validator = pipeline_parts
    article = Article("fuzz", text, "fuzz", date=anchor)
    doc = nlp(text)
    records = [document_record(article), *fact_records(article, doc, extraction(doc, article))]
    for record in records:
        assert validator.error(record) is None, (record, validator.error(record))
        if record["kind"] == "document":
            continue
        assert 0 <= record["start"] < record["end"] <= len(text)
        assert text[record["start"]:record["end"]] == record["text"], record
        sentence = record.get("sentence")
        if sentence:
            assert text[sentence["start"]:sentence["end"]] == sentence["text"], record
    return records


@cases(1000)
@given(text=NEWS_TEXT, anchor=ANCHORS)
@example(text="Director Ann Lee said on February 31 that 1e400 people watched 'Squid Game' in year 0.",
         anchor=dt.date.max)
@example(text="On Sunday " + "9" * 5000 + " fans saw Bo Kim.", anchor=dt.date.min)
def test_every_extractor_on_generated_text(pipeline_parts, text, anchor):
    extract(pipeline_parts, text, anchor)


@cases(300)
@given(text=NEWS_TEXT)
def test_the_model_only_extractors_on_generated_text(model_only_parts, text):
    for parts in model_only_parts:
        extract(parts, text)


def seconds_for(pipeline_parts, text: str) -> float:
    started = time.perf_counter()
    extract(pipeline_parts, text)
    return time.perf_counter() - started


def paragraph(length: int) -> str:
    """Words, names, numbers and dates without one punctuation mark, `length` characters."""
    unit = "the director Ann Lee said 12 people and 3 million fans saw Squid Game on Monday last year and "
    return (unit * (length // len(unit) + 1))[:length]


def test_a_paragraph_without_punctuation_takes_linear_time(pipeline_parts):
    """Four times the text takes about four times as long (a quadratic extractor takes sixteen)."""
    small = seconds_for(pipeline_parts, paragraph(5_000))
    large = seconds_for(pipeline_parts, paragraph(20_000))
    assert large < 8 * small + 1, f"{small:.2f} s for 5,000 characters, {large:.2f} s for 20,000"


@pytest.mark.slow
def test_a_100000_character_paragraph_finishes_in_seconds(pipeline_parts):
    """59 s before the fixes (people: each candidate re-read its whole line for casing and searched
    doc.ents; dates: each candidate tested against every name), 10 s after, half of it spaCy's."""
    seconds = seconds_for(pipeline_parts, paragraph(100_000))
    assert seconds < 30, f"{seconds:.1f} s for a 100,000-character paragraph"


# Whole runs: a JSONL file of generated lines (articles, broken lines, wrong types) through
# `run_pipeline`, as `pipeline run` calls it, into facts, rejects and the graph export.
JSONL_LINES = st.one_of(
    st.builds(lambda text, date: json.dumps({"text": text, "date": date}), NEWS_TEXT,
              st.none() | st.sampled_from(["2022-02-07", "9999-12-31", "0001-01-01", "2022-02-31", "x"])),
    st.binary(max_size=40).map(lambda data: data.replace(b"\n", b" ").decode("latin-1")),
    st.sampled_from(["[" * 5000, "1" * 5000, '{"text": "a\\ud800"}', '{"text": 7}', "null", '{"id": "x"}']),
)


def read_jsonl(path) -> list[dict]:
    """Each line as strict JSON (no NaN or Infinity). Split on "\n" only, as JSON Lines is: the
    text may hold U+0085 or U+2028 unescaped, which str.splitlines would also split on."""
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")
    return [json.loads(line, parse_constant=refuse) for line in path.read_text("utf-8").split("\n") if line]


@pytest.mark.slow
@cases(12)  # each run loads the model again (~1 s)
@given(lines=st.lists(JSONL_LINES, min_size=1, max_size=6))
def test_whole_runs_on_generated_jsonl(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("fuzz-run")
    source = folder / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    summary = run_pipeline(load_settings(DEFAULT_CONFIG), [str(source)], folder / "out")
    facts, rejects = (read_jsonl(folder / "out" / name) for name in ("facts.jsonl", "rejects.jsonl"))
    assert all(reject["reason"] for reject in rejects)
    # Every non-blank line is an article (its document record) or a reject with a reason.
    non_blank = {n for n, line in enumerate(lines, 1) if line.encode("utf-8", "surrogatepass").strip()}
    documents = {record["line"]: record for record in facts if record["kind"] == "document"}
    assert set(documents) | {reject["line"] for reject in rejects} - {None} == non_blank
    if not non_blank:
        assert [reject["line"] for reject in rejects] == [None]  # "empty file: no JSON lines"
    assert summary.documents == len(documents)
    by_doc = {record["doc_id"]: json.loads(lines[number - 1])["text"] for number, record in documents.items()}
    for record in facts:
        if record["kind"] != "document":
            assert by_doc[record["doc_id"]][record["start"]:record["end"]] == record["text"]
