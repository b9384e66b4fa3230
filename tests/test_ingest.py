"""Readers turn every input form into Articles, and bad input into one-line Rejects."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from pipeline.article import Article, Reject
from pipeline.config import InputSettings
from pipeline.errors import InputNotFoundError
from pipeline.ingest import apply_header, count_articles, expand_inputs, read_articles

from conftest import SEED_ARTICLE


def read_all(paths, **settings):
    return list(read_articles(expand_inputs([str(p) for p in paths]), InputSettings(**settings)))


def test_seed_header_gives_date_author_and_headline(seed_text):
    [article] = read_all([SEED_ARTICLE])
    assert article.doc_id == SEED_ARTICLE.name
    assert article.text == seed_text  # exactly as read: offsets point into it
    assert article.date == dt.date(2022, 2, 7) and article.date_source == "header"
    assert article.authors == ["Joel Kurian"]
    [(start, end)] = article.byline_spans
    assert article.text[start:end] == "Joel Kurian"
    assert article.headline.startswith("'All Of Us Are Dead' Becomes 2nd K-drama")
    start, end = article.headline_span
    assert article.text[start:end] == article.headline


@pytest.mark.parametrize("text, author", [
    ("Big win for local team\n\nBy Jane Smith\n\nThe team won on Sunday.", "Jane Smith"),
    ("Headline here\nBy Mary-Ann O'Neil | Reuters\nBody text follows here.", "Mary-Ann O'Neil"),
    ("Headline\n\nBy the end of the year, sales had doubled across every region of the country.", None),
])
def test_byline_forms(text, author):
    article = Article("d", text, "x")
    apply_header(article)
    assert (article.authors or [None])[0] == author


def test_folder_and_glob_give_relative_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Title\n\nBody one.", encoding="utf-8")
    (tmp_path / "two.md").write_text("Title\n\nBody two.", encoding="utf-8")
    ids = [a.doc_id for a in read_all([tmp_path])]
    assert ids == ["a/one.txt", "two.md"]
    ids = [a.doc_id for a in read_all([tmp_path / "**" / "*.txt"])]
    assert ids == ["a/one.txt"]


def test_jsonl_fields_metadata_and_configurable_names(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [{"uid": "x1", "body": "Headline\n\nSome text.", "published": "2021-03-04T10:00:00Z",
             "author": ["A B"], "url": "https://example.org/x1"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    fields = {"id": "uid", "text": "body", "date": "published"}
    [article] = read_all([path], jsonl_fields={**InputSettings().jsonl_fields, **fields})
    assert (article.doc_id, article.date, article.date_source) == ("x1", dt.date(2021, 3, 4), "metadata")
    assert article.authors == ["A B"] and article.url == "https://example.org/x1" and article.line == 1


def test_bad_jsonl_lines_are_rejected_and_the_rest_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "ok", "text": "Fine text."}\n'
                     b'{"id": "broken", "text": \n'
                     b'{"id": "no-text"}\n'
                     b'{"id": "bad-date", "text": "x", "date": "yesterday"}\n'
                     b'{"id": "latin1", "text": "caf\xe9"}\n'
                     b'{"id": "empty", "text": "   "}\n'
                     b'{"id": "ok2", "text": "More text."}\n')
    items = read_all([path])
    assert [a.doc_id for a in items if isinstance(a, Article)] == ["ok", "ok2"]
    rejects = {r.line: r.reason for r in items if isinstance(r, Reject)}
    assert set(rejects) == {2, 3, 4, 5, 6}
    assert "malformed JSON" in rejects[2]
    assert "no 'text' field" in rejects[3]
    assert "not an ISO date" in rejects[4]
    assert "UTF-8" in rejects[5]
    assert "empty" in rejects[6]
    assert all("\n" not in reason for reason in rejects.values())


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"\xff\xfe\x00\x00binary", "binary"),
    (b"caf\xe9 au lait", "UTF-8"),
])
def test_bad_text_files_are_rejected(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [reject] = read_all([path])
    assert isinstance(reject, Reject) and reason in reject.reason and str(path) in str(reject)


def test_oversized_article_is_rejected_with_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1_100_000, encoding="utf-8")  # about 5 MB
    [reject] = read_all([path])
    assert isinstance(reject, Reject) and "input.max_chars" in reject.reason


def test_missing_path_and_empty_glob_stop_the_run(tmp_path):
    with pytest.raises(InputNotFoundError, match="input path not found"):
        expand_inputs([str(tmp_path / "nope.txt")])
    with pytest.raises(InputNotFoundError, match="matches no"):
        expand_inputs([str(tmp_path / "*.txt")])


def test_html_goes_through_trafilatura(tmp_path):
    path = tmp_path / "page.html"
    body = " ".join(["The series premiered on Netflix and drew a large audience in its first week."] * 6)
    path.write_text(f"""<html><head><title>Show breaks record</title>
<meta name="author" content="Dana Lee"><meta property="article:published_time" content="2023-05-06">
</head><body><nav>Home | News</nav><article><h1>Show breaks record</h1><p>{body}</p>
<p>{body}</p></article><footer>Copyright</footer></body></html>""", encoding="utf-8")
    [article] = read_all([path])
    assert isinstance(article, Article)
    assert article.headline == "Show breaks record"
    assert article.date == dt.date(2023, 5, 6) and article.date_source == "html"
    assert "Dana Lee" in article.authors
    assert "premiered on Netflix" in article.text and "Copyright" not in article.text


def test_count_articles_is_one_per_text_file_and_a_line_per_jsonl_record(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf-8")
    assert count_articles(expand_inputs([str(tmp_path)])) == 3


def test_two_articles_with_one_doc_id_are_never_merged(tmp_path):
    """Two --input folders that each hold a.txt: the second is rejected naming both files (issue 17)."""
    for folder, words in (("one", "Ann Lee won."), ("two", "Bo Chen lost.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(words, encoding="utf-8")
    first, second = read_all([tmp_path / "one", tmp_path / "two"])
    assert isinstance(first, Article) and first.doc_id == "a.txt" and first.text == "Ann Lee won."
    assert isinstance(second, Reject) and second.doc_id == "a.txt"
    assert str(tmp_path / "one" / "a.txt") in second.reason and second.source == str(tmp_path / "two" / "a.txt")


def test_a_jsonl_id_used_twice_is_rejected_with_both_lines(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "text": "One."}\n{"id": "y", "text": "Two."}\n{"id": "x", "text": "Three."}\n',
                    encoding="utf-8")
    first, second, third = read_all([feed])
    assert [first.doc_id, second.doc_id] == ["x", "y"] and isinstance(second, Article)
    assert isinstance(third, Reject) and third.line == 3 and f"{feed}:1" in third.reason


def test_a_rejected_article_does_not_take_its_id(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "text": ""}\n{"id": "x", "text": "Kept."}\n', encoding="utf-8")
    rejected, kept = read_all([feed])
    assert isinstance(rejected, Reject) and isinstance(kept, Article) and kept.text == "Kept."


def test_html_resolves_no_external_entity_and_fetches_nothing(tmp_path, monkeypatch):
    """An XXE payload and remote resources in an HTML input: no file is read, no connection made."""
    import socket

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    body = " ".join(["The series premiered on Netflix and drew a large audience in its first week."] * 6)
    path = tmp_path / "page.html"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY remote SYSTEM "http://example.invalid/x">]>
<html><head><title>Show breaks record</title><link rel="stylesheet" href="http://example.invalid/s.css">
</head><body><article><h1>Show breaks record</h1><p>&xxe; {body}</p>
<img src="http://example.invalid/pixel.png" alt="a remote image"><p>&remote; {body}</p>
<iframe src="http://example.invalid/frame"></iframe></article></body></html>""", encoding="utf-8")
    [article] = read_all([path])
    assert isinstance(article, Article) and "premiered on Netflix" in article.text
    assert "TOP-SECRET" not in article.text
    assert attempts == []


def test_a_reader_that_raises_rejects_that_input_and_reading_goes_on(tmp_path, monkeypatch):
    """An exception inside one input (here the HTML extractor) is that input's reject, with the reason."""
    import trafilatura

    def broken(*args, **kwargs):
        raise ValueError("the page broke the extractor")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    (tmp_path / "a.html").write_text("<html><body><p>Text.</p></body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ann Lee won.", encoding="utf-8")
    rejected, article = read_all([tmp_path])
    assert isinstance(rejected, Reject) and rejected.source.endswith("a.html")
    assert rejected.reason == "cannot read: ValueError: the page broke the extractor"
    assert isinstance(article, Article) and article.doc_id == "b.txt"
