"""Fuzzing ingest: any bytes, any JSON, wrong types in every field, very long lines and tokens.

Properties: nothing raises; every input becomes an Article or a Reject with a reason (one per
non-blank JSONL line); an article's text is what was read, and every span ingest sets on it
(headline, byline) points at that text. Settings and strategies: tests/fuzzing.py.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.article import Article, Reject
from pipeline.config import InputSettings
from pipeline.ingest import InputFile, apply_header, parse_iso_date, read_articles
from pipeline.jsonl import decode_text, json_lines, parse_json

from fuzzing import JSON_VALUES, ODD_TEXT, cases, long_runs

SETTINGS = InputSettings()
FIELDS = list(SETTINGS.jsonl_fields.values())


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-ingest")


def read(folder, name: str, data: bytes) -> list[Article | Reject]:
    path = folder / name
    path.write_bytes(data)
    return list(read_articles([InputFile(path, folder)], SETTINGS))


def check_article(article: Article) -> None:
    """What every article ingest makes must hold, whatever it was made from."""
    text = article.text
    assert isinstance(text, str) and text.strip()
    text.encode("utf-8")  # no lone surrogate: facts.jsonl must be able to hold it
    if article.headline_span is not None:
        start, end = article.headline_span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == article.headline
    for start, end in article.byline_spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] in article.authors
    assert article.date is None or isinstance(article.date, dt.date)


def check_all(items: list) -> None:
    for item in items:
        assert isinstance(item, (Article, Reject))
        if isinstance(item, Reject):
            assert isinstance(item.reason, str) and item.reason.strip(), item
        else:
            check_article(item)


def non_blank_lines(data: bytes) -> int:
    return sum(1 for line in data.split(b"\n") if line.strip())


@cases(1500)
@given(data=st.binary(max_size=2000))
@example(data=b"\xff\xfe\x00t\x00e\x00x\x00t")  # UTF-16
@example(data=b'{"text": "caf\xe9"}')  # Latin-1
@example(data=b"\n\n  \n")
def test_jsonl_file_of_any_bytes(folder, data):
    items = read(folder, "bytes.jsonl", data)
    check_all(items)
    assert len(items) == max(1, non_blank_lines(data))


@cases(1500)
@given(record=st.dictionaries(st.sampled_from(FIELDS + ["extra"]), JSON_VALUES, max_size=7) | JSON_VALUES)
@example(record={"text": "Body.", "id": {"nested": [1, 2]}, "date": 20220207, "title": ["a"], "author": 7})
@example(record={"text": "Body.", "date": "2022-02-31"})
@example(record={"text": "Body.", "date": "0000-01-01", "author": [None, {}, "  ", "Ann Lee"]})
@example(record={"text": "Body.", "id": 1e400, "date": "9999-12-31"})
def test_jsonl_record_with_wrong_types_in_every_field(folder, record):
    line = json.dumps(record).encode("utf-8")
    items = read(folder, "record.jsonl", line)
    check_all(items)
    [item] = items
    if isinstance(item, Article):
        assert isinstance(record, dict) and item.text == record["text"]


@cases(400)
@given(text=ODD_TEXT, title=ODD_TEXT | st.none(), author=ODD_TEXT | st.lists(ODD_TEXT, max_size=3))
def test_jsonl_text_fields_of_any_unicode(folder, text, title, author):
    line = json.dumps({"text": text, "title": title, "author": author}).encode("utf-8")
    [item] = read(folder, "unicode.jsonl", line)
    check_all([item])
    assert isinstance(item, Reject) or item.text == text


@cases(400)
@given(text=ODD_TEXT)
@example(text="date 2022-02-07\nBy\n\nJane Doe\n\nHeadline\n\nBody text.")
@example(text="\u2028Headline\u2029By Ann Lee\x85body")
def test_text_file_of_any_unicode(folder, text):
    items = read(folder, "article.txt", text.encode("utf-8", "surrogatepass"))
    check_all(items)
    [item] = items
    assert isinstance(item, Reject) or item.text == text


@cases(60)
@given(line=long_runs(st.sampled_from(["a", "ab ", "By Ann Lee ", "9", "\t", "é", "2022-02-07 ", "[", '"'])))
def test_very_long_lines_and_tokens(folder, line):
    check_all(read(folder, "long.txt", line.encode("utf-8")))
    check_all(read(folder, "long.jsonl", json.dumps({"text": line}).encode("utf-8")))
    check_all(read(folder, "raw.jsonl", line.encode("utf-8")))


@pytest.mark.parametrize("text, reason", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"text": ' * 5000 + '"x"' + "}" * 5000, "nested too deeply"),
    ("1" * 5000, "number too long"),
    ('{"text": "x", "id": ' + "9" * 5000 + "}", "number too long"),
    ('{"text": "a\\ud800b"}', "unpaired UTF-16 surrogate"),
    ('{"text": "ok", "author": ["\\udc00"]}', "unpaired UTF-16 surrogate"),
    ('{"\\ud83d": "key"}', "unpaired UTF-16 surrogate"),
])
def test_json_the_json_module_reads_badly_is_a_reject_with_a_reason(folder, text, reason):
    """Before the fix these raised RecursionError or ValueError out of ingest, or (a lone
    surrogate) made an article whose facts could not be written."""
    value, problem = parse_json(text)
    assert value is None and reason in problem
    [reject] = read(folder, "bad.jsonl", text.encode("utf-8"))
    assert isinstance(reject, Reject) and reason in reject.reason


def test_a_paired_surrogate_escape_is_one_character():
    assert parse_json('"\\ud83d\\ude00"') == ("\U0001f600", None)


@cases(500)
@given(value=JSON_VALUES | st.dates() | st.datetimes())
@example(value="0000-01-01")
@example(value="2022-02-31")
@example(value="9999-12-31T23:59")
def test_parse_iso_date_of_anything(value):
    parsed = parse_iso_date(value)
    assert parsed is None or isinstance(parsed, dt.date)


@cases(500)
@given(data=st.binary(max_size=500))
def test_decode_text_of_any_bytes(data):
    text, problem = decode_text(data)
    assert (text is None) != (problem is None)
    if text is not None:
        assert text.encode("utf-8") == data


@cases(200)
@given(lines=st.lists(st.binary(max_size=60).filter(lambda b: b"\n" not in b), max_size=20))
def test_json_lines_numbers_every_non_blank_line(folder, lines):
    path = folder / "lines.jsonl"
    path.write_bytes(b"\n".join(lines))
    read_back = list(json_lines(path))
    assert [line.number for line in read_back] == [n for n, raw in enumerate(lines, 1) if raw.strip()]
    assert all((line.error is None) or line.error for line in read_back)


@cases(300)
@given(text=ODD_TEXT, title=ODD_TEXT | st.none())
def test_apply_header_offsets_hold(text, title):
    # As the readers give it: a title from metadata arrives stripped, or not at all.
    article = Article("fuzz", text, "fuzz", headline=(title or "").strip() or None)
    apply_header(article)
    if article.headline_span is not None:
        start, end = article.headline_span
        assert text[start:end] == article.headline
    for start, end in article.byline_spans:
        assert text[start:end] in article.authors


HTML_PIECES = st.sampled_from([
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<article>", "<h1>", "</h1>",
    '<meta name="author" content="Ann Lee">', '<meta property="article:published_time" content="2022-02-31">',
    "<script>alert(1)</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "&nosuch;",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;", "<div>", "</div>", "<", ">", '"',
    "Ann Lee said on Monday that 3 million people watched.", "\x00", "\u2028", "é",
])


@cases(400)
@given(html=st.lists(HTML_PIECES | ODD_TEXT.map(lambda t: t[:20]), max_size=40).map("".join))
def test_html_file_of_any_markup(folder, html):
    check_all(read(folder, "page.html", html.encode("utf-8", "surrogatepass")))
